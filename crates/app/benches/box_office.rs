//! The box office on the 100k-attendee demo, through the facade as the screen calls it, on a
//! connected replica (so every sale also writes its outbox rows):
//! - a sale of 2 tickets (order, attendees, tickets, codes signed, outbox): bar p99 ≤ 10 ms;
//! - refunding one ticket of it.
//!
//! `cargo bench -p eventos-app --bench box_office` (EVENTOS_BENCH_ATTENDEES changes 100000).
#![allow(clippy::unwrap_used)]

use eventos_app::App;
use eventos_app::box_office::{Holder, Payment, SaleRequest, VoidKind};
use eventos_app::sync::SessionStore;

#[path = "support/fixture.rs"]
mod fixture;
#[path = "../../demo/benches/support/percentiles.rs"]
mod percentiles;
use percentiles::{percentiles, timed};

const SALES: usize = 300;

fn main() {
    // An organizer's laptop, connected as the account's owner: sales go to the outbox too.
    let (dir, attendees) = fixture::connected_demo(|store| {
        let sql = "SELECT user_id FROM account_users WHERE role = 'owner' LIMIT 1";
        store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
    });
    let mut app = App::open_with(dir.path(), SessionStore::File);
    let db = rusqlite::Connection::open(dir.path().join("eventos.db")).unwrap();
    let event: String = db
        .query_row(
            "SELECT e.id FROM events e JOIN tickets t ON t.event_id = e.id WHERE e.status = 'published' \
             GROUP BY e.id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let capacity = serde_json::json!({"capacity": 10_000}).as_object().cloned().unwrap();
    app.update_record("events", &event, capacity).unwrap();
    app.ensure_ticket_key(&event).unwrap();
    let office = app.box_office(&event).unwrap();
    println!(
        "--- the box office on {attendees} attendees; {} with {} places taken ---",
        office.event_name, office.places_taken
    );
    let request = |i: usize| SaleRequest {
        event: event.clone(),
        quantity: 2,
        buyer: Holder { name: format!("Buyer {i}"), email: format!("buyer{i}@example.com") },
        holders: vec![],
        payment: Payment::Card,
    };
    let mut sold = Vec::with_capacity(SALES);
    percentiles(
        "sell 2 tickets (signed, outbox)",
        timed(SALES, |i| {
            sold.push(app.sell(&request(i)).unwrap());
        }),
    );
    percentiles(
        "refund 1 ticket",
        timed(SALES, |i| {
            app.void_ticket(&sold[i].tickets[0].ticket_number, VoidKind::Refund, Some("bench")).unwrap();
        }),
    );
}
