//! The desktop client end to end over loopback HTTP (eventos-supabase → the emulator → the
//! Supabase-like Postgres), into real SQLite replicas:
//! - bootstrap of the account holding one event with 100k orders, attendees and tickets
//!   (bar: 15 s);
//! - push of 10k offline check-ins from a door laptop (bar: 10 s);
//! - one edit's round trip: made on one device, synced, seen on another (bar: 200 ms).
//!
//! Run: `make bench-sync` (or `cargo bench -p eventos-server-tests --bench client_sync`).
#![allow(clippy::unwrap_used)]

use std::time::Instant;

use eventos_server_tests::{BigEvent, Device, Postgres, big_event};
use eventos_store::Row;
use eventos_supabase_emulator::{Config, Emulator};
use eventos_sync::Progress;
use serde_json::json;

const ROWS: u32 = 100_000;
const CHECK_INS: usize = 10_000;

fn device(emulator: &Emulator, email: &str, scope: &str) -> Device {
    Device::new(emulator.url(), emulator.anon_key(), email, scope)
}

fn main() {
    let pg = Postgres::start().unwrap();
    let started = Instant::now();
    let BigEvent { event, account, .. } = big_event(&pg, ROWS);
    println!("setup: {} rows on the server in {:.1} s", 3 * ROWS, started.elapsed().as_secs_f64());
    let emulator = Emulator::start(Config::new(pg.connection_string())).unwrap();

    let mut organizer = device(&emulator, "organizer@demo.eventos.test", &format!("account:{account}"));
    let started = Instant::now();
    let report = organizer.sync();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "bootstrap, account scope: {} rows in {seconds:.1} s ({:.0} rows/s)",
        report.bootstrapped,
        report.bootstrapped as f64 / seconds
    );

    let mut door = device(&emulator, "door@demo.eventos.test", &format!("event:{event}"));
    let started = Instant::now();
    let report = door.sync();
    println!("bootstrap, door's event scope: {} rows in {:.1} s", report.bootstrapped, started.elapsed().as_secs_f64());

    let scans: Vec<(String, String)> = {
        let mut stmt = door
            .store
            .connection()
            .prepare(&format!("SELECT attendee_id, qr_code FROM tickets WHERE event_id = '{event}' AND status = 'active' ORDER BY id LIMIT {CHECK_INS}"))
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
    };
    door.store
        .write_partial(|w| {
            for (attendee, qr) in &scans {
                let row: Row = json!({"event_id": event, "attendee_id": attendee, "qr_code_scanned": qr, "check_in_method": "qr_code"})
                    .as_object()
                    .unwrap()
                    .clone();
                w.insert("event_checkins", row)?;
            }
            Ok(())
        })
        .unwrap();
    let started = Instant::now();
    // The push ends where the pull begins: the first progress that is not the push's.
    let mut pushed_in = None;
    let report = eventos_sync::sync(&mut door.store, &mut door.client, &mut |p| {
        if pushed_in.is_none() && !matches!(p, Progress::Pushing { .. }) {
            pushed_in = Some(started.elapsed().as_secs_f64());
        }
    })
    .unwrap();
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(report.pushed, CHECK_INS);
    let pushed_in = pushed_in.unwrap_or(seconds);
    println!(
        "push of {CHECK_INS} offline check-ins: {pushed_in:.1} s; then pulling their tickets and check-ins back: {:.1} s",
        seconds - pushed_in
    );
    let used = pg
        .psql(&format!("SELECT count(*) FROM public.tickets WHERE event_id = '{event}' AND status = 'used'"))
        .unwrap();
    assert_eq!(used, CHECK_INS.to_string());

    // Round trip: the organizer renames a venue; a second device of the account sees it.
    let mut second = device(&emulator, "owner@demo.eventos.test", &format!("account:{account}"));
    organizer.sync();
    second.sync();
    let venue =
        pg.psql(&format!("SELECT id FROM public.venues WHERE account_id = '{account}' ORDER BY id LIMIT 1")).unwrap();
    let mut times = Vec::new();
    for n in 0..20 {
        let name = format!("Hall {n}");
        let started = Instant::now();
        let patch: Row = json!({"name": name}).as_object().unwrap().clone();
        organizer.store.write(|w| w.update("venues", &venue, patch)).unwrap();
        organizer.sync();
        second.sync();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(second.store.get("venues", &venue).unwrap().unwrap()["name"], name.as_str());
    }
    times.sort_by(f64::total_cmp);
    println!(
        "one edit's round trip (edit, push + pull on its device, pull on another): median {:.0} ms, max {:.0} ms",
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
