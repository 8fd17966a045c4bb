//! The door on the 100k-attendee demo, through the app facade as the Check-in screen calls it:
//! - check-in (lookup + write of the event_checkins row and the derived ticket status, on a
//!   connected replica so the outbox row is written too): bar p99 ≤ 2 ms;
//! - manual search by name/email over 100k attendees: bar p95 ≤ 20 ms;
//! - scan → verdict without the screen's poll: decode a 1280x720 frame holding a signed ticket,
//!   then decide and record it (the screen collects verdicts every 40 ms; `make bench-checkin` measures the whole way to the screen).
//!
//! `cargo bench -p eventos-app --bench door` (EVENTOS_BENCH_ATTENDEES changes 100000).
#![allow(clippy::unwrap_used)]

use eventos_app::App;
use eventos_app::door::{DoorMode, DoorScan, DoorSetup, ScanMethod, VerdictKind};
use eventos_app::sync::SessionStore;
use eventos_scan::Frame;

#[path = "support/fixture.rs"]
mod fixture;
#[path = "../../demo/benches/support/percentiles.rs"]
mod percentiles;
use percentiles::{percentiles, timed};

const SEARCHES: &[&str] = &[
    "ann",
    "priya patel",
    "chen",
    "tremblay",
    "jose garcia",
    "sofia",
    "o'brien",
    "liam smith",
    "mira ho",
    "kowalski",
    "nadia kh",
    "grace",
];

fn main() {
    // A door laptop: door staff, every check-in also goes to the outbox.
    let (dir, attendees) = fixture::connected_demo(|_| "00000000-0000-4000-8000-000000000001".into());
    let mut app = App::open_with(dir.path(), SessionStore::File);
    let db = rusqlite::Connection::open(dir.path().join("eventos.db")).unwrap();
    let event: String = db
        .query_row("SELECT event_id FROM tickets GROUP BY event_id ORDER BY count(*) DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let tickets: i64 =
        db.query_row("SELECT count(*) FROM tickets WHERE event_id = ?1", [&event], |r| r.get(0)).unwrap();
    let codes: Vec<String> = db
        .prepare("SELECT qr_code FROM tickets WHERE event_id = ?1 AND status = 'active' ORDER BY random() LIMIT 2000")
        .unwrap()
        .query_map([&event], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    println!("--- the door on {attendees} attendees; event with {tickets} tickets, {} active sampled ---", codes.len());
    let door = DoorSetup { event_id: event.clone(), gate: "Gate B".into(), mode: DoorMode::Entry, session_id: None };
    let scan = |payload: &str| DoorScan { door: door.clone(), method: ScanMethod::QrCode, payload: payload.into() };

    percentiles(
        "check_in (lookup + write)",
        timed(codes.len(), |i| {
            assert_eq!(app.check_in(&scan(&codes[i])).unwrap().kind, VerdictKind::Admitted);
        }),
    );
    percentiles(
        "check_in (already in)",
        timed(codes.len(), |i| {
            assert_eq!(app.check_in(&scan(&codes[i])).unwrap().kind, VerdictKind::AlreadyCheckedIn);
        }),
    );
    percentiles(
        "door_search (name/email)",
        timed(1_200, |i| {
            app.door_search(&event, SEARCHES[i % SEARCHES.len()]).unwrap();
        }),
    );

    // Scan → verdict: signed codes of tickets not scanned yet, drawn into 720p frames.
    app.ensure_ticket_key(&event).unwrap();
    let signed: Vec<String> = app.ticket_codes(&event, 100_000).unwrap().into_iter().map(|c| c.payload).collect();
    let frames: Vec<Frame> = (0..200).map(|i| frame_with(&signed[(i * 37) % signed.len()])).collect();
    let decoder = eventos_scan::decoder(eventos_scan::DEFAULT_DECODER).unwrap();
    percentiles(
        "scan -> verdict (720p)",
        timed(frames.len(), |i| {
            let text = eventos_scan::read(decoder.as_ref(), &frames[i]).expect("the frame's code reads");
            app.check_in(&scan(&text)).unwrap();
        }),
    );
}

/// A 1280x720 frame, mid-grey, with the code's image in the middle.
fn frame_with(payload: &str) -> Frame {
    let code = eventos_scan::qr_image(payload).unwrap();
    let (w, h) = (1280u32, 720u32);
    let mut rgb = vec![128u8; (w * h * 3) as usize];
    let (x0, y0) = ((w - code.width.min(w)) / 2, (h - code.height.min(h)) / 2);
    for y in 0..code.height.min(h) {
        for x in 0..code.width.min(w) {
            let v = code.pixels[(y * code.width + x) as usize];
            let at = (((y0 + y) * w + x0 + x) * 3) as usize;
            rgb[at..at + 3].fill(v);
        }
    }
    Frame { width: w, height: h, rgb }
}
