//! Paper: the replica's tickets as the print crate's pages. Which tickets (an order, one ticket,
//! or an event's valid ones), their words (the event's date and time in its venue's zone, the
//! venue's address, the holder, the price paid) and their codes (signed where this computer
//! holds the event's key). A cancelled or refunded ticket is printed as not valid, with no code.

use eventos_print::{Paper, Printed, TicketPage};
use eventos_store::{Row, TicketLookup};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

/// An event has at most this many tickets printed at once (one page each).
const EVENT_LIMIT: usize = 100_000;

impl App {
    /// The tickets as a PDF, one page each, on `paper`.
    pub fn tickets_pdf(&self, of: &TicketsOf, paper: Paper) -> Result<Printed> {
        let store = self.store()?;
        let tickets: Vec<TicketLookup> = match of {
            TicketsOf::Order(number) => store.tickets_of_order(number)?,
            TicketsOf::Ticket(number) => store.ticket_by_number(number)?.into_iter().collect(),
            TicketsOf::Event(event) => {
                let id = store.event_stats(event)?.event_id;
                store.tickets_of_event(&id, EVENT_LIMIT)?
            }
        };
        if tickets.is_empty() {
            let what = match of {
                TicketsOf::Order(n) => format!("no order {n} on this computer"),
                TicketsOf::Ticket(n) => format!("no ticket {n} on this computer"),
                TicketsOf::Event(e) => return print(&format!("Tickets of {e}"), &[], paper),
            };
            return Err(AppError::new(ErrorCode::NotFound, what));
        }
        // An order, a ticket, an event: one event either way.
        let event_id = tickets[0].event_id.clone();
        let event = self.event_words(&event_id)?;
        let codes = self.codes_of(&event_id, tickets.clone())?;
        let pages = tickets
            .iter()
            .zip(codes)
            .map(|(ticket, code)| self.ticket_page(ticket, code.payload, &event))
            .collect::<Result<Vec<_>>>()?;
        let title = match of {
            TicketsOf::Order(n) => format!("Tickets of {n}"),
            TicketsOf::Ticket(n) => format!("Ticket {n}"),
            TicketsOf::Event(_) => format!("Tickets of {}", event.name),
        };
        print(&title, &pages, paper)
    }

    /// The words an event's tickets share.
    fn event_words(&self, event_id: &str) -> Result<EventWords> {
        let store = self.store()?;
        let event =
            store.get("events", event_id)?.ok_or_else(|| AppError::new(ErrorCode::NotFound, "no such event"))?;
        let venue: Option<Row> = match event["venue_id"].as_str() {
            Some(id) => store.get("venues", id)?,
            None => None,
        };
        let zone = venue
            .as_ref()
            .and_then(|v| v["timezone"].as_str())
            .filter(|z| eventos_store::zones::is_known(z))
            .unwrap_or_else(|| eventos_store::zones::local_zone())
            .to_owned();
        let address = venue.as_ref().map(|v| {
            [text(v, "address"), text(v, "city"), text(v, "postal_code")]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        });
        Ok(EventWords {
            name: text(&event, "name"),
            when: when(&text(&event, "start_at"), &text(&event, "end_at"), &zone),
            venue: venue.as_ref().map(|v| text(v, "name")),
            address: address.filter(|a| !a.is_empty()),
        })
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

struct EventWords {
    name: String,
    when: String,
    venue: Option<String>,
    address: Option<String>,
}

fn print(title: &str, pages: &[TicketPage], paper: Paper) -> Result<Printed> {
    eventos_print::tickets(title, pages, paper).map_err(|e| AppError::new(ErrorCode::Invalid, e.to_string()))
}

fn reason(what: &str, why: &str) -> String {
    if why.trim().is_empty() { what.to_owned() } else { format!("{what}: {}", why.trim()) }
}

/// "$45.00", or "Free".
fn price(cents: i64) -> String {
    if cents == 0 {
        return "Free".into();
    }
    format!("${}.{:02}", cents / 100, cents % 100)
}

/// "Saturday 12 December 2026, 19:00 – 23:00 (America/Toronto)"; an end on another day is
/// given its date.
fn when(start: &str, end: &str, zone: &str) -> String {
    let Ok(tz) = jiff::tz::db().get(zone) else { return start.to_owned() };
    let local = |utc: &str| utc.parse::<jiff::Timestamp>().ok().map(|t| t.to_zoned(tz.clone()));
    let Some(from) = local(start) else { return start.to_owned() };
    let day = from.strftime("%A %-d %B %Y, %H:%M").to_string();
    let until = match local(end) {
        Some(to) if to.date() == from.date() => format!(" – {}", to.strftime("%H:%M")),
        Some(to) => format!(" – {}", to.strftime("%A %-d %B %Y, %H:%M")),
        None => String::new(),
    };
    format!("{day}{until} ({zone})")
}

#[cfg(test)]
mod tests {
    use super::{TicketsOf, price, when};

    #[test]
    fn times_are_the_venues_and_prices_plain() {
        let w = when("2026-12-13T00:00:00.000000Z", "2026-12-13T04:00:00.000000Z", "America/Toronto");
        assert_eq!(w, "Saturday 12 December 2026, 19:00 – 23:00 (America/Toronto)");
        let two_days = when("2026-12-12T14:00:00.000000Z", "2026-12-13T22:00:00.000000Z", "Europe/Lisbon");
        assert_eq!(two_days, "Saturday 12 December 2026, 14:00 – Sunday 13 December 2026, 22:00 (Europe/Lisbon)");
        assert_eq!((price(4500), price(0), price(1205)), ("$45.00".into(), "Free".into(), "$12.05".into()));
        assert_eq!(TicketsOf::from_typed(" ord-2025 "), TicketsOf::Order("ord-2025".into()));
        assert_eq!(TicketsOf::from_typed("TKT-1"), TicketsOf::Ticket("TKT-1".into()));
        assert_eq!(TicketsOf::from_typed("summit"), TicketsOf::Event("summit".into()));
    }
}
