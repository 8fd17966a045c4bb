//! A small hand-made workspace for store tests: one of each core row, written through the
//! store's own API into a real SQLite file in a temporary folder.
#![allow(dead_code, clippy::unwrap_used)]

use eventos_store::{Row, Store};
use serde_json::{Value, json};

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub account: String,
    pub organizer: String,
    pub venue: String,
    pub event: String,
    pub order: String,
    pub attendee: String,
    pub ticket: String,
}

pub fn row(value: Value) -> Row {
    value.as_object().expect("a JSON object").clone()
}

pub fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = Store::open(&dir.path().join("replica.db")).expect("the replica opens");
    let ids = store
        .write(|w| {
            let account = w.insert("accounts", row(json!({"name": "Test Co"})))?;
            let organizer = w.insert("profiles", row(json!({"email": "sarah@example.com", "full_name": "Sarah Johnson"})))?;
            let venue = w.insert(
                "venues",
                row(json!({"account_id": account, "name": "Metro Toronto Convention Centre", "capacity": 5000})),
            )?;
            let event = w.insert(
                "events",
                row(json!({"id": "e1111111-1111-4111-8111-111111111111", "account_id": account, "organizer_id": organizer,
                    "venue_id": venue, "name": "AI Summit 2025", "type": "conference",
                    "start_at": "2025-06-15T09:00:00-04:00", "end_at": "2025-06-16T18:00:00-04:00",
                    "capacity": 500, "price_cents": 29900, "status": "published"})),
            )?;
            let order = w.insert(
                "orders",
                row(json!({"event_id": event, "quantity": 1, "unit_price_cents": 29900, "payment_status": "paid",
                    "created_at": "2025-10-13T14:25:00Z"})),
            )?;
            let attendee = w.insert(
                "attendees",
                row(json!({"order_id": order, "event_id": event, "full_name": "Michael Chen", "email": "customer@example.com"})),
            )?;
            let ticket = w.insert(
                "tickets",
                row(json!({"event_id": event, "order_id": order, "attendee_id": attendee, "created_at": "2025-10-13T14:30:00Z"})),
            )?;
            Ok([account, organizer, venue, event, order, attendee, ticket])
        })
        .expect("the fixture writes");
    let [account, organizer, venue, event, order, attendee, ticket] = ids;
    Fixture { dir, store, account, organizer, venue, event, order, attendee, ticket }
}

/// A plain connection to the fixture's file with the guard function answering "open": for
/// tests of the SQL rules themselves (CHECKs, triggers), beneath the Writer. Nothing in the
/// product does this.
pub fn unguarded(f: &Fixture) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(f.dir.path().join("replica.db")).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    conn.create_scalar_function(
        eventos_store::GUARD_FUNCTION,
        0,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8,
        |_| Ok(true),
    )
    .unwrap();
    conn
}
