//! Two doors' Apps on this computer, each on its own demo replica, joined by a pairing code
//! held up to one's camera:
//! a check-in at one door is a verdict at the other (separate hosts, partitions and a crash are
//! `tests/server/tests/doors.rs`, which needs root).
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use eventos_app::App;
use eventos_app::door::{CameraResolution, DoorMode, DoorScan, DoorSetup, ScanMethod, VerdictKind};
use eventos_app::sync::SessionStore;
use rusqlite::Connection;
use time::macros::date;

struct Door {
    dir: tempfile::TempDir,
    app: App,
    setup: DoorSetup,
}

fn door(gate: &str) -> Door {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::open_with(dir.path(), SessionStore::File);
    app.open_demo_on(date!(2026 - 12 - 07)).unwrap();
    let db = Connection::open(dir.path().join("eventos.db")).unwrap();
    let event_id = db
        .query_row(
            "SELECT event_id FROM tickets WHERE status = 'active' GROUP BY event_id ORDER BY count(*) DESC, event_id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let setup = DoorSetup { event_id, gate: gate.into(), mode: DoorMode::Entry, session_id: None };
    Door { dir, app, setup }
}

impl Door {
    fn scan(&mut self, payload: &str) -> eventos_app::door::Verdict {
        let scan = DoorScan { door: self.setup.clone(), method: ScanMethod::Manual, payload: payload.into() };
        self.app.check_in(&scan).unwrap()
    }

    /// The key this door keeps in its keychain (here, a file), if it made or learnt one.
    fn kept_key(&self) -> Option<String> {
        std::fs::read_to_string(self.dir.path().join(format!("door-key-{}.secret", self.setup.event_id))).ok()
    }

    fn db(&self) -> Connection {
        Connection::open(self.dir.path().join("eventos.db")).unwrap()
    }

    /// The event's key as the replica has it (the server's; here, the demo's).
    fn replica_key(&self) -> String {
        self.db()
            .query_row("SELECT door_key FROM event_door_keys WHERE event_id = ?1", [&self.setup.event_id], |r| r.get(0))
            .unwrap()
    }

    /// A replica the event's key has not reached (an event made offline): this test's own
    /// connection writes past the app's guard, on purpose.
    fn forget_key(&self) {
        let db = self.db();
        let always = |_: &rusqlite::functions::Context<'_>| Ok(true);
        db.create_scalar_function(
            eventos_store::GUARD_FUNCTION,
            0,
            rusqlite::functions::FunctionFlags::SQLITE_UTF8,
            always,
        )
        .unwrap();
        db.execute("DELETE FROM event_door_keys WHERE event_id = ?1", [&self.setup.event_id]).unwrap();
    }
}

/// Waits for a state the test's own action brings about; the limit only turns a hang into a
/// failure.
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let limit = Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(Instant::now() < limit, "never happened: {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_ticket_let_in_at_one_door_is_already_in_at_the_other() {
    let (mut a, mut b) = (door("Gate A"), door("Gate B"));
    assert_eq!(a.setup.event_id, b.setup.event_id, "the same demo, the same event");
    b.forget_key();
    a.app.open_exchange(&a.setup.clone()).unwrap();
    let alone = b.app.open_exchange(&b.setup.clone()).unwrap();
    assert!(alone.peers.iter().all(|p| !p.connected));
    assert_eq!(a.kept_key(), None, "a uses the replica's key");
    let made = b.kept_key().expect("b, with no key from the server, made one");
    assert_ne!(made, a.replica_key());

    // A shows its pairing code; B's camera (a folder of images standing in for it) reads it.
    let code = a.app.exchange_pairing_code().unwrap();
    assert!(code.qr_payload.starts_with("eventos-pair:"));
    let camera = tempfile::tempdir().unwrap();
    b.app.start_scanner(b.setup.clone(), &format!("dir:{}", camera.path().display()), CameraResolution::P720).unwrap();
    eventos_scan::save_png(&eventos_scan::qr_image(&code.qr_payload).unwrap(), &camera.path().join("code.png"))
        .unwrap();
    wait_for("b connected to a", || {
        let poll = b.app.scanner_poll(0);
        assert!(poll.verdicts.is_empty(), "a pairing code is no ticket: {:?}", poll.verdicts);
        b.app.exchange().unwrap().peers.iter().any(|p| p.connected && p.gate == "Gate A")
    });
    b.app.stop_scanner();
    assert_eq!(b.kept_key(), Some(a.replica_key()), "b keeps the key that came with a's code");

    let ticket: String = Connection::open(a.dir.path().join("eventos.db"))
        .unwrap()
        .query_row(
            "SELECT ticket_number FROM tickets WHERE event_id = ?1 AND status = 'active' ORDER BY ticket_number LIMIT 1",
            [&a.setup.event_id],
            |r| r.get(0),
        )
        .unwrap();
    let before = b.app.door_counts(&b.setup.event_id).unwrap();
    assert_eq!(a.scan(&ticket).kind, VerdictKind::Admitted);
    wait_for("b counts a's check-in", || {
        b.app.door_counts(&b.setup.event_id).unwrap().checked_in == before.checked_in + 1
    });
    // Counted once the row is in (just after the count above can see it).
    wait_for("b counts one check-in received", || b.app.exchange().unwrap().received == 1);
    let again = b.scan(&ticket);
    assert_eq!(again.kind, VerdictKind::AlreadyCheckedIn);
    let previous = again.previous.unwrap();
    assert_eq!((previous.gate.as_deref(), previous.this_device), (Some("Gate A"), false));
    assert!(
        b.app.duplicate_entries(&b.setup.event_id).unwrap().iter().all(|d| d.ticket_number.as_deref() != Some(&ticket))
    );
    wait_for("b's count of a's check-ins", || {
        b.app.exchange().unwrap().peers.iter().any(|p| p.gate == "Gate A" && p.checked_in == 1)
    });

    // A door that leaves is shown gone, not forgotten.
    a.app.close_exchange();
    wait_for("a shown gone at b", || {
        b.app.exchange().unwrap().peers.iter().any(|p| p.gate == "Gate A" && !p.connected)
    });

    // A bad code says what is wrong; with no door open, joining is refused. (Here rather than in
    // a test of its own: a second station of the demo's event in this process would find these.)
    let error = b.app.exchange_pair("10.0.0.2:47011 ABC").unwrap_err();
    assert_eq!(error.code, eventos_app::ErrorCode::Invalid);
    assert!(error.message.contains("10 letters and digits"), "{error:?}");
    let error = a.app.exchange_pair("hello").unwrap_err();
    assert!(error.message.contains("no door is open"), "{error:?}");
}
