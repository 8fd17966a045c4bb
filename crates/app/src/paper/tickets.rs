//! Tickets on paper: an order's, one ticket, or an event's valid ones, their codes signed where
//! this computer holds the event's key; a cancelled or refunded ticket printed as not valid,
//! with no code.

use eventos_print::{Paper, TicketPage};
use eventos_store::TicketLookup;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{EVENT_LIMIT, EventWords, PdfJob, money, safe_name};
use crate::{App, AppError, ErrorCode, Result, text};

/// Which tickets to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum TicketsOf {
    /// An order's tickets, by its number (`ORD-…`, any letter case).
    Order(String),
    /// One ticket, by its number (`TKT-…`).
    Ticket(String),
    /// An event's valid tickets (active or used), by its id or slug.
    Event(String),
    /// An attendee's tickets, by the attendee's id.
    Attendee(String),
}

impl TicketsOf {
    /// What a person typed: an order number, a ticket number, else an event's id or slug.
    pub fn from_typed(typed: &str) -> TicketsOf {
        let t = typed.trim();
        let upper = t.to_ascii_uppercase();
        if upper.starts_with("ORD-") {
            TicketsOf::Order(t.to_owned())
        } else if upper.starts_with("TKT-") {
            TicketsOf::Ticket(t.to_owned())
        } else {
            TicketsOf::Event(t.to_owned())
        }
    }
}

impl App {
    /// The tickets, one page each on `paper`: read (and their codes signed) now, drawn by the
    /// caller.
    pub fn tickets_job(&self, of: &TicketsOf, paper: Paper) -> Result<PdfJob> {
        let store = self.store()?;
        let tickets: Vec<TicketLookup> = match of {
            TicketsOf::Order(number) => store.tickets_of_order(number)?,
            TicketsOf::Ticket(number) => store.ticket_by_number(number)?.into_iter().collect(),
            TicketsOf::Attendee(id) => store.tickets_of_attendees(std::slice::from_ref(id))?,
            TicketsOf::Event(event) => {
                let id = store.event_stats(event)?.event_id;
                store.tickets_of_event(&id, EVENT_LIMIT)?
            }
        };
        let Some(first) = tickets.first() else {
            let missing = |what: String| Err(AppError::new(ErrorCode::NotFound, what));
            return match of {
                TicketsOf::Order(n) => missing(format!("no order {n} on this computer")),
                TicketsOf::Ticket(n) => missing(format!("no ticket {n} on this computer")),
                TicketsOf::Attendee(_) => missing("this attendee holds no ticket".into()),
                TicketsOf::Event(e) => {
                    let title = format!("Tickets of {e}");
                    Ok(PdfJob::new(self, "Tickets.pdf".into(), move |progress| {
                        eventos_print::tickets(&title, &[], paper, progress)
                    }))
                }
            };
        };
        // An order, a ticket, an event: one event either way.
        let event_id = first.event_id.clone();
        let event = EventWords::of(&self.event(&event_id)?);
        let codes = self.codes_of(&event_id, tickets.clone())?;
        let pages = tickets
            .iter()
            .zip(codes)
            .map(|(ticket, code)| self.ticket_page(ticket, code.payload, &event))
            .collect::<Result<Vec<_>>>()?;
        let (title, file_name) = match of {
            TicketsOf::Order(_) => {
                let n = first.order_number.clone().unwrap_or_default();
                (format!("Tickets of {n}"), format!("Tickets {n}.pdf"))
            }
            TicketsOf::Ticket(_) => {
                let n = &first.ticket_number;
                (format!("Ticket {n}"), format!("Ticket {n}.pdf"))
            }
            TicketsOf::Event(_) => {
                (format!("Tickets of {}", event.name), format!("Tickets {}.pdf", safe_name(&event.name)))
            }
            TicketsOf::Attendee(_) => {
                let name = first.attendee_name.clone().unwrap_or_default();
                (format!("Tickets of {name}"), format!("Tickets {}.pdf", safe_name(&name)))
            }
        };
        Ok(PdfJob::new(self, file_name, move |progress| eventos_print::tickets(&title, &pages, paper, progress)))
    }

    fn ticket_page(&self, t: &TicketLookup, code: String, event: &EventWords) -> Result<TicketPage> {
        let store = self.store()?;
        let ticket = store.get("tickets", &t.ticket_id)?.unwrap_or_default();
        let order = store.get("orders", &text(&ticket, "order_id"))?.unwrap_or_default();
        let not_valid = match t.status.as_str() {
            "cancelled" => Some(reason("Cancelled", &text(&ticket, "status_reason"))),
            "refunded" => Some(reason("Refunded", &text(&ticket, "status_reason"))),
            _ if t.order_refunded => Some("Refunded".to_owned()),
            _ => None,
        };
        Ok(TicketPage {
            event_name: event.name.clone(),
            when: event.when.clone(),
            venue: event.venue.clone(),
            address: event.address.clone(),
            holder: t.attendee_name.clone(),
            ticket_type: "General admission".into(),
            price: price(order["unit_price_cents"].as_i64().unwrap_or(0)),
            ticket_number: t.ticket_number.clone(),
            order_number: t.order_number.clone(),
            code: not_valid.is_none().then_some(code),
            not_valid,
        })
    }
}

fn reason(what: &str, why: &str) -> String {
    if why.trim().is_empty() { what.to_owned() } else { format!("{what}: {}", why.trim()) }
}

/// "$45.00", or "Free".
fn price(cents: i64) -> String {
    if cents == 0 { "Free".into() } else { money(cents) }
}
#[cfg(test)]
mod tests {
    use super::{TicketsOf, price};

    #[test]
    fn what_was_typed_says_which_tickets_and_prices_read_plain() {
        assert_eq!((price(4500), price(0), price(1205)), ("$45.00".into(), "Free".into(), "$12.05".into()));
        assert_eq!(TicketsOf::from_typed(" ord-2025 "), TicketsOf::Order("ord-2025".into()));
        assert_eq!(TicketsOf::from_typed("TKT-1"), TicketsOf::Ticket("TKT-1".into()));
        assert_eq!(TicketsOf::from_typed("summit"), TicketsOf::Event("summit".into()));
    }
}
