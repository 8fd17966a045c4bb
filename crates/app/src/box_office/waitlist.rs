//! The waitlist of a full event: people join in order; when places free up (a cancellation, a
//! refund, a capacity increase) the next ones are offered a place that is held for them until
//! the offer expires; an offer becomes a paid order in one step, and an expired one moves on to
//! the next person. Offers are made on this computer from what it knows: two laptops offline
//! may both offer the last place (the box office says so for sales too).

use eventos_store::{StoreError, Writer};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use super::sell::{checked, write_sale};
use super::{Holder, Payment, Sale};
use crate::records::Action;
use crate::{App, AppError, ErrorCode, Result, no_event, row, text};

/// How long an offered place is held.
pub const OFFER_HOURS: i64 = 48;

/// One person on the waitlist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WaitlistEntry {
    pub id: String,
    pub position: Option<i64>,
    pub name: String,
    pub email: String,
    /// waiting, offered, converted, expired or cancelled.
    pub status: String,
    pub reason: Option<String>,
    /// When the place was offered.
    pub offered_at: Option<String>,
    /// When an offer lapses (UTC).
    pub expires_at: Option<String>,
}

/// An event's waitlist, after expired offers moved on and free places were offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Waitlist {
    pub event_id: String,
    pub event_name: String,
    pub capacity: i64,
    pub places_taken: i64,
    /// Places held by offers not yet expired.
    pub places_held: i64,
    pub offer_hours: i64,
    pub entries: Vec<WaitlistEntry>,
    /// Offers made and offers expired by this look, in words (empty when nothing moved).
    pub moved: Vec<String>,
}

/// What one pass over the waitlist did.
#[derive(Debug, Default)]
pub(crate) struct Moved {
    expired: usize,
    offered: usize,
}

impl App {
    /// The event's waitlist; expired offers move on and free places are offered first.
    pub fn waitlist(&mut self, event: &str) -> Result<Waitlist> {
        self.permitted("event_waitlists", Action::Read)?;
        let event_id = self.store()?.event_id_of(event)?.ok_or_else(|| no_event(event))?;
        let moved = match self.permitted("event_waitlists", Action::Update) {
            Ok(_) => self.move_waitlist(&event_id)?,
            Err(_) => Moved::default(),
        };
        self.read_waitlist(&event_id, moved)
    }

    /// Adds a person at the end of the waitlist: a pending order for one place and its attendee
    /// (who the place is for), and the entry; offered at once if a place is free.
    pub fn join_waitlist(&mut self, event: &str, person: &Holder, reason: Option<&str>) -> Result<Waitlist> {
        self.permitted("event_waitlists", Action::Create)?;
        let person = checked(person, "person")?;
        let store = self.store_mut()?;
        let event_id = store.event_id_of(event)?.ok_or_else(|| no_event(event))?;
        let price = store.get("events", &event_id)?.and_then(|e| e.get("price_cents").and_then(|p| p.as_i64()));
        let reason = reason.map(str::trim).filter(|r| !r.is_empty()).unwrap_or("event_full");
        store.write(|w| {
            let order = w.insert(
                "orders",
                row(json!({"event_id": event_id, "quantity": 1, "unit_price_cents": price.unwrap_or(0),
                    "payment_status": "pending"})),
            )?;
            let attendee = w.insert(
                "attendees",
                row(json!({"order_id": order, "event_id": event_id, "full_name": person.name, "email": person.email})),
            )?;
            let position = w.next_waitlist_position(&event_id)?;
            w.insert(
                "event_waitlists",
                row(json!({"event_id": event_id, "attendee_id": attendee, "waitlist_position": position,
                    "waitlist_reason": reason, "status": "waiting"})),
            )
        })?;
        self.edited();
        let moved = self.move_waitlist(&event_id)?;
        self.read_waitlist(&event_id, moved)
    }

    /// Turns an offer into a paid order with one ticket for the person, in one transaction.
    pub fn convert_waitlist_entry(&mut self, entry_id: &str, payment: Payment) -> Result<Sale> {
        self.permitted("orders", Action::Create)?;
        self.permitted("event_waitlists", Action::Update)?;
        let store = self.store()?;
        let entry = store.get("event_waitlists", entry_id)?.ok_or_else(|| no_entry(entry_id))?;
        let now = eventos_model::timestamp::now();
        let status = text(&entry, "status");
        let expires = text(&entry, "expires_at");
        if status != "offered" || !expires.is_empty() && expires <= now {
            let why = if status == "offered" { "its offer expired".to_owned() } else { format!("it is {status}") };
            let message = format!("this waitlist entry cannot become an order: {why}");
            return Err(AppError::new(ErrorCode::Invalid, message).on_field("status"));
        }
        let event_id = text(&entry, "event_id");
        let office = self.box_office(&event_id)?;
        let unit_price = if payment == Payment::Complimentary { 0 } else { office.price_cents };
        let attendee = store.get("attendees", &text(&entry, "attendee_id"))?.unwrap_or_default();
        let pending = store
            .get("orders", &text(&attendee, "order_id"))?
            .filter(|o| text(o, "event_id") == event_id && text(o, "payment_status") == "pending");
        let person = Holder { name: text(&attendee, "full_name"), email: text(&attendee, "email") };
        let store = self.store_mut()?;
        let (order_id, taken) = store.write(|w| {
            let order_id = match &pending {
                // Their waitlist order is paid and gets its ticket.
                Some(order) => {
                    let id = text(order, "id");
                    w.update(
                        "orders",
                        &id,
                        row(json!({"payment_status": "paid", "payment_method": payment.as_str(), "paid_at": now,
                            "quantity": 1, "unit_price_cents": unit_price, "total_cents": unit_price})),
                    )?;
                    w.insert(
                        "tickets",
                        row(json!({"event_id": event_id, "order_id": id, "attendee_id": attendee["id"]})),
                    )?;
                    id
                }
                // Someone put on the list from another event's attendees: a new order.
                None => write_sale(w, &event_id, std::slice::from_ref(&person), unit_price, payment)?,
            };
            w.update("event_waitlists", entry_id, row(json!({"status": "converted"})))?;
            Ok::<_, StoreError>((order_id, w.places_taken(&event_id)?))
        })?;
        self.edited();
        let office = super::BoxOffice { places_held: office.places_held - 1, ..office };
        self.sale_made(&order_id, payment, office, taken)
    }

    /// Takes a person off the waitlist; an offered place moves on to the next.
    pub fn cancel_waitlist_entry(&mut self, entry_id: &str) -> Result<Waitlist> {
        self.permitted("event_waitlists", Action::Update)?;
        let store = self.store_mut()?;
        let entry = store.get("event_waitlists", entry_id)?.ok_or_else(|| no_entry(entry_id))?;
        let status = text(&entry, "status");
        if !matches!(status.as_str(), "waiting" | "offered") {
            let message = format!("this waitlist entry is {status} already");
            return Err(AppError::new(ErrorCode::Invalid, message).on_field("status"));
        }
        store.write(|w| w.update("event_waitlists", entry_id, row(json!({"status": "cancelled"}))))?;
        self.edited();
        let event_id = text(&entry, "event_id");
        let moved = self.move_waitlist(&event_id)?;
        self.read_waitlist(&event_id, moved)
    }

    /// Lets expired offers go and offers the free places to the next people waiting (a
    /// published event only). Called after anything that frees places.
    pub(crate) fn move_waitlist(&mut self, event_id: &str) -> Result<Moved> {
        let store = self.store_mut()?;
        // Most events have no waitlist: nothing to write then.
        let sql =
            "SELECT EXISTS (SELECT 1 FROM event_waitlists WHERE event_id = ?1 AND status IN ('waiting', 'offered'))";
        let listed: bool = store.connection().query_row(sql, [event_id], |r| r.get(0))?;
        if !listed {
            return Ok(Moved::default());
        }
        let Some(event) = store.get("events", event_id)? else { return Ok(Moved::default()) };
        let published = text(&event, "status") == "published";
        let capacity = event.get("capacity").and_then(|c| c.as_i64()).unwrap_or(0);
        let now = eventos_model::timestamp::now();
        let moved = store.write(|w| {
            let mut moved = Moved::default();
            for id in w.waitlist_ids(event_id, "offered", Some(&now))? {
                w.update("event_waitlists", &id, row(json!({"status": "expired"})))?;
                moved.expired += 1;
            }
            if published {
                moved.offered = offer_free_places(w, event_id, capacity, &now)?;
            }
            Ok::<_, StoreError>(moved)
        })?;
        if moved.expired + moved.offered > 0 {
            self.edited();
        }
        Ok(moved)
    }

    fn read_waitlist(&self, event_id: &str, moved: Moved) -> Result<Waitlist> {
        let store = self.store()?;
        let event = store.get("events", event_id)?.ok_or_else(|| no_event(event_id))?;
        let sql = "SELECT w.id, w.waitlist_position, COALESCE(a.full_name, ''), COALESCE(a.email, ''), \
                   COALESCE(w.status, 'waiting'), w.waitlist_reason, w.notification_sent_at, w.expires_at \
                   FROM event_waitlists w LEFT JOIN attendees a ON a.id = w.attendee_id WHERE w.event_id = ?1 \
                   ORDER BY w.waitlist_position IS NULL, w.waitlist_position, w.created_at, w.id";
        let entries = store
            .connection()
            .prepare(sql)?
            .query_map([event_id], |r| {
                Ok(WaitlistEntry {
                    id: r.get(0)?,
                    position: r.get(1)?,
                    name: r.get(2)?,
                    email: r.get(3)?,
                    status: r.get(4)?,
                    reason: r.get(5)?,
                    offered_at: r.get(6)?,
                    expires_at: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut words = Vec::new();
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        if moved.expired > 0 {
            words.push(format!("{} and moved on", plural(moved.expired, "offer expired", "offers expired")));
        }
        if moved.offered > 0 {
            words.push(format!("{} offered, held for {OFFER_HOURS} hours", plural(moved.offered, "place", "places")));
        }
        Ok(Waitlist {
            event_id: event_id.to_owned(),
            event_name: text(&event, "name"),
            capacity: event.get("capacity").and_then(|c| c.as_i64()).unwrap_or(0),
            places_taken: store.places_taken(event_id)?,
            places_held: store.places_held(event_id, &eventos_model::timestamp::now())?,
            offer_hours: OFFER_HOURS,
            entries,
            moved: words,
        })
    }
}

/// Offers each free place (capacity less places taken and held) to the next person waiting;
/// returns how many were offered.
fn offer_free_places(w: &mut Writer<'_>, event_id: &str, capacity: i64, now: &str) -> Result<usize, StoreError> {
    let free = capacity - w.places_taken(event_id)? - w.places_held(event_id, now)?;
    let waiting = w.waitlist_ids(event_id, "waiting", None)?;
    let expires = expiry(now);
    let offered = waiting.into_iter().take(usize::try_from(free).unwrap_or(0)).collect::<Vec<_>>();
    for id in &offered {
        let patch = json!({"status": "offered", "notification_sent_at": now, "expires_at": expires});
        w.update("event_waitlists", id, row(patch))?;
    }
    Ok(offered.len())
}

/// When an offer made at `now` lapses.
fn expiry(now: &str) -> String {
    let at = eventos_model::timestamp::parse(now).unwrap_or_else(time::OffsetDateTime::now_utc);
    eventos_model::timestamp::format(at + time::Duration::hours(OFFER_HOURS))
}

fn no_entry(id: &str) -> AppError {
    AppError::new(ErrorCode::NotFound, format!("there is no waitlist entry {id} on this computer"))
}
