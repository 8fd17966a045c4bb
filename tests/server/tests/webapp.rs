//! The existing web app's client, for real: seed 003's supabase-js examples (`tests/webapp/flows.mjs`
//! with the pinned `@supabase/supabase-js`) run in Node against the seeded Postgres behind the
//! emulator, as the web app runs them — purchase, check-in, dashboard, revenue, sign-in and
//! refresh. Then the other way round: what the web app made arrives in desktop replicas (the
//! organizer's account and the door's event), and the door admits the web-sold ticket once.
//!
//! Needs Node (20 or later) and `tests/webapp/node_modules` (`npm ci --prefix tests/webapp`; `make
//! test` installs it). Without them this test fails, it never skips.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use eventos_app::App;
use eventos_app::door::{DoorHit, DoorMode, DoorScan, DoorSetup, ScanMethod, Verdict, VerdictKind};
use eventos_app::sync::{ConnectForm, SessionStore, SyncState};
use eventos_server_tests::{Postgres, wait_until};
use eventos_supabase_emulator::{Config, Emulator};
use serde_json::Value;

/// The seed's live event: published and public (so the customer can buy), worked by door@.
const EVENT: &str = "e0000001-0000-4000-8000-000000000001";

fn webapp_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../webapp")
}

/// `node` ready to run flows.mjs: checked before anything starts, so that a machine without
/// Node or without the installed package fails at once, saying what to do.
fn node() -> Command {
    let version = Command::new("node").arg("--version").output().ok().filter(|o| o.status.success());
    let version = version.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned()).unwrap_or_else(|| {
        panic!("`node` was not found: this test runs the web app's supabase-js client in Node 20 or later")
    });
    let major: u32 = version.trim_start_matches('v').split('.').next().and_then(|m| m.parse().ok()).unwrap_or(0);
    assert!(major >= 20, "Node {version} is too old: the web app's client needs Node 20 or later");
    assert!(
        webapp_dir().join("node_modules/@supabase/supabase-js/package.json").exists(),
        "tests/webapp/node_modules is missing: run `npm ci --prefix tests/webapp` (make test does)"
    );
    let mut node = Command::new("node");
    // supabase-js builds its realtime client in createClient and wants a global WebSocket, which
    // Node has by default from 22 on and behind this flag in 20 and 21.
    if major < 22 {
        node.arg("--experimental-websocket");
    }
    node
}

/// Runs flows.mjs against the emulator and returns the JSON line it ends with.
fn run_flows(node: Command, emulator: &Emulator) -> Value {
    run_script(node, "flows.mjs", emulator, &[])
}

/// Runs one of the web app's scripts against the emulator (on the seed's live event, with the
/// extra environment given) and returns the JSON line it ends with.
fn run_script(mut node: Command, script: &str, emulator: &Emulator, env: &[(&str, &str)]) -> Value {
    let started = Instant::now();
    let out = node
        .arg(webapp_dir().join(script))
        .env("SUPABASE_URL", emulator.url())
        .env("SUPABASE_ANON_KEY", emulator.anon_key())
        .env("WEBAPP_EVENT_ID", EVENT)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the web app's {script} failed ({}):\n{log}", out.status);
    eprintln!("{log}{script} took {:.1} s", started.elapsed().as_secs_f64());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(line).unwrap_or_else(|e| panic!("{script} did not end with its JSON line ({e}): {stdout}"))
}

fn open_connected(dir: &tempfile::TempDir, emulator: &Emulator, email: &str) -> App {
    let mut app = App::open_with(dir.path(), SessionStore::File);
    let form = ConnectForm {
        url: emulator.url().to_owned(),
        anon_key: emulator.anon_key().to_owned(),
        email: email.to_owned(),
        password: "eventos-demo".to_owned(),
    };
    app.connect(&form).unwrap();
    app
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_else(|| panic!("no {key} in {value}"))
}

#[test]
fn the_web_apps_supabase_js_flows_run_and_their_rows_reach_the_desktop_and_the_door() {
    let started = Instant::now();
    let node = node();
    let pg = Postgres::start().unwrap();
    let emulator = Emulator::start(Config::new(pg.connection_string())).unwrap();
    let web = run_flows(node, &emulator);
    assert_eq!(text(&web, "event_id"), EVENT);
    eprintln!("supabase-js {}; without embedding: {}", web["supabase_js"], web["without_embedding"]);

    // What the web app read and wrote is what the database holds.
    let order = &web["order"];
    let server_order = pg
        .psql(&format!(
            "SELECT o.order_number, o.payment_status, o.stripe_payment_intent_id, o.total_cents, p.email
             FROM public.orders o JOIN public.profiles p ON p.id = o.customer_id WHERE o.id = '{}'",
            text(order, "id")
        ))
        .unwrap();
    let expected = format!(
        "{}|paid|{}|{}|customer@demo.eventos.test",
        text(order, "order_number"),
        text(order, "stripe_payment_intent_id"),
        order["total_cents"]
    );
    assert_eq!(server_order, expected);
    let revenue = pg
        .psql(
            "SELECT coalesce(json_object_agg(event_id, cents), '{}') FROM (SELECT event_id, sum(total_cents) AS cents
             FROM public.orders WHERE payment_status = 'paid' AND account_id = 'aa000001-0000-4000-8000-000000000001'
             GROUP BY event_id) r",
        )
        .unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&revenue).unwrap(),
        web["revenue_cents_by_event"],
        "revenue as SQL sums it"
    );

    let tickets = web["tickets"].as_array().unwrap();
    let attendees = web["attendees"].as_array().unwrap();
    let (on_the_web, for_the_door): (Vec<&Value>, Vec<&Value>) =
        tickets.iter().partition(|t| t["checked_in_on_the_web"] == true);
    let (used, fresh) = (on_the_web[0], for_the_door[0]);
    assert_eq!(text(fresh, "id"), text(&web, "door_ticket"));
    let holder = |ticket: &Value| {
        let attendee = attendees.iter().find(|a| a["id"] == ticket["attendee_id"]).unwrap();
        (text(attendee, "full_name").to_owned(), text(attendee, "email").to_owned())
    };

    // The organizer's laptop (the account): the web order, its attendees and tickets, its revenue.
    let office_dir = tempfile::tempdir().unwrap();
    let office = open_connected(&office_dir, &emulator, "organizer@demo.eventos.test");
    let number = text(order, "order_number");
    let hits: Vec<DoorHit> = wait_until("received the web order", || {
        office.door_search(EVENT, number).ok().filter(|hits| hits.len() == tickets.len())
    });
    for ticket in tickets {
        let hit = hits.iter().find(|h| h.ticket_id == text(ticket, "id")).unwrap();
        assert_eq!(hit.ticket_number, text(ticket, "ticket_number"));
        assert_eq!(hit.order_number.as_deref(), Some(number));
        assert_eq!((hit.name.clone().unwrap(), hit.email.clone().unwrap()), holder(ticket));
        let status = if ticket["checked_in_on_the_web"] == true { "used" } else { "active" };
        assert_eq!(hit.status, status, "{hit:?}");
    }
    let summary = office.event(EVENT).unwrap().summary;
    assert_eq!(Value::from(summary.revenue_cents), web["revenue_cents_by_event"][EVENT], "the paid order counts");

    // The door's laptop (the event): it admits the web-sold ticket by its QR code, once.
    let door_dir = tempfile::tempdir().unwrap();
    let mut door = open_connected(&door_dir, &emulator, "door@demo.eventos.test");
    wait_until("received the web-sold tickets", || {
        let synced = door.sync_status().ok().is_some_and(|s| s.state == SyncState::Synced);
        let arrived = door.door_search(EVENT, text(fresh, "ticket_number")).ok().is_some_and(|h| h.len() == 1);
        (synced && arrived).then_some(())
    });
    let setup =
        DoorSetup { event_id: EVENT.into(), gate: "Main entrance".into(), mode: DoorMode::Entry, session_id: None };
    let mut scan = |ticket: &Value| -> Verdict {
        let scan =
            DoorScan { door: setup.clone(), method: ScanMethod::QrCode, payload: text(ticket, "qr_code").into() };
        door.check_in(&scan).unwrap()
    };
    let admitted = scan(fresh);
    assert_eq!(admitted.kind, VerdictKind::Admitted, "{admitted:?}");
    assert_eq!(admitted.name, Some(holder(fresh).0));
    assert_eq!(admitted.ticket_number.as_deref(), Some(text(fresh, "ticket_number")));
    let again = scan(fresh);
    assert_eq!(again.kind, VerdictKind::AlreadyCheckedIn, "{again:?}");
    assert_eq!(again.previous.and_then(|p| p.gate).as_deref(), Some("Main entrance"));
    let checked_in_on_the_web = scan(used);
    assert_eq!(checked_in_on_the_web.kind, VerdictKind::AlreadyCheckedIn, "{checked_in_on_the_web:?}");

    // And the admission goes up: the web app would now see the ticket used, with its check-in.
    wait_until("sent the door's check-in", || {
        door.sync_status().ok().filter(|s| s.state == SyncState::Synced && s.waiting == 0)
    });
    let server_ticket = pg
        .psql(&format!(
            "SELECT t.status, c.location, c.qr_code_scanned = t.qr_code FROM public.tickets t
             JOIN public.event_checkins c ON c.ticket_id = t.id WHERE t.id = '{}'",
            text(fresh, "id")
        ))
        .unwrap();
    assert_eq!(server_ticket, "used|Main entrance|t", "one check-in, from the door");
    eprintln!("the whole test took {:.1} s", started.elapsed().as_secs_f64());
}

#[test]
fn an_organizers_offline_edit_and_the_web_apps_edit_of_one_event_converge_with_the_conflict_shown() {
    let node = node();
    let pg = Postgres::start().unwrap();
    let emulator = Emulator::start(Config::new(pg.connection_string())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut laptop = open_connected(&dir, &emulator, "organizer@demo.eventos.test");
    wait_until("the first sync", || {
        laptop.sync_status().ok().filter(|s| s.state == SyncState::Synced && s.waiting == 0)
    });

    // Offline (signed out, so nothing can sync), the organizer renames the event and raises
    // its capacity on the laptop; then the web app renames it and writes a description.
    laptop.sign_out().unwrap();
    let capacity = laptop.event(EVENT).unwrap().summary.capacity + 25;
    let patch = serde_json::json!({"name": "Renamed on the laptop", "capacity": capacity});
    laptop.update_record("events", EVENT, patch.as_object().cloned().unwrap()).unwrap();
    let web = run_script(
        node,
        "edit_event.mjs",
        &emulator,
        &[("WEBAPP_EVENT_NAME", "Renamed on the web"), ("WEBAPP_EVENT_DESCRIPTION", "Written on the web")],
    );
    assert_eq!(text(&web, "name"), "Renamed on the web");

    // Back online: the later name (the web's) wins on both sides, the laptop's capacity and the
    // web's description are both kept, and the laptop shows the name it lost.
    laptop
        .connect(&ConnectForm {
            url: emulator.url().to_owned(),
            anon_key: emulator.anon_key().to_owned(),
            email: "organizer@demo.eventos.test".to_owned(),
            password: "eventos-demo".to_owned(),
        })
        .unwrap();
    wait_until("synced with the conflict", || {
        laptop.sync_status().ok().filter(|s| s.state == SyncState::Synced && s.waiting == 0 && s.conflicts == 1)
    });
    let mine = laptop.event(EVENT).unwrap();
    assert_eq!(mine.summary.name, "Renamed on the web");
    assert_eq!(mine.summary.capacity, capacity);
    assert_eq!(mine.description.as_deref(), Some("Written on the web"));
    let server =
        pg.psql(&format!("SELECT name, capacity, description FROM public.events WHERE id = '{EVENT}'")).unwrap();
    assert_eq!(server, format!("Renamed on the web|{capacity}|Written on the web"), "both sides hold the same event");
    let conflicts = laptop.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let lost = &conflicts[0];
    assert_eq!((lost.table.as_str(), lost.field.as_str()), ("events", "name"));
    assert_eq!(lost.mine, "\"Renamed on the laptop\"");
    assert_eq!(lost.winner.as_deref(), Some("\"Renamed on the web\""));
    assert_eq!(lost.winner_by.as_deref(), Some("the web"));
}
