//! What the door screen reads besides verdicts: live counts, manual search, and duplicate
//! entries across devices.

use eventos_model::signed_ticket::{self, Scanned};
use eventos_store::{Presence, Store};
use serde::Serialize;
use ts_rs::TS;

use crate::{App, Result};

/// A check-in in the past, for "already checked in at 19:02, Gate B".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PastScan {
    pub at: String,
    pub gate: Option<String>,
    pub device_id: Option<String>,
    /// Whether this computer recorded it.
    pub this_device: bool,
}

impl PastScan {
    pub(crate) fn from_presence(presence: Presence, store: &Store) -> PastScan {
        PastScan::new(presence.at, presence.gate, presence.device_id, store)
    }

    fn new(at: String, gate: Option<String>, device_id: Option<String>, store: &Store) -> PastScan {
        let this_device = device_id.is_some() && store.device_node().ok() == device_id;
        PastScan { at, gate, device_id, this_device }
    }
}

/// Checked in / sold / inside, for the door screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct DoorCounts {
    pub checked_in: i64,
    pub sold: i64,
    pub inside: i64,
}

/// A ticket found by the door's manual search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DoorHit {
    pub ticket_id: String,
    pub ticket_number: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub order_number: Option<String>,
    /// `active`, `used`, `cancelled` or `refunded`.
    pub status: String,
    pub inside: bool,
}

/// "Duplicate: first entered 19:02 at Gate B, again 19:05 at Gate A".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DuplicateEntry {
    pub ticket_id: String,
    pub ticket_number: Option<String>,
    pub name: Option<String>,
    pub first: PastScan,
    pub again: PastScan,
}

/// The most a search answers with.
const SEARCH_LIMIT: usize = 20;

impl App {
    pub fn door_counts(&self, event_id: &str) -> Result<DoorCounts> {
        let counts = self.store()?.door_counts(event_id)?;
        Ok(DoorCounts { checked_in: counts.checked_in, sold: counts.sold, inside: counts.inside })
    }

    /// Tickets of the event by holder name or email (word prefixes), ticket number or order
    /// number; at most 20.
    pub fn door_search(&self, event_id: &str, query: &str) -> Result<Vec<DoorHit>> {
        let store = self.store()?;
        let query = query.trim();
        let tickets = if let Scanned::TicketNumber(number) = signed_ticket::classify(query) {
            store.ticket_by_number(&number)?.into_iter().collect()
        } else if query.to_ascii_uppercase().starts_with("ORD-") {
            store.tickets_of_order(query)?
        } else {
            let attendees: Vec<String> = store
                .search_attendees(query, Some(event_id), SEARCH_LIMIT)?
                .into_iter()
                .map(|hit| hit.attendee_id)
                .collect();
            store.tickets_of_attendees(&attendees)?
        };
        tickets
            .into_iter()
            .filter(|t| t.event_id == event_id)
            .take(SEARCH_LIMIT)
            .map(|t| {
                let inside = match store.presence(&t.ticket_id, None)? {
                    Some(presence) => presence.inside,
                    None => t.status == "used",
                };
                Ok(DoorHit {
                    ticket_id: t.ticket_id,
                    ticket_number: t.ticket_number,
                    name: t.attendee_name,
                    email: t.attendee_email,
                    order_number: t.order_number,
                    status: t.status,
                    inside,
                })
            })
            .collect()
    }

    /// Tickets let in twice by different devices with no exit between: after a sync, every
    /// device lists the same ones.
    pub fn duplicate_entries(&self, event_id: &str) -> Result<Vec<DuplicateEntry>> {
        let store = self.store()?;
        Ok(store
            .duplicate_entries(event_id)?
            .into_iter()
            .map(|d| DuplicateEntry {
                ticket_id: d.ticket_id,
                ticket_number: d.ticket_number,
                name: d.attendee_name,
                first: PastScan::new(d.first.at, d.first.gate, d.first.device_id, store),
                again: PastScan::new(d.again.at, d.again.gate, d.again.device_id, store),
            })
            .collect())
    }
}
