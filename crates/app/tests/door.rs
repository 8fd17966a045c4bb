//! Check-in at the door, over the demo replica, offline (nothing here has a network).
#![allow(clippy::unwrap_used)]

use eventos_app::door::{CameraResolution, DoorMode, DoorScan, DoorSetup, ScanMethod, Verdict, VerdictKind};
use eventos_app::sync::SessionStore;
use eventos_app::{App, ErrorCode};
use eventos_model::signed_ticket::{TicketClaim, TicketKey};
use rusqlite::Connection;
use time::macros::date;
use uuid::Uuid;

struct Door {
    _dir: tempfile::TempDir,
    app: App,
    db: Connection,
    event: String,
}

/// The demo's event with the most active tickets.
fn door() -> Door {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::open_with(dir.path(), SessionStore::File);
    app.open_demo_on(date!(2026 - 11 - 22)).unwrap();
    let db = Connection::open(dir.path().join("eventos.db")).unwrap();
    let event = text(
        &db,
        "SELECT event_id FROM tickets WHERE status = 'active' GROUP BY event_id ORDER BY count(*) DESC, event_id LIMIT 1",
    );
    Door { _dir: dir, app, db, event }
}

fn text(db: &Connection, sql: &str) -> String {
    db.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn count(db: &Connection, sql: &str) -> i64 {
    db.query_row(sql, [], |r| r.get(0)).unwrap()
}

impl Door {
    /// A ticket of this event with this status: (id, qr_code, ticket_number, holder).
    fn ticket(&self, status: &str, nth: i64) -> (String, String, String, String) {
        self.db
            .query_row(
                "SELECT t.id, t.qr_code, t.ticket_number, a.full_name FROM tickets t JOIN attendees a ON a.id = t.attendee_id \
                 JOIN orders o ON o.id = t.order_id \
                 WHERE t.event_id = ?1 AND t.status = ?2 AND o.payment_status <> 'refunded' ORDER BY t.id LIMIT 1 OFFSET ?3",
                rusqlite::params![self.event, status, nth],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap()
    }

    fn scan(&mut self, payload: &str) -> Verdict {
        self.scan_as(payload, DoorMode::Entry, ScanMethod::QrCode, None)
    }

    fn scan_as(&mut self, payload: &str, mode: DoorMode, method: ScanMethod, session: Option<&str>) -> Verdict {
        let door = DoorSetup {
            event_id: self.event.clone(),
            gate: " Gate B ".into(),
            mode,
            session_id: session.map(str::to_owned),
        };
        let scan = DoorScan { door, method, payload: payload.into() };
        self.app.check_in(&scan).unwrap()
    }

    fn checkins(&self) -> i64 {
        count(&self.db, "SELECT count(*) FROM event_checkins")
    }

    fn key(&mut self) -> TicketKey {
        let public = self.app.ensure_ticket_key(&self.event).unwrap();
        let dir = self._dir.path().join(format!("ticket-key-{}.secret", self.event));
        let key = TicketKey::from_secret_text(&std::fs::read_to_string(dir).unwrap()).unwrap();
        assert_eq!(key.public_text(), public, "the event row carries the kept key's public half");
        key
    }

    fn claim(&self, ticket_id: &str, number: &str, holder: &str) -> TicketClaim {
        TicketClaim {
            ticket_id: Uuid::parse_str(ticket_id).unwrap(),
            event_id: Uuid::parse_str(&self.event).unwrap(),
            ticket_number: number.into(),
            holder: holder.into(),
        }
    }
}

#[test]
fn a_valid_code_admits_once_and_records_the_checkin_with_the_ticket_used() {
    let mut door = door();
    let (id, qr, number, name) = door.ticket("active", 0);
    let before = door.checkins();
    let verdict = door.scan(&qr);
    assert_eq!(verdict.kind, VerdictKind::Admitted);
    assert_eq!(verdict.name.as_deref(), Some(name.as_str()));
    assert_eq!(verdict.ticket_number.as_deref(), Some(number.as_str()));
    assert!(verdict.order_number.unwrap().starts_with("ORD-"));
    assert_eq!(door.checkins(), before + 1);
    let (ticket_id, gate, method, scanned, device, status, at): (
        String,
        String,
        String,
        String,
        String,
        String,
        String,
    ) = door
        .db
        .query_row(
            &format!(
                "SELECT c.ticket_id, c.location, c.check_in_method, c.qr_code_scanned, c.device_id, t.status, \
                            t.checked_in_at = c.check_in_time \
                     FROM event_checkins c JOIN tickets t ON t.id = c.ticket_id WHERE c.ticket_id = '{id}'"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get::<_, i64>(6)?.to_string())),
        )
        .unwrap();
    assert_eq!(
        (ticket_id.as_str(), gate.as_str(), method.as_str(), scanned.as_str()),
        (id.as_str(), "Gate B", "qr_code", qr.as_str())
    );
    assert_eq!(device, text(&door.db, "SELECT node FROM sync_device"));
    assert_eq!((status.as_str(), at.as_str()), ("used", "1"), "the ticket's status is derived in the same transaction");

    let again = door.scan(&qr);
    assert_eq!(again.kind, VerdictKind::AlreadyCheckedIn);
    assert_eq!(again.name.as_deref(), Some(name.as_str()));
    let previous = again.previous.unwrap();
    assert_eq!((previous.gate.as_deref(), previous.this_device), (Some("Gate B"), true));
    assert_eq!(previous.at, verdict.scanned_at);
    assert_eq!(door.checkins(), before + 1, "a refused scan writes nothing");
}

#[test]
fn a_typed_ticket_number_checks_in_manually_in_any_case() {
    let mut door = door();
    let (id, _, number, _) = door.ticket("active", 1);
    let verdict = door.scan_as(&format!("  {}\n", number.to_lowercase()), DoorMode::Entry, ScanMethod::Manual, None);
    assert_eq!(verdict.kind, VerdictKind::Admitted);
    let (method, scanned): (String, Option<String>) = door
        .db
        .query_row(
            &format!("SELECT check_in_method, qr_code_scanned FROM event_checkins WHERE ticket_id = '{id}'"),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((method.as_str(), scanned), ("manual", None));
}

#[test]
fn wrong_event_cancelled_refunded_and_unknown_are_refused_without_writing() {
    let mut door = door();
    let before = door.checkins();
    let (other_qr, other_event): (String, String) = door
        .db
        .query_row(
            &format!(
                "SELECT t.qr_code, e.name FROM tickets t JOIN events e ON e.id = t.event_id \
                 WHERE t.event_id <> '{}' AND t.status = 'active' LIMIT 1",
                door.event
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let wrong = door.scan(&other_qr);
    assert_eq!((wrong.kind, wrong.other_event.as_deref()), (VerdictKind::WrongEvent, Some(other_event.as_str())));

    let (_, cancelled, _, _) = door.ticket("cancelled", 0);
    assert_eq!(door.scan(&cancelled).kind, VerdictKind::Cancelled);
    let refunded = text(
        &door.db,
        &format!(
            "SELECT t.qr_code FROM tickets t JOIN orders o ON o.id = t.order_id \
             WHERE t.event_id = '{}' AND (t.status = 'refunded' OR o.payment_status = 'refunded') LIMIT 1",
            door.event
        ),
    );
    assert_eq!(door.scan(&refunded).kind, VerdictKind::Refunded);
    let unknown = eventos_model::codes::qr_code_from_bytes([42; 32]);
    assert_eq!(door.scan(&unknown).kind, VerdictKind::Unknown);
    assert_eq!(door.scan("TKT-00000000-261122").kind, VerdictKind::Unknown);
    assert_eq!(door.checkins(), before);
}

#[test]
fn bad_payloads_are_not_tickets_and_write_nothing() {
    let mut door = door();
    let key = door.key();
    let before = door.checkins();
    let outbox = count(&door.db, "SELECT count(*) FROM sync_outbox");
    let random: String = (0..64u32).map(|i| char::from_u32((i * 7919 + 13) % 0xD7FF).unwrap_or('?')).collect();
    let payloads = [
        random,
        "x".repeat(10 * 1024),
        "' OR 1=1; DROP TABLE tickets; --".into(),
        "\"; DELETE FROM event_checkins WHERE ''='".into(),
        key.sign_body(b"not a ticket at all, but signed with the event's own key"),
        String::new(),
        "EOS1.AAAA.BBBB".into(),
    ];
    for payload in &payloads {
        let verdict = door.scan(payload);
        assert_eq!(verdict.kind, VerdictKind::NotATicket, "{:?}", &payload[..payload.len().min(40)]);
        assert!(verdict.detail.is_some());
    }
    assert_eq!(door.checkins(), before);
    assert_eq!(count(&door.db, "SELECT count(*) FROM sync_outbox"), outbox);
    assert!(count(&door.db, "SELECT count(*) FROM tickets") > 0, "the tables are all there");
}

#[test]
fn exit_mode_lets_people_out_and_back_in_and_counts_who_is_inside() {
    let mut door = door();
    let (_, qr, _, _) = door.ticket("active", 2);
    let start = door.app.door_counts(&door.event).unwrap();
    assert_eq!(door.scan_as(&qr, DoorMode::Exit, ScanMethod::QrCode, None).kind, VerdictKind::NotInside);
    assert_eq!(door.scan(&qr).kind, VerdictKind::Admitted);
    let after_entry = door.app.door_counts(&door.event).unwrap();
    assert_eq!((after_entry.inside, after_entry.checked_in), (start.inside + 1, start.checked_in + 1));
    assert_eq!(after_entry.sold, start.sold);

    let exit = door.scan_as(&qr, DoorMode::Exit, ScanMethod::QrCode, None);
    assert_eq!(exit.kind, VerdictKind::Exited);
    assert_eq!(door.app.door_counts(&door.event).unwrap().inside, start.inside);
    let again = door.scan_as(&qr, DoorMode::Exit, ScanMethod::QrCode, None);
    assert_eq!(again.kind, VerdictKind::NotInside);
    assert_eq!(again.previous.unwrap().at, exit.scanned_at, "names the exit");

    assert_eq!(door.scan(&qr).kind, VerdictKind::Admitted, "re-entry after leaving");
    let end = door.app.door_counts(&door.event).unwrap();
    assert_eq!((end.inside, end.checked_in), (start.inside + 1, start.checked_in + 1));
}

#[test]
fn session_checkins_are_per_session_and_leave_the_ticket_alone() {
    let mut door = door();
    let session =
        text(&door.db, &format!("SELECT id FROM sessions WHERE event_id = '{}' ORDER BY id LIMIT 1", door.event));
    let (id, qr, _, _) = door.ticket("active", 3);
    let verdict = door.scan_as(&qr, DoorMode::Entry, ScanMethod::QrCode, Some(&session));
    assert_eq!(verdict.kind, VerdictKind::Admitted);
    assert_eq!(text(&door.db, &format!("SELECT status FROM tickets WHERE id = '{id}'")), "active");
    assert_eq!(
        door.scan_as(&qr, DoorMode::Entry, ScanMethod::QrCode, Some(&session)).kind,
        VerdictKind::AlreadyCheckedIn
    );
    assert_eq!(door.scan(&qr).kind, VerdictKind::Admitted, "the event's door is another matter");

    let elsewhere = text(&door.db, &format!("SELECT id FROM sessions WHERE event_id <> '{}' LIMIT 1", door.event));
    let setup = DoorSetup {
        event_id: door.event.clone(),
        gate: String::new(),
        mode: DoorMode::Entry,
        session_id: Some(elsewhere),
    };
    let scan = DoorScan { door: setup, method: ScanMethod::QrCode, payload: qr };
    assert_eq!(door.app.check_in(&scan).unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn signed_tickets_verify_offline_even_before_their_row_arrives() {
    let mut door = door();
    let key = door.key();
    let (id, _, number, name) = door.ticket("active", 4);
    let known = key.sign(&door.claim(&id, &number, &name));
    let verdict = door.scan(&known);
    assert_eq!((verdict.kind, verdict.not_yet_synced), (VerdictKind::Admitted, false));
    assert_eq!(door.scan(&known).kind, VerdictKind::AlreadyCheckedIn);

    // Sold on another laptop since the last sync: not in this replica, admitted on its signature.
    let new_id = "0badcafe-1234-4abc-8def-0123456789ab";
    let sold_elsewhere = key.sign(&door.claim(new_id, "TKT-0BADCAFE-261122", "Léa Tremblay"));
    let verdict = door.scan(&sold_elsewhere);
    assert_eq!(verdict.kind, VerdictKind::Admitted);
    assert!(verdict.not_yet_synced);
    assert_eq!(verdict.name.as_deref(), Some("Léa Tremblay"));
    assert_eq!(count(&door.db, &format!("SELECT count(*) FROM event_checkins WHERE ticket_id = '{new_id}'")), 1);
    assert_eq!(door.scan(&sold_elsewhere).kind, VerdictKind::AlreadyCheckedIn);

    // Tampered: the name changed after signing.
    let (body, signature) = known.rsplit_once('.').unwrap();
    let forged = key.sign(&door.claim(&id, &number, "Someone Else"));
    let (forged_body, _) = forged.rsplit_once('.').unwrap();
    assert_ne!(forged_body, body);
    assert_eq!(door.scan(&format!("{forged_body}.{signature}")).kind, VerdictKind::InvalidSignature);
    // Signed with a key that is not the event's.
    let stranger = TicketKey::generate().sign(&door.claim(new_id, "TKT-0BADCAFE-261122", "Léa Tremblay"));
    assert_eq!(door.scan(&stranger).kind, VerdictKind::InvalidSignature);
    // Revoked: a cancelled ticket known here fails whatever its signature.
    let (cancelled, _, cancelled_number, holder) = door.ticket("cancelled", 0);
    assert_eq!(door.scan(&key.sign(&door.claim(&cancelled, &cancelled_number, &holder))).kind, VerdictKind::Cancelled);
}

#[test]
fn a_signed_code_of_another_event_is_the_wrong_event() {
    let mut door = door();
    let other = text(&door.db, &format!("SELECT id FROM events WHERE id <> '{}' ORDER BY id LIMIT 1", door.event));
    let mut claim = door.claim("0badcafe-1234-4abc-8def-0123456789ab", "TKT-0BADCAFE-261122", "Léa");
    claim.event_id = Uuid::parse_str(&other).unwrap();
    let other_key = door.app.ensure_ticket_key(&other).unwrap();
    let secret = std::fs::read_to_string(door._dir.path().join(format!("ticket-key-{other}.secret"))).unwrap();
    let key = TicketKey::from_secret_text(&secret).unwrap();
    assert_eq!(key.public_text(), other_key);
    let verdict = door.scan(&key.sign(&claim));
    assert_eq!(verdict.kind, VerdictKind::WrongEvent);
    assert_eq!(verdict.other_event, Some(text(&door.db, &format!("SELECT name FROM events WHERE id = '{other}'"))));
}

#[test]
fn the_demo_signs_its_tickets_and_ticket_codes_carry_the_signature() {
    let mut door = door();
    let without_key = count(&door.db, "SELECT count(*) FROM events WHERE ticket_public_key IS NULL");
    assert_eq!(without_key, 0, "the demo made every event's key");
    let codes = door.app.ticket_codes(&door.event, 3).unwrap();
    assert_eq!(codes.len(), 3);
    assert!(codes.iter().all(|c| c.signed && c.payload.starts_with("EOS1.")));
    assert_eq!(door.scan(&codes[0].payload).name, codes[0].name);
}

#[test]
fn search_finds_tickets_by_name_email_ticket_and_order_number() {
    let door = door();
    let (id, _, number, name) = door.ticket("active", 5);
    let (email, order): (String, String) = door
        .db
        .query_row(
            &format!(
                "SELECT a.email, o.order_number FROM tickets t JOIN attendees a ON a.id = t.attendee_id \
                 JOIN orders o ON o.id = t.order_id WHERE t.id = '{id}'"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    for query in [name.as_str(), email.as_str(), &number.to_lowercase(), order.as_str()] {
        let hits = door.app.door_search(&door.event, query).unwrap();
        assert!(hits.iter().any(|h| h.ticket_id == id), "{query} finds the ticket");
        assert!(hits.len() <= 20);
    }
    assert!(door.app.door_search(&door.event, "' OR 1=1 --").unwrap().iter().all(|h| h.ticket_id != id));
}

#[test]
fn two_doors_admitting_one_ticket_are_reported_as_a_duplicate_on_both() {
    let mut gate_b = door();
    let mut gate_a = door();
    assert_eq!(gate_a.event, gate_b.event, "the same demo");
    let (_, qr, number, name) = gate_b.ticket("active", 6);
    let first = gate_b.scan(&qr);
    let mut scan_a = scan(&gate_a, &qr);
    scan_a.door.gate = "Gate A".into();
    let again = gate_a.app.check_in(&scan_a).unwrap();
    assert_eq!((first.kind, again.kind), (VerdictKind::Admitted, VerdictKind::Admitted), "neither door saw the other");
    assert!(gate_b.app.duplicate_entries(&gate_b.event).unwrap().is_empty());

    // Each replica receives the other's check-in, as a sync would bring it.
    exchange_checkins(&gate_b, &gate_a);
    let on_b = gate_b.app.duplicate_entries(&gate_b.event).unwrap();
    let on_a = gate_a.app.duplicate_entries(&gate_a.event).unwrap();
    assert_eq!(on_b.len(), 1);
    let duplicate = &on_b[0];
    assert_eq!(
        (duplicate.ticket_number.as_deref(), duplicate.name.as_deref()),
        (Some(number.as_str()), Some(name.as_str()))
    );
    assert_eq!(
        (duplicate.first.gate.as_deref(), duplicate.first.at.as_str()),
        (Some("Gate B"), first.scanned_at.as_str())
    );
    assert_eq!(
        (duplicate.again.gate.as_deref(), duplicate.again.at.as_str()),
        (Some("Gate A"), again.scanned_at.as_str())
    );
    assert!(duplicate.first.this_device && !duplicate.again.this_device);
    let strip = |d: &eventos_app::door::DuplicateEntry| (d.ticket_id.clone(), d.first.at.clone(), d.again.at.clone());
    assert_eq!(
        on_a.iter().map(strip).collect::<Vec<_>>(),
        on_b.iter().map(strip).collect::<Vec<_>>(),
        "the same on both"
    );
    assert!(!on_a[0].first.this_device && on_a[0].again.this_device);
}

fn scan(door: &Door, payload: &str) -> DoorScan {
    let setup =
        DoorSetup { event_id: door.event.clone(), gate: "Gate B".into(), mode: DoorMode::Entry, session_id: None };
    DoorScan { door: setup, method: ScanMethod::QrCode, payload: payload.into() }
}

/// Copies each replica's door check-ins (those with a device) into the other, as a sync would
/// apply them: through the store's Writer, as pulled rows.
fn exchange_checkins(a: &Door, b: &Door) {
    let a_path = a._dir.path().join("eventos.db");
    let b_path = b._dir.path().join("eventos.db");
    for (from, to) in [(&a_path, &b_path), (&b_path, &a_path)] {
        let source = eventos_store::Store::open(from).unwrap();
        let ids: Vec<String> = source
            .connection()
            .prepare("SELECT id FROM event_checkins WHERE device_id IS NOT NULL")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let rows: Vec<_> = ids.iter().map(|id| source.get("event_checkins", id).unwrap().unwrap()).collect();
        let mut target = eventos_store::Store::open(to).unwrap();
        target.write(|w| rows.iter().try_for_each(|row| w.apply_pulled("event_checkins", row))).unwrap();
    }
}

#[test]
fn the_camera_scans_a_folder_of_tickets_into_verdicts_with_a_preview() {
    let mut door = door();
    let folder = door._dir.path().join("camera");
    std::fs::create_dir(&folder).unwrap();
    let (id, qr, number, holder) = door.ticket("active", 7);
    let signed = door.key().sign(&door.claim(&id, &number, &holder));
    let (_, cancelled, _, _) = door.ticket("cancelled", 0);
    let setup =
        DoorSetup { event_id: door.event.clone(), gate: "Gate C".into(), mode: DoorMode::Entry, session_id: None };
    assert_eq!(
        door.app.start_scanner(setup.clone(), "camera:7", CameraResolution::P720).unwrap_err().code,
        ErrorCode::Camera,
        "no such camera here"
    );
    assert_eq!(
        door.app.start_scanner(setup.clone(), "dir:/no/such/folder", CameraResolution::P720).unwrap_err().code,
        ErrorCode::Camera
    );
    door.app.start_scanner(setup, &format!("dir:{}", folder.display()), CameraResolution::P1080).unwrap();
    // Shown to the camera once it runs (a folder's earlier files are never shown).
    for (name, payload) in
        [("1.png", &signed), ("2.png", &cancelled), ("3.png", &"not a ticket".to_owned()), ("4.png", &qr)]
    {
        eventos_scan::save_png(&eventos_scan::qr_image(payload).unwrap(), &folder.join(name)).unwrap();
    }
    let mut verdicts = Vec::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while verdicts.len() < 4 && std::time::Instant::now() < deadline {
        let after = verdicts.last().map_or(0, |v: &eventos_app::door::ScannedVerdict| v.seq);
        let poll = door.app.scanner_poll(after);
        assert!(poll.running && poll.error.is_none(), "{:?}", poll.error);
        verdicts.extend(poll.verdicts);
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let kinds: Vec<VerdictKind> = verdicts.iter().map(|v| v.verdict.kind).collect();
    let expected =
        [VerdictKind::Admitted, VerdictKind::Cancelled, VerdictKind::NotATicket, VerdictKind::AlreadyCheckedIn];
    assert_eq!(kinds, expected, "the same ticket's stored code after its signed one: already in");
    assert_eq!(verdicts[0].verdict.name.as_deref(), Some(holder.as_str()));
    assert!(verdicts.iter().all(|v| v.frame_at <= v.verdict.scanned_at), "the frame comes before its verdict");
    let poll = door.app.scanner_poll(verdicts[3].seq);
    assert!(poll.verdicts.is_empty() && poll.frames > 0);
    assert!(poll.frame.unwrap().starts_with("data:image/jpeg;base64,"));
    assert!(poll.source.contains("camera"));
    let side = eventos_scan::qr_image(&qr).unwrap().width;
    assert_eq!(
        poll.frame_size,
        Some(format!("{side}×{side}")),
        "the last image's size (a folder ignores the resolution)"
    );
    door.app.stop_scanner();
    assert!(!door.app.scanner_poll(0).running);
    let gate: String = text(&door.db, "SELECT location FROM event_checkins WHERE device_id IS NOT NULL");
    assert_eq!(gate, "Gate C");
}
