//! Ticket PDFs through the facade, on the demo workspace (signed codes): one ticket (bar
//! ≤ 50 ms), an order's tickets, and every valid ticket of the busiest event (time and size);
//! then, on the 100k-attendee fixture, the door list of its busiest event (bar ≤ 20 s).
//!
//! `cargo bench -p eventos-app --bench paper` (EVENTOS_BENCH_ATTENDEES changes 100000).
#![allow(clippy::unwrap_used)]

use std::time::Instant;

use eventos_app::App;
use eventos_app::paper::TicketsOf;
use eventos_app::sync::SessionStore;
use eventos_print::Paper;

#[path = "support/fixture.rs"]
mod fixture;
#[path = "../../demo/benches/support/percentiles.rs"]
mod percentiles;
use percentiles::{percentiles, timed};

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::open_with(dir.path(), SessionStore::File);
    app.open_demo(0).unwrap();
    let db = rusqlite::Connection::open(dir.path().join("eventos.db")).unwrap();
    let (ticket, order): (String, String) = db
        .query_row(
            "SELECT t.ticket_number, o.order_number FROM tickets t JOIN orders o ON o.id = t.order_id \
             WHERE t.status = 'active' ORDER BY o.quantity DESC, t.ticket_number LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let event: String = db
        .query_row(
            "SELECT event_id FROM tickets WHERE status IN ('active', 'used') GROUP BY event_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let one = TicketsOf::Ticket(ticket);
    percentiles("one ticket, A4", timed(50, |_| drop(app.tickets_job(&one, Paper::A4).unwrap().pdf().unwrap())));
    percentiles(
        "one ticket, wallet",
        timed(50, |_| drop(app.tickets_job(&one, Paper::Wallet).unwrap().pdf().unwrap())),
    );
    let order = TicketsOf::Order(order);
    percentiles(
        "an order's tickets, A4",
        timed(20, |_| drop(app.tickets_job(&order, Paper::A4).unwrap().pdf().unwrap())),
    );
    let started = Instant::now();
    let printed = app.tickets_job(&TicketsOf::Event(event), Paper::A4).unwrap().pdf().unwrap();
    println!(
        "the busiest event's {} tickets, A4: {:.2} s, {:.1} MB ({:.1} kB a page)",
        printed.pages,
        started.elapsed().as_secs_f64(),
        printed.bytes.len() as f64 / 1e6,
        printed.bytes.len() as f64 / 1e3 / printed.pages as f64
    );

    // The door list of the 100k fixture's busiest event, through the facade.
    let (dir, attendees) = fixture::connected_demo(|store| {
        let sql = "SELECT user_id FROM account_users WHERE role = 'owner' LIMIT 1";
        store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
    });
    let app = App::open_with(dir.path(), SessionStore::File);
    let db = rusqlite::Connection::open(dir.path().join("eventos.db")).unwrap();
    let (event, tickets): (String, i64) = db
        .query_row(
            "SELECT event_id, count(*) FROM tickets WHERE status IN ('active', 'used') GROUP BY event_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let started = Instant::now();
    let printed = app.door_list_job(&event, Paper::A4).unwrap().pdf().unwrap();
    println!(
        "the door list of the {attendees}-attendee fixture's busiest event ({tickets} tickets), A4: {:.1} s, {} pages, {:.1} MB",
        started.elapsed().as_secs_f64(),
        printed.pages,
        printed.bytes.len() as f64 / 1e6
    );
}
