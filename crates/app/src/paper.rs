//! Paper: the replica's tickets as the print crate's pages. Which tickets (an order, one ticket,
//! or an event's valid ones), their words (the event's date and time in its venue's zone, the
//! venue's address, the holder, the price paid) and their codes (signed where this computer
//! holds the event's key). A cancelled or refunded ticket is printed as not valid, with no code.

use std::path::{Path, PathBuf};

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

/// A paper size, as the screens choose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PaperSize {
    A4,
    Letter,
    Wallet,
}

impl PaperSize {
    /// This computer's usual paper, from its locale.
    pub fn of_this_computer() -> PaperSize {
        match Paper::of_this_computer() {
            Paper::Letter => PaperSize::Letter,
            Paper::A4 | Paper::Wallet => PaperSize::A4,
        }
    }

    pub fn paper(self) -> Paper {
        match self {
            PaperSize::A4 => Paper::A4,
            PaperSize::Letter => Paper::Letter,
            PaperSize::Wallet => Paper::Wallet,
        }
    }
}

/// A PDF written to a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedPdf {
    pub path: String,
    pub pages: u32,
    /// Characters the font lacks, printed as U+FFFD (a name in a script it does not cover).
    pub missing: Vec<String>,
}

/// A PDF whose words were read from the replica, to be drawn off the App's lock (an event's
/// thousands of pages take seconds; a scan must not wait for them).
pub struct PdfJob {
    /// A file name for it ("Tickets ORD-….pdf").
    file_name: String,
    /// The data folder's `opened/pdf/`, where Open puts it.
    opened: PathBuf,
    draw: Box<dyn FnOnce() -> std::result::Result<Printed, eventos_print::PrintError> + Send>,
}

impl PdfJob {
    fn new(
        file_name: String,
        opened: PathBuf,
        draw: impl FnOnce() -> std::result::Result<Printed, eventos_print::PrintError> + Send + 'static,
    ) -> PdfJob {
        PdfJob { file_name, opened, draw: Box::new(draw) }
    }

    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    pub fn pdf(self) -> Result<Printed> {
        (self.draw)().map_err(|e| AppError::new(ErrorCode::Invalid, e.to_string()))
    }

    /// Draws the PDF and writes it to `path`, whole or not at all.
    pub fn save(self, path: &Path) -> Result<SavedPdf> {
        let printed = self.pdf()?;
        write_whole(path, &printed.bytes)?;
        Ok(SavedPdf {
            path: path.display().to_string(),
            pages: u32::try_from(printed.pages).unwrap_or(u32::MAX),
            missing: printed.missing.iter().map(char::to_string).collect(),
        })
    }

    /// Draws the PDF into the data folder's `opened/pdf/` and hands it to the computer's viewer.
    pub fn open(self) -> Result<SavedPdf> {
        let path = self.opened.join(&self.file_name);
        let saved = self.save(&path)?;
        crate::links::hand_to_os(path.as_os_str())?;
        Ok(saved)
    }
}

fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |e: std::io::Error| AppError::new(ErrorCode::Io, format!("cannot write {}: {e}", path.display()));
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    std::io::Write::write_all(&mut temp, bytes).map_err(io)?;
    temp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

impl App {
    /// The tickets as a PDF, one page each, on `paper`.
    pub fn tickets_pdf(&self, of: &TicketsOf, paper: Paper) -> Result<Printed> {
        self.tickets_job(of, paper)?.pdf()
    }

    /// The tickets' pages, read (and their codes signed) now, to be drawn by the caller.
    pub fn tickets_job(&self, of: &TicketsOf, paper: Paper) -> Result<PdfJob> {
        let store = self.store()?;
        let tickets: Vec<TicketLookup> = match of {
            TicketsOf::Order(number) => store.tickets_of_order(number)?,
            TicketsOf::Ticket(number) => store.ticket_by_number(number)?.into_iter().collect(),
            TicketsOf::Event(event) => {
                let id = store.event_stats(event)?.event_id;
                store.tickets_of_event(&id, EVENT_LIMIT)?
            }
        };
        let opened = self.data_dir.join("opened").join("pdf");
        let Some(first) = tickets.first() else {
            let missing = |what: String| Err(AppError::new(ErrorCode::NotFound, what));
            return match of {
                TicketsOf::Order(n) => missing(format!("no order {n} on this computer")),
                TicketsOf::Ticket(n) => missing(format!("no ticket {n} on this computer")),
                TicketsOf::Event(e) => {
                    let title = format!("Tickets of {e}");
                    Ok(PdfJob::new("Tickets.pdf".into(), opened, move || eventos_print::tickets(&title, &[], paper)))
                }
            };
        };
        // An order, a ticket, an event: one event either way.
        let event_id = first.event_id.clone();
        let event = self.event_words(&event_id)?;
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
        };
        Ok(PdfJob::new(file_name, opened, move || eventos_print::tickets(&title, &pages, paper)))
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

/// A name as a file name on any system: no separators or characters Windows refuses.
fn safe_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_control() || r#"\/:*?"<>|"#.contains(c) { ' ' } else { c }).collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = cleaned.chars().take(80).collect();
    if cut.is_empty() { "event".into() } else { cut }
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

/// A badge layout, as the screens offer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BadgeLayoutInfo {
    pub name: String,
    pub label: String,
    /// Badges a page (1: a thermal printer's).
    pub per_page: u32,
}

/// Every badge layout.
pub fn badge_layouts() -> Vec<BadgeLayoutInfo> {
    eventos_print::LAYOUTS
        .iter()
        .map(|l| BadgeLayoutInfo { name: l.name.into(), label: l.label_text.into(), per_page: l.cols * l.rows })
        .collect()
}

/// Which badges to print: an event's attendees with a valid ticket, all of them or only some.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BadgesOf {
    /// The event's id or slug.
    pub event: String,
    /// Only these attendees (ids); all when none.
    #[serde(default)]
    pub attendees: Option<Vec<String>>,
    /// Only the holder of this ticket (its number): the badge of someone just admitted.
    #[serde(default)]
    pub ticket: Option<String>,
    /// A layout's name (`eventos_print::LAYOUTS`).
    pub layout: String,
}

impl App {
    /// Name badges of an event's attendees with a valid ticket, sorted by name, on a layout:
    /// the name, their company where a CRM contact has their email, their ticket's type, and
    /// the ticket's code (signed where this computer holds the event's key).
    pub fn badges_pdf(&self, of: &BadgesOf) -> Result<Printed> {
        self.badges_job(of)?.pdf()
    }

    /// [`App::badges_pdf`] read now, to be drawn by the caller.
    pub fn badges_job(&self, of: &BadgesOf) -> Result<PdfJob> {
        let layout = eventos_print::BadgeLayout::named(&of.layout).ok_or_else(|| {
            let names: Vec<&str> = eventos_print::LAYOUTS.iter().map(|l| l.name).collect();
            let message = format!("there is no badge layout '{}': use one of {}", of.layout, names.join(", "));
            AppError::new(ErrorCode::Invalid, message).on_field("layout")
        })?;
        let store = self.store()?;
        let event_id = store.event_stats(&of.event)?.event_id;
        let event = self.event_words(&event_id)?;
        let mut tickets = store.tickets_of_event(&event_id, EVENT_LIMIT)?;
        tickets.retain(|t| !t.order_refunded && t.attendee_id.is_some());
        if let Some(only) = &of.attendees {
            tickets.retain(|t| t.attendee_id.as_ref().is_some_and(|a| only.contains(a)));
        }
        if let Some(number) = &of.ticket {
            tickets.retain(|t| t.ticket_number.eq_ignore_ascii_case(number.trim()));
        }
        let companies = companies_by_email(store.connection(), &event_id)?;
        let codes = self.codes_of(&event_id, tickets.clone())?;
        let mut people: Vec<eventos_print::Badge> = tickets
            .iter()
            .zip(codes)
            .map(|(t, code)| eventos_print::Badge {
                name: t.attendee_name.clone().unwrap_or_default(),
                company: t.attendee_email.as_ref().and_then(|e| companies.get(&e.to_lowercase()).cloned()),
                role: Some("General admission".into()),
                code: Some(code.payload),
            })
            .collect();
        people.sort_by_cached_key(|b| (b.name.to_lowercase(), b.code.clone()));
        let file_name = format!("Badges {}.pdf", safe_name(&event.name));
        let opened = self.data_dir.join("opened").join("pdf");
        let title = format!("Badges of {}", event.name);
        Ok(PdfJob::new(file_name, opened, move || eventos_print::badges(&title, &event.name, &people, layout)))
    }
}

/// The CRM company of each of the event's attendees whose email is a contact's (lower case).
fn companies_by_email(
    db: eventos_store::Reader<'_>,
    event_id: &str,
) -> Result<std::collections::HashMap<String, String>> {
    let sql = "SELECT lower(a.email), min(o.company_name) FROM attendees a \
               JOIN crm_contacts c ON lower(c.email) = lower(a.email) \
               JOIN crm_organizers o ON o.id = c.organizer_id \
               WHERE a.event_id = ?1 GROUP BY lower(a.email)";
    let mut stmt = db.prepare(sql)?;
    let rows = stmt.query_map([event_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl App {
    /// The door list of an event, for paper fallback: every valid ticket (active or used, its
    /// order not refunded) by last name, with its number and type, ticked if already checked in.
    pub fn door_list_job(&self, event: &str, paper: Paper) -> Result<PdfJob> {
        let store = self.store()?;
        let event_id = store.event_stats(event)?.event_id;
        let words = self.event_words(&event_id)?;
        let mut rows: Vec<eventos_print::DoorListRow> = store
            .tickets_of_event(&event_id, EVENT_LIMIT)?
            .into_iter()
            .filter(|t| !t.order_refunded)
            .map(|t| eventos_print::DoorListRow {
                name: t.attendee_name.unwrap_or_else(|| "—".into()),
                ticket_number: t.ticket_number,
                ticket_type: "General admission".into(),
                checked_in: t.status == "used",
            })
            .collect();
        rows.sort_by_cached_key(|r| (by_last_name(&r.name), r.ticket_number.clone()));
        let now = eventos_model::timestamp::now();
        let printed_at = eventos_store::zones::utc_to_local(&now, eventos_store::zones::local_zone())
            .map_or(now, |local| local.replace('T', " "));
        let file_name = format!("Door list {}.pdf", safe_name(&words.name));
        let opened = self.data_dir.join("opened").join("pdf");
        Ok(PdfJob::new(file_name, opened, move || {
            eventos_print::door_list(&words.name, &words.when, &printed_at, &rows, paper)
        }))
    }
}

/// A name's sort key by last name (its last word, then the whole name): right for most names;
/// a family name of two words ("van Dijk") sorts by its last.
fn by_last_name(name: &str) -> String {
    let lower = name.to_lowercase();
    let last = lower.split_whitespace().last().unwrap_or("");
    format!("{last}\u{0}{lower}")
}
