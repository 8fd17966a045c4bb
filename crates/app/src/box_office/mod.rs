//! The box office: selling tickets at the door while offline, and cancelling, refunding or
//! re-naming what was sold. Every write is the store's ordinary inserts and updates, so a sale
//! syncs like any edit; codes are made here (signed where this computer holds the event's key),
//! so a ticket sold offline is admitted by any door that has synced, or reads its signature.

mod sell;
mod void;
mod waitlist;

pub use void::{VoidKind, Voided};
pub use waitlist::{Waitlist, WaitlistEntry};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::door::TicketCode;
use crate::records::Action;
use crate::{App, Result, no_event, text};

/// How a sale at the door was paid (the order's `payment_method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Payment {
    Cash,
    /// A card terminal: the payment happens on the terminal, the app records it.
    Card,
    /// Free tickets (guests, press): the order's price is 0.
    Complimentary,
}

impl Payment {
    pub fn as_str(self) -> &'static str {
        match self {
            Payment::Cash => "cash",
            Payment::Card => "card",
            Payment::Complimentary => "complimentary",
        }
    }
}

/// Who a ticket is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Holder {
    pub name: String,
    pub email: String,
}

/// A sale: `quantity` tickets for the buyer, or for the `holders` given (one per ticket, in
/// order; a missing or `null` one is "same as buyer").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SaleRequest {
    /// The event's id or slug.
    pub event: String,
    pub quantity: u32,
    pub buyer: Holder,
    #[serde(default)]
    pub holders: Vec<Option<Holder>>,
    pub payment: Payment,
}

/// A sale made: the order and its tickets with their QR payloads, to show at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Sale {
    pub order_id: String,
    pub order_number: String,
    pub total_cents: i64,
    pub payment: Payment,
    pub tickets: Vec<TicketCode>,
    pub box_office: BoxOffice,
}

/// What the box office of an event knows before a sale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BoxOffice {
    pub event_id: String,
    pub event_name: String,
    /// `draft`, `published`, `cancelled` or `completed`: only a published event sells.
    pub status: String,
    pub price_cents: i64,
    pub capacity: i64,
    /// Active and used tickets this computer knows of.
    pub places_taken: i64,
    /// Places held for waitlist offers that have not expired: not sold to anyone else.
    pub places_held: i64,
    pub places_left: i64,
    /// Tickets sold on this computer that the server has not seen yet: other laptops selling
    /// meanwhile cannot know of them, nor this one of theirs.
    pub sold_here_unsynced: i64,
    /// Why it cannot sell now, if it cannot.
    pub closed_because: Option<String>,
}

impl App {
    /// The event's box office as this computer knows it.
    pub fn box_office(&self, event: &str) -> Result<BoxOffice> {
        self.permitted("orders", Action::Read)?;
        let store = self.store()?;
        let event_id = store.event_id_of(event)?.ok_or_else(|| no_event(event))?;
        let row = store.get("events", &event_id)?.ok_or_else(|| no_event(event))?;
        let status = text(&row, "status");
        let capacity = row.get("capacity").and_then(|v| v.as_i64()).unwrap_or(0);
        let places_taken = store.places_taken(&event_id)?;
        let places_held = store.places_held(&event_id, &eventos_model::timestamp::now())?;
        let places_left = capacity - places_taken - places_held;
        let closed_because = match status.as_str() {
            "published" if places_left <= 0 => Some(SOLD_OUT.to_owned()),
            "published" => None,
            "draft" => Some("the event is a draft: publish it to sell tickets".to_owned()),
            other => Some(format!("the event is {other}")),
        };
        Ok(BoxOffice {
            event_id: event_id.clone(),
            event_name: text(&row, "name"),
            status,
            price_cents: row.get("price_cents").and_then(|v| v.as_i64()).unwrap_or(0),
            capacity,
            places_taken,
            places_held,
            places_left,
            sold_here_unsynced: store.tickets_sold_unsynced(&event_id)?,
            closed_because,
        })
    }
}

/// Why a published event does not sell.
const SOLD_OUT: &str = "sold out as this computer knows it";
