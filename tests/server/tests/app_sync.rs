//! Sync as the desktop app does it (the facade, `eventos-app`): connecting with email and
//! password, the background worker pushing edits and pulling others', offline and back, the
//! session kept across restarts and forgotten on sign-out, sign-in failures, the conflict log
//! and its undo — against the seeded Postgres behind the emulator, over HTTP.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use eventos_app::events::{EventEdit, EventQuery, EventSort};
use eventos_app::sync::{ConnectForm, SessionStore, SyncState, SyncStatus};
use eventos_app::{App, ErrorCode, WorkspaceState};
use eventos_server_tests::{Cable, Postgres, wait_until};
use eventos_supabase_emulator::{Config, Emulator};

const EVENT: &str = "e0000001-0000-4000-8000-000000000001";

fn start() -> (Postgres, Emulator) {
    let pg = Postgres::start().unwrap();
    let emulator = Emulator::start(Config::new(pg.connection_string())).unwrap();
    (pg, emulator)
}

fn form(emulator: &Emulator, email: &str, password: &str) -> ConnectForm {
    ConnectForm {
        url: emulator.url().to_owned(),
        anon_key: emulator.anon_key().to_owned(),
        email: email.to_owned(),
        password: password.to_owned(),
    }
}

/// A row for the facade, written as JSON.
fn row(value: serde_json::Value) -> eventos_store::Row {
    value.as_object().cloned().unwrap()
}

fn open(dir: &tempfile::TempDir) -> App {
    App::open_with(dir.path(), SessionStore::File)
}

/// Waits (polling, up to a minute) until the status satisfies `done`; the status it last saw
/// is in the failure message.
fn wait_for(app: &App, what: &str, done: impl Fn(&SyncStatus) -> bool) -> SyncStatus {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let status = app.sync_status().unwrap();
        if done(&status) {
            return status;
        }
        assert!(Instant::now() < deadline, "never {what}; last status: {status:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A workspace connected and synced through a cable that can be unplugged (the network going).
fn connected_through_cable(emulator: &Emulator, email: &str) -> (tempfile::TempDir, Cable, App) {
    let cable = Cable::new(emulator.url());
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(&dir);
    let mut through_cable = form(emulator, email, "eventos-demo");
    through_cable.url = cable.url();
    app.connect(&through_cable).unwrap();
    wait_for(&app, "synced", synced);
    (dir, cable, app)
}

fn synced(s: &SyncStatus) -> bool {
    s.state == SyncState::Synced && s.waiting == 0
}

/// Asks for a sync and waits for *that* sync to have run: "Synced" alone may still be the
/// answer to an earlier one.
fn sync_now_and_wait(app: &mut App, what: &str) -> SyncStatus {
    let request = app.sync_now().unwrap().requested;
    wait_for(app, what, |s| s.answered >= request && synced(s))
}

fn rename(app: &mut App, name: &str) {
    let detail = app.event(EVENT).unwrap();
    let edit = EventEdit {
        name: name.to_owned(),
        description: detail.description.clone(),
        capacity: detail.summary.capacity,
        status: detail.summary.status.clone(),
    };
    assert_eq!(app.update_event(EVENT, &edit).unwrap().summary.name, name);
}

fn server_name(pg: &Postgres) -> String {
    pg.psql(&format!("SELECT name FROM public.events WHERE id = '{EVENT}'")).unwrap()
}

fn account_events(pg: &Postgres) -> usize {
    pg.psql("SELECT count(*) FROM public.events WHERE account_id = 'aa000001-0000-4000-8000-000000000001'")
        .unwrap()
        .parse()
        .unwrap()
}

fn event_count(app: &App) -> usize {
    let query = EventQuery { search: String::new(), sort: EventSort::StartAt, descending: false };
    app.events(&query).unwrap().len()
}

#[test]
fn a_connected_workspace_sends_its_edits_and_a_second_one_receives_them() {
    let (pg, emulator) = start();
    let first = tempfile::tempdir().unwrap();
    let mut app = open(&first);
    assert_eq!(app.status().state, WorkspaceState::FirstRun);
    let status = app.connect(&form(&emulator, "organizer@demo.eventos.test", "eventos-demo")).unwrap();
    assert_eq!(app.status().state, WorkspaceState::Ready, "connecting from a first run makes the workspace");
    assert_eq!(status.email.as_deref(), Some("organizer@demo.eventos.test"));
    assert_eq!(status.scopes, ["account:aa000001-0000-4000-8000-000000000001"]);
    let status = wait_for(&app, "synced", synced);
    assert!(status.last_synced_at.is_some());
    let on_server = account_events(&pg);
    assert!(on_server > 0);
    assert_eq!(event_count(&app), on_server);

    // Signed out, nothing syncs, so the outbox can be read before the edit goes up.
    app.sign_out().unwrap();
    rename(&mut app, "Renamed on the first laptop");
    assert_eq!(app.sync_status().unwrap().waiting, 1, "the edit waits in the outbox");
    let outbox = app.outbox().unwrap();
    assert_eq!(outbox[0].fields, ["name"], "only the changed field goes up, so others' edits of the rest survive");
    app.connect(&form(&emulator, "organizer@demo.eventos.test", "eventos-demo")).unwrap();
    wait_for(&app, "sent the edit", synced);
    assert_eq!(server_name(&pg), "Renamed on the first laptop");

    let second = tempfile::tempdir().unwrap();
    let mut other = open(&second);
    other.connect(&form(&emulator, "organizer@demo.eventos.test", "eventos-demo")).unwrap();
    wait_for(&other, "synced", synced);
    assert_eq!(other.event(EVENT).unwrap().summary.name, "Renamed on the first laptop");

    // And back: the second laptop's edit reaches the first at its next sync.
    rename(&mut other, "Renamed on the second laptop");
    wait_for(&other, "sent the edit", synced);
    sync_now_and_wait(&mut app, "synced again");
    assert_eq!(app.event(EVENT).unwrap().summary.name, "Renamed on the second laptop");
}

#[test]
fn an_edit_made_offline_waits_and_goes_up_when_the_server_is_back() {
    let (pg, emulator) = start();
    let (_dir, mut cable, mut app) = connected_through_cable(&emulator, "organizer@demo.eventos.test");
    cable.unplug();
    rename(&mut app, "Edited with the server away");
    let status = wait_for(&app, "offline", |s| s.state == SyncState::Offline);
    assert_eq!(status.waiting, 1);
    assert_eq!(status.error.map(|e| e.code), Some(ErrorCode::Unreachable));
    assert_ne!(server_name(&pg), "Edited with the server away");

    cable.plug_in();
    wait_for(&app, "back online with the edit sent", synced);
    assert_eq!(server_name(&pg), "Edited with the server away");
}

#[test]
fn the_session_outlives_a_restart_and_signing_out_forgets_it_but_keeps_the_work() {
    let (pg, emulator) = start();
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(&dir);
    app.connect(&form(&emulator, "organizer@demo.eventos.test", "eventos-demo")).unwrap();
    wait_for(&app, "synced", synced);
    drop(app);

    // A restart syncs with the kept session: no password asked.
    let mut app = open(&dir);
    rename(&mut app, "After a restart");
    wait_for(&app, "sent the edit", synced);
    assert_eq!(server_name(&pg), "After a restart");

    let status = app.sign_out().unwrap();
    assert_eq!(status.state, SyncState::SignedOut);
    assert!(!dir.path().join("session.json").exists(), "signing out removes the kept session");
    rename(&mut app, "Signed out");
    let status = app.sync_status().unwrap();
    assert_eq!((status.state, status.waiting), (SyncState::SignedOut, 1), "local work goes on, and waits");
    drop(app);
    let app = open(&dir);
    assert_eq!(app.sync_status().unwrap().state, SyncState::SignedOut, "still signed out after a restart");

    // Signing in again as the same user carries on: nothing is moved aside, the edit goes up.
    let mut app = app;
    app.connect(&form(&emulator, "organizer@demo.eventos.test", "eventos-demo")).unwrap();
    assert_eq!(app.status().moved_to, None);
    wait_for(&app, "sent the edit", synced);
    assert_eq!(server_name(&pg), "Signed out");
}

#[test]
fn sign_in_failures_say_why_and_keep_the_workspace() {
    let (_pg, emulator) = start();
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(&dir);
    app.start_empty().unwrap();

    let wrong = app.connect(&form(&emulator, "organizer@demo.eventos.test", "not-the-password")).unwrap_err();
    assert_eq!(wrong.code, ErrorCode::SignInFailed);
    assert!(wrong.message.contains("wrong email or password"), "{}", wrong.message);

    let mut down = form(&emulator, "organizer@demo.eventos.test", "eventos-demo");
    down.url = "http://127.0.0.1:9".to_owned();
    let unreachable = app.connect(&down).unwrap_err();
    assert_eq!(unreachable.code, ErrorCode::Unreachable);

    let mut typo = form(&emulator, "organizer", "eventos-demo");
    typo.url = "supabase.co".to_owned();
    assert_eq!(app.connect(&typo).unwrap_err().code, ErrorCode::Invalid);

    let status = app.sync_status().unwrap();
    assert_eq!(status.state, SyncState::NotConnected);
    assert!(!status.connect_moves_aside, "an empty workspace is connected as it is");
    assert_eq!(app.status().state, WorkspaceState::Ready);
    assert_eq!(app.status().moved_to, None);
}

#[test]
fn a_revoked_session_asks_for_a_sign_in_and_loses_no_local_work() {
    let pg = Postgres::start().unwrap();
    let mut config = Config::new(pg.connection_string());
    // Access tokens expire within a second or two (PostgREST allows 30 s of clock skew), so the
    // next sync goes through a refresh.
    config.access_token_ttl = time::Duration::seconds(-29);
    let emulator = Emulator::start(config).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(&dir);
    app.connect(&form(&emulator, "organizer@demo.eventos.test", "eventos-demo")).unwrap();
    wait_for(&app, "synced", synced);
    // Wait until the server would refuse the access token (its expiry plus PostgREST's 30 s of
    // skew is past), so the next request needs the refresh token.
    let kept: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("session.json")).unwrap()).unwrap();
    let refused_after = kept["expires_at"].as_i64().unwrap() + 30;
    let unix_now = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    eventos_server_tests::wait_until("the access token expired", || {
        (i64::try_from(unix_now()).unwrap() > refused_after).then_some(())
    });

    // As signing out everywhere does (GoTrue deletes the sessions and their refresh tokens).
    pg.psql("DELETE FROM auth.refresh_tokens; DELETE FROM auth.sessions").unwrap();
    rename(&mut app, "Kept while signed out");
    let status = wait_for(&app, "signed out", |s| s.state == SyncState::SignedOut);
    assert_eq!(status.error.map(|e| e.code), Some(ErrorCode::SessionEnded));
    assert_eq!(status.waiting, 1);
    assert_eq!(app.event(EVENT).unwrap().summary.name, "Kept while signed out");

    app.connect(&form(&emulator, "organizer@demo.eventos.test", "eventos-demo")).unwrap();
    wait_for(&app, "sent the edit", synced);
    assert_eq!(server_name(&pg), "Kept while signed out");
}

#[test]
fn connecting_the_demo_workspace_puts_it_aside_and_starts_the_organisations() {
    let (pg, emulator) = start();
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(&dir);
    app.open_demo(0).unwrap();
    let demo_events = event_count(&app);
    assert!(app.sync_status().unwrap().connect_moves_aside, "the UI warns before connecting");

    app.connect(&form(&emulator, "organizer@demo.eventos.test", "eventos-demo")).unwrap();
    let moved = app.status().moved_to.expect("the demo was moved aside");
    assert!(std::path::Path::new(&moved).exists(), "{moved} is kept");
    wait_for(&app, "synced", synced);
    let on_server = account_events(&pg);
    assert_eq!(event_count(&app), on_server);
    assert_ne!(event_count(&app), demo_events);
}

#[test]
fn a_field_lost_to_the_web_is_in_the_conflict_log_and_undo_wins_it_back() {
    let (pg, emulator) = start();
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(&dir);
    app.connect(&form(&emulator, "organizer@demo.eventos.test", "eventos-demo")).unwrap();
    wait_for(&app, "synced", synced);

    // Signed out (so nothing syncs yet), this laptop renames the event; then the web renames
    // it, later. Signing in sends the laptop's edit, which loses.
    app.sign_out().unwrap();
    rename(&mut app, "Mine");
    pg.psql(&format!("UPDATE public.events SET name = 'The web''s' WHERE id = '{EVENT}'")).unwrap();
    app.connect(&form(&emulator, "organizer@demo.eventos.test", "eventos-demo")).unwrap();
    let status = wait_for(&app, "a conflict", |s| s.conflicts == 1 && synced(s));
    assert_eq!(status.waiting, 0);
    assert_eq!(app.event(EVENT).unwrap().summary.name, "The web's");
    let conflicts = app.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    let lost = &conflicts[0];
    assert_eq!((lost.table.as_str(), lost.field.as_str()), ("events", "name"));
    assert_eq!(lost.mine, "\"Mine\"");
    assert_eq!(lost.winner.as_deref(), Some("\"The web's\""));
    assert_eq!(lost.winner_by.as_deref(), Some("the web"));

    let after = app.undo_conflict(lost.id).unwrap();
    assert!(after[0].undone_at.is_some());
    assert_eq!(app.undo_conflict(lost.id).unwrap_err().code, ErrorCode::Invalid, "undone once");
    assert_eq!(app.event(EVENT).unwrap().summary.name, "Mine");
    wait_for(&app, "sent the undo", |s| synced(s) && s.conflicts == 0);
    assert_eq!(server_name(&pg), "Mine");
}

#[test]
fn door_staff_keep_the_event_they_work_and_nothing_else() {
    let (pg, emulator) = start();
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(&dir);
    let status = app.connect(&form(&emulator, "door@demo.eventos.test", "eventos-demo")).unwrap();
    assert_eq!(status.scopes, [format!("event:{EVENT}")], "a door laptop keeps its event");
    wait_for(&app, "synced", synced);
    assert_eq!(event_count(&app), 1);
    let sold: i64 = pg
        .psql(&format!("SELECT tickets_sold FROM public.event_stats WHERE event_id = '{EVENT}'"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(app.event(EVENT).unwrap().tickets.sold, sold);
}

#[test]
fn the_facade_connects_and_signs_out_from_inside_an_async_runtime_as_the_shell_calls_it() {
    let (pg, emulator) = start();
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let form = form(&emulator, "organizer@demo.eventos.test", "eventos-demo");
    let mut wrong = form.clone();
    wrong.password = "wrong".into();
    // Tauri runs a command's function inside a task on its multi-threaded runtime.
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).build().unwrap();
    let app = runtime.block_on(async move {
        tokio::spawn(async move {
            let mut app = app;
            assert_eq!(app.connect(&wrong).unwrap_err().code, ErrorCode::SignInFailed);
            app.connect(&form).unwrap();
            app
        })
        .await
        .unwrap()
    });
    wait_for(&app, "synced", synced);
    assert!(account_events(&pg) > 0);
    let app = runtime.block_on(async move {
        tokio::spawn(async move {
            let mut app = app;
            app.sign_out().unwrap();
            app
        })
        .await
        .unwrap()
    });
    assert_eq!(app.sync_status().unwrap().state, SyncState::SignedOut);
}

#[test]
fn what_this_computer_keeps_can_change_after_connecting() {
    let (_pg, emulator) = start();
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(&dir);
    app.connect(&form(&emulator, "organizer@demo.eventos.test", "eventos-demo")).unwrap();
    wait_for(&app, "synced", synced);
    let everything = event_count(&app);
    assert!(everything > 1);

    let choices = app.scope_choices().unwrap();
    let account = choices.iter().find(|c| c.scope.starts_with("account:")).expect("the account is a choice");
    assert!(account.kept);
    assert_eq!(account.label, "EventOS Demo");
    let event = choices.iter().find(|c| c.scope == format!("event:{EVENT}")).expect("its events are choices");
    assert!(!event.kept);
    assert!(event.label.starts_with(&app.event(EVENT).unwrap().summary.name), "{}", event.label);

    // Nothing leaves this computer while a change of it waits to go up.
    app.sign_out().unwrap();
    rename(&mut app, "Waiting");
    let refused = app.set_scopes(vec![format!("event:{EVENT}")]).unwrap_err();
    assert_eq!(refused.code, ErrorCode::Invalid);
    assert!(refused.message.contains("1 change"), "{}", refused.message);
    assert_eq!(event_count(&app), everything);
    app.connect(&form(&emulator, "organizer@demo.eventos.test", "eventos-demo")).unwrap();
    wait_for(&app, "sent the edit", synced);

    // A door laptop now: only that event, downloaded again.
    let status = app.set_scopes(vec![format!("event:{EVENT}")]).unwrap();
    assert_eq!(status.scopes, [format!("event:{EVENT}")]);
    wait_for(&app, "synced", |s| synced(s) && s.last_synced_at.is_some());
    assert_eq!(event_count(&app), 1);
    assert_eq!(app.event(EVENT).unwrap().summary.name, "Waiting");
    assert_eq!(app.set_scopes(Vec::new()).unwrap_err().code, ErrorCode::Invalid);
}

#[test]
fn two_offline_doors_admitting_one_ticket_both_report_the_duplicate_after_syncing() {
    use eventos_app::door::{DoorMode, DoorScan, DoorSetup, ScanMethod, VerdictKind};
    let (pg, emulator) = start();
    let number =
        pg.psql("SELECT ticket_number FROM public.tickets WHERE id = '50000004-0000-4000-8000-000000000004'").unwrap();
    let mut doors = Vec::new();
    for _ in 0..2 {
        let (dir, mut cable, app) = connected_through_cable(&emulator, "door@demo.eventos.test");
        cable.unplug();
        doors.push((dir, cable, app));
    }
    // Both doors offline; the same ticket at Gate B, then at Gate A.
    for ((_, _, app), gate) in doors.iter_mut().zip(["Gate B", "Gate A"]) {
        let door = DoorSetup { event_id: EVENT.into(), gate: gate.into(), mode: DoorMode::Entry, session_id: None };
        let verdict = app.check_in(&DoorScan { door, method: ScanMethod::QrCode, payload: number.clone() }).unwrap();
        assert_eq!(verdict.kind, VerdictKind::Admitted, "{gate} cannot know about the other door");
    }
    for (_, cable, app) in &mut doors {
        cable.plug_in();
        wait_for(app, "its check-in sent", synced);
    }
    // The first door to sync receives the other's check-in at its next sync.
    for (_, _, app) in &mut doors {
        sync_now_and_wait(app, "synced again");
    }
    let reports: Vec<_> = doors.iter().map(|(_, _, app)| app.duplicate_entries(EVENT).unwrap()).collect();
    for report in &reports {
        assert_eq!(report.len(), 1, "{report:?}");
        assert_eq!(report[0].ticket_number.as_deref(), Some(number.as_str()));
        assert_eq!(report[0].first.gate.as_deref(), Some("Gate B"));
        assert_eq!(report[0].again.gate.as_deref(), Some("Gate A"));
    }
    let at = |r: &eventos_app::door::DuplicateEntry| (r.first.at.clone(), r.again.at.clone());
    assert_eq!(at(&reports[0][0]), at(&reports[1][0]), "the same report on both doors");
    let server = pg
        .psql(
            "SELECT status, (SELECT count(*) FROM public.event_checkins WHERE ticket_id = t.id) FROM public.tickets t \
               WHERE id = '50000004-0000-4000-8000-000000000004'",
        )
        .unwrap();
    assert_eq!(server, "used|2", "both facts kept; the ticket used once");
}

/// The id of the event's door key row in a replica.
fn door_key_id(replica: &eventos_store::Store) -> String {
    replica.connection().query_row("SELECT id FROM event_door_keys WHERE event_id = ?1", [EVENT], |r| r.get(0)).unwrap()
}

#[test]
fn doors_offline_exchange_check_ins_on_the_local_network_and_the_server_keeps_each_once() {
    use eventos_app::door::{DoorMode, DoorScan, DoorSetup, ScanMethod, VerdictKind};
    let (pg, emulator) = start();
    let tickets: Vec<String> = pg
        .psql(&format!(
            "SELECT ticket_number FROM public.tickets WHERE event_id = '{EVENT}' AND status = 'active' ORDER BY ticket_number LIMIT 2"
        ))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let server_key =
        pg.psql(&format!("SELECT door_key FROM public.event_door_keys WHERE event_id = '{EVENT}'")).unwrap();
    assert_eq!(server_key.len(), 64, "the server made the event's door key");
    let mut doors = Vec::new();
    for gate in ["Gate A", "Gate B"] {
        let (dir, mut cable, mut app) = connected_through_cable(&emulator, "door@demo.eventos.test");
        // Door staff got the key with their event; it is never a record.
        let replica = eventos_store::Store::open_read_only(&dir.path().join("eventos.db")).unwrap();
        let key = replica.get("event_door_keys", &door_key_id(&replica)).unwrap().unwrap()["door_key"].clone();
        assert_eq!(key, server_key.as_str());
        cable.unplug();
        let setup = DoorSetup { event_id: EVENT.into(), gate: gate.into(), mode: DoorMode::Entry, session_id: None };
        app.open_exchange(&setup).unwrap();
        doors.push((dir, cable, app, setup));
    }
    // Joined by a code (multicast may be off where this runs), with the internet gone.
    let code = doors[0].2.exchange_pairing_code().unwrap();
    doors[1].2.exchange_pair(&code.text).unwrap();
    wait_until("the doors connected", || {
        doors[1].2.exchange().unwrap().peers.iter().any(|p| p.connected).then_some(())
    });
    let scan = |door: &mut (tempfile::TempDir, Cable, App, DoorSetup), ticket: &str| {
        let scan = DoorScan { door: door.3.clone(), method: ScanMethod::QrCode, payload: ticket.to_owned() };
        door.2.check_in(&scan).unwrap()
    };
    // One admission at each door, each heard at the other: a second scan there is refused.
    for (at, other, ticket) in [(0, 1, &tickets[0]), (1, 0, &tickets[1])] {
        let received = doors[other].2.exchange().unwrap().received;
        assert_eq!(scan(&mut doors[at], ticket).kind, VerdictKind::Admitted);
        wait_until("the check-in crossed", || (doors[other].2.exchange().unwrap().received != received).then_some(()));
        assert_eq!(scan(&mut doors[other], ticket).kind, VerdictKind::AlreadyCheckedIn);
    }
    // Door A dies before it ever syncs: B brings both check-ins to the server.
    let (_a_dir, _a_cable, a_app, _) = doors.remove(0);
    drop(a_app);
    let (_b_dir, b_cable, b_app, _) = &mut doors[0];
    b_cable.plug_in();
    sync_now_and_wait(b_app, "door B synced");
    let on_server = |pg: &Postgres| {
        pg.psql(&format!(
            "SELECT t.ticket_number || ' ' || count(c.id) FROM public.tickets t \
               LEFT JOIN public.event_checkins c ON c.ticket_id = t.id \
             WHERE t.ticket_number IN ('{}', '{}') GROUP BY t.ticket_number ORDER BY t.ticket_number",
            tickets[0], tickets[1]
        ))
        .unwrap()
    };
    assert_eq!(on_server(&pg), format!("{} 1\n{} 1", tickets[0], tickets[1]));
    assert!(b_app.outbox().unwrap().is_empty(), "nothing left waiting or refused at door B");

    // A comes back (its replica and outbox as it left them) and syncs too: the server keeps one.
    let (a_dir, mut a_cable) = (_a_dir, _a_cable);
    let mut a_app = open(&a_dir);
    a_cable.plug_in();
    sync_now_and_wait(&mut a_app, "door A synced");
    assert_eq!(on_server(&pg), format!("{} 1\n{} 1", tickets[0], tickets[1]));
    assert!(a_app.outbox().unwrap().is_empty(), "door A's copies were answered as already there");
}

#[test]
fn a_sale_made_offline_is_admitted_by_a_door_after_both_sync_and_its_refund_is_refused() {
    use eventos_app::box_office::{Holder, Payment, SaleRequest, VoidKind};
    use eventos_app::door::{DoorMode, DoorScan, DoorSetup, ScanMethod, VerdictKind};
    let (pg, emulator) = start();
    let (_office_dir, mut cable, mut office) = connected_through_cable(&emulator, "organizer@demo.eventos.test");

    // The box office sells two tickets with the network down.
    cable.unplug();
    let buyer = Holder { name: "Ana Lima".into(), email: "ana@example.com".into() };
    let request = SaleRequest { event: EVENT.into(), quantity: 2, buyer, holders: vec![], payment: Payment::Card };
    let sale = office.sell(&request).unwrap();
    assert_eq!(sale.box_office.sold_here_unsynced, 2, "the server has not seen them");

    cable.plug_in();
    wait_for(&office, "the sale sent", synced);
    assert_eq!(office.box_office(EVENT).unwrap().sold_here_unsynced, 0);
    let on_server = pg
        .psql(&format!(
            "SELECT o.payment_method, o.payment_status, count(t.id) FROM public.orders o JOIN public.tickets t ON t.order_id = o.id \
             WHERE o.order_number = '{}' GROUP BY o.id",
            sale.order_number
        ))
        .unwrap();
    assert_eq!(on_server, "card|paid|2");

    let scan = |door: &mut App, payload: &str| {
        let setup = DoorSetup { event_id: EVENT.into(), gate: "Main".into(), mode: DoorMode::Entry, session_id: None };
        door.check_in(&DoorScan { door: setup, method: ScanMethod::QrCode, payload: payload.into() }).unwrap().kind
    };
    let door_dir = tempfile::tempdir().unwrap();
    let mut door = open(&door_dir);
    door.connect(&form(&emulator, "door@demo.eventos.test", "eventos-demo")).unwrap();
    wait_for(&door, "synced", synced);
    sync_now_and_wait(&mut door, "the sale received");
    assert_eq!(scan(&mut door, &sale.tickets[0].payload), VerdictKind::Admitted);

    // A refund on the box office laptop reaches the door at its next sync.
    office.void_ticket(&sale.tickets[1].ticket_number, VoidKind::Refund, Some("Changed plans")).unwrap();
    sync_now_and_wait(&mut office, "the refund sent");
    sync_now_and_wait(&mut door, "the refund received");
    assert_eq!(scan(&mut door, &sale.tickets[1].payload), VerdictKind::Refunded);
    let reason = pg
        .psql(&format!(
            "SELECT status || '|' || status_reason FROM public.tickets WHERE ticket_number = '{}'",
            sale.tickets[1].ticket_number
        ))
        .unwrap();
    assert_eq!(reason, "refunded|Changed plans");
}

#[test]
fn an_offline_waitlist_order_and_an_approved_expense_reach_the_server_as_made() {
    use eventos_app::box_office::{Holder, Payment};
    let (pg, emulator) = start();
    let (_dir, mut cable, mut office) = connected_through_cable(&emulator, "organizer@demo.eventos.test");

    // Offline: a person joins the waitlist (a place is free, so it is offered at once), the
    // offer becomes an order paid in cash, and an expense is added and approved.
    cable.unplug();
    let person = Holder { name: "Ingrid Þórsdóttir".into(), email: "ingrid@example.is".into() };
    let list = office.join_waitlist(EVENT, &person, Some("group booking")).unwrap();
    let entry = list.entries.iter().find(|e| e.email == "ingrid@example.is").unwrap();
    assert_eq!(entry.status, "offered");
    let sale = office.convert_waitlist_entry(&entry.id, Payment::Cash).unwrap();
    let expense = office
        .create_record(
            "event_expenses",
            serde_json::json!({"event_id": EVENT, "expense_name": "Stage lights", "expense_category": "technology", "amount": "1250.50"})
                .as_object()
                .cloned()
                .unwrap(),
        )
        .unwrap();
    let expense_id = expense["id"].as_str().unwrap().to_owned();
    office.step_record("event_expenses", &expense_id, "approved").unwrap();

    cable.plug_in();
    wait_for(&office, "all of it sent", |s| synced(s) && s.waiting == 0);
    let entry_on_server = pg
        .psql(&format!(
            "SELECT w.status, w.waitlist_reason, a.full_name, o.payment_status, o.payment_method, \
             (SELECT count(*) FROM public.tickets t WHERE t.order_id = o.id) \
             FROM public.event_waitlists w JOIN public.attendees a ON a.id = w.attendee_id \
             JOIN public.orders o ON o.id = a.order_id WHERE w.id = '{}'",
            entry.id
        ))
        .unwrap();
    assert_eq!(entry_on_server, "converted|group booking|Ingrid Þórsdóttir|paid|cash|1");
    let order = pg
        .psql(&format!("SELECT order_number FROM public.orders WHERE order_number = '{}'", sale.order_number))
        .unwrap();
    assert_eq!(order, sale.order_number);
    let organizer = pg.psql("SELECT id FROM public.profiles WHERE email = 'organizer@demo.eventos.test'").unwrap();
    let expense_on_server = pg
        .psql(&format!(
            "SELECT status, amount, approved_by = '{organizer}', approved_at IS NOT NULL FROM public.event_expenses WHERE id = '{expense_id}'"
        ))
        .unwrap();
    assert_eq!(expense_on_server, "approved|1250.50|t|t");
}

#[test]
fn a_reps_edit_of_a_company_reassigned_meanwhile_is_refused_and_kept_and_their_import_reaches_another_computer() {
    use eventos_app::crm::import::{ImportKind, ImportRequest, OnDuplicate};
    let (pg, emulator) = start();
    let (dir, mut cable, mut rep) = connected_through_cable(&emulator, "sales@demo.eventos.test");
    let id_of = |email: &str| pg.psql(&format!("SELECT id FROM public.profiles WHERE email = '{email}'")).unwrap();
    let (sales, owner) = (id_of("sales@demo.eventos.test"), id_of("owner@demo.eventos.test"));
    let company = pg
        .psql(&format!("SELECT id FROM public.crm_organizers WHERE assigned_to = '{sales}' ORDER BY id LIMIT 1"))
        .unwrap();

    // Offline, the rep edits one of their companies and imports two new ones from a CSV.
    cable.unplug();
    let patch = serde_json::json!({"industry": "Edited on the road"}).as_object().cloned().unwrap();
    rep.update_record("crm_organizers", &company, patch).unwrap();
    let file = dir.path().join("companies.csv");
    std::fs::write(
        &file,
        "Company,Website\nNorthwind Offline Events,https://northwind-offline.example\nBlue Harbour Tours,\n",
    )
    .unwrap();
    let request = ImportRequest {
        kind: ImportKind::Companies,
        path: file.display().to_string(),
        content_base64: None,
        mapping: vec![],
        on_duplicate: OnDuplicate::Skip,
        decisions: Default::default(),
        dry_run: false,
    };
    assert_eq!(rep.import_csv(&request).unwrap().created, 2);
    // Meanwhile the company is reassigned to someone else on the server.
    pg.psql(&format!("UPDATE public.crm_organizers SET assigned_to = '{owner}' WHERE id = '{company}'")).unwrap();

    // Back online: the import goes up; the edit is refused by the server's rules and kept in
    // the outbox with the reason, never lost.
    cable.plug_in();
    let status = wait_for(&rep, "the refused edit", |s| s.failed == 1 && s.waiting == 1);
    assert!(status.state == SyncState::Synced || status.error.is_none(), "{status:?}");
    let kept = rep.outbox().unwrap();
    let refused = kept.iter().find(|c| c.row_id == company).expect("the edit is kept");
    assert!(refused.error.as_deref().is_some_and(|e| !e.is_empty()), "{refused:?}");
    // What the rep typed can be copied out before it is discarded.
    assert!(refused.values.as_deref().is_some_and(|v| v.contains("Edited on the road")), "{refused:?}");
    assert_eq!(
        pg.psql(&format!("SELECT industry = 'Edited on the road' FROM public.crm_organizers WHERE id = '{company}'"))
            .unwrap(),
        "f",
        "the server kept its own"
    );
    let imported = pg
        .psql(&format!(
            "SELECT count(*) FROM public.crm_organizers WHERE company_name IN ('Northwind Offline Events', 'Blue Harbour Tours') \
             AND assigned_to = '{sales}'"
        ))
        .unwrap();
    assert_eq!(imported, "2");

    // Another computer receives the imported companies: the owner's, and the rep's own new
    // laptop — whose first download holds the rep's activities on the reassigned company but
    // not the company (the server shares one, not the other): those stay out, and it syncs.
    let query = eventos_store::RecordQuery { search: Some("Northwind Offline".into()), ..Default::default() };
    for email in ["owner@demo.eventos.test", "sales@demo.eventos.test"] {
        let other_dir = tempfile::tempdir().unwrap();
        let mut other = open(&other_dir);
        other.connect(&form(&emulator, email, "eventos-demo")).unwrap();
        wait_for(&other, "synced", synced);
        assert_eq!(other.list_records("crm_organizers", &query).unwrap().total, 1, "{email}");
        let seen = other.record("crm_organizers", &company).is_ok();
        assert_eq!(seen, email.starts_with("owner"), "{email}: the reassigned company is the owner's now");
    }
}

#[test]
fn a_document_attached_offline_goes_up_with_the_next_sync_and_another_computer_opens_it_byte_identical() {
    use base64::Engine as _;
    use eventos_app::crm::{AttachDocument, FileState};
    let (pg, emulator) = start();
    let (_dir, mut cable, mut rep) = connected_through_cable(&emulator, "sales@demo.eventos.test");
    let sales = pg.psql("SELECT id FROM public.profiles WHERE email = 'sales@demo.eventos.test'").unwrap();
    let company = pg
        .psql(&format!("SELECT id FROM public.crm_organizers WHERE assigned_to = '{sales}' ORDER BY id LIMIT 1"))
        .unwrap();
    let content: Vec<u8> = (0..300_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let attach = |name: &str| AttachDocument {
        on_table: "crm_organizers".into(),
        on_id: company.clone(),
        file_name: name.into(),
        content_base64: base64::engine::general_purpose::STANDARD.encode(&content),
        document_type: Some("contract".into()),
    };

    // Offline: the file waits in the upload queue, its row in the outbox.
    cable.unplug();
    let document = rep.attach_document(&attach("Contrat signé — Müller.pdf")).unwrap();
    assert_eq!(document.file, FileState::WaitingUpload);
    let queue = rep.upload_queue().unwrap();
    assert_eq!((queue.len(), queue[0].error.as_deref()), (1, None));
    assert_eq!(queue[0].file_name, "Contrat signé — Müller.pdf");

    // The bucket refuses a file over its limit: the upload fails with Storage's reason and
    // stays; the row goes up regardless. Raised again, a retry puts the file there.
    pg.psql("UPDATE storage.buckets SET file_size_limit = 1000 WHERE id = 'crm-documents'").unwrap();
    cable.plug_in();
    let failed = wait_for(&rep, "the refused upload", |s| {
        synced(s) && rep.upload_queue().unwrap().first().is_some_and(|f| f.error.is_some())
    });
    assert_eq!(failed.waiting, 0, "the document's row went up: {failed:?}");
    let refused = rep.upload_queue().unwrap().remove(0);
    assert!(refused.error.as_deref().unwrap().contains("maximum allowed size"), "{refused:?}");
    let listed = rep.documents("crm_organizers", &company).unwrap();
    assert!(matches!(listed.iter().find(|d| d.id == document.id).unwrap().file, FileState::UploadFailed { .. }));
    pg.psql("UPDATE storage.buckets SET file_size_limit = 52428800 WHERE id = 'crm-documents'").unwrap();
    rep.retry_upload(&refused.storage_path).unwrap();
    wait_for(&rep, "the file uploaded", |s| synced(s) && rep.upload_queue().unwrap().is_empty());
    let on_server = pg
        .psql(&format!(
            "SELECT o.owner = '{sales}' AND length(b.data) = {} FROM storage.objects o \
             JOIN storage.emulator_blobs b ON b.object_id = o.id WHERE o.name = '{}'",
            content.len(),
            document.storage_path
        ))
        .unwrap();
    assert_eq!(on_server, "t");

    // The owner's computer gets the row, and the file when the document is opened.
    let owner_dir = tempfile::tempdir().unwrap();
    let mut owner = open(&owner_dir);
    owner.connect(&form(&emulator, "owner@demo.eventos.test", "eventos-demo")).unwrap();
    wait_for(&owner, "synced", synced);
    let seen = owner.documents("crm_organizers", &company).unwrap();
    let theirs = seen.iter().find(|d| d.id == document.id).expect("the document's row arrived");
    assert_eq!((theirs.file.clone(), theirs.file_size), (FileState::OnServer, content.len() as i64));
    let path = owner.fetch_document(&document.id).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), content, "byte-identical");
    assert_eq!(path.file_name().unwrap().to_str().unwrap(), "Contrat signé — Müller.pdf");
    let again = owner.documents("crm_organizers", &company).unwrap();
    assert_eq!(again.iter().find(|d| d.id == document.id).unwrap().file, FileState::Here);

    // Someone who does not see the document cannot download its file either (door staff).
    let mut stranger = eventos_supabase::Client::new(eventos_supabase::Project {
        url: emulator.url().to_owned(),
        anon_key: emulator.anon_key().to_owned(),
    })
    .unwrap();
    stranger.sign_in("door@demo.eventos.test", "eventos-demo").unwrap();
    assert_eq!(eventos_sync::Remote::download_file(&mut stranger, &document.storage_path).unwrap(), None);
    // The rep's upload sent again (its answer lost): Storage's "already exists" counts as done.
    let mut again = eventos_supabase::Client::new(eventos_supabase::Project {
        url: emulator.url().to_owned(),
        anon_key: emulator.anon_key().to_owned(),
    })
    .unwrap();
    again.sign_in("sales@demo.eventos.test", "eventos-demo").unwrap();
    eventos_sync::Remote::upload_file(&mut again, &document.storage_path, &content, "application/pdf").unwrap();
    let foreign = format!("{}/x/y.pdf", uuid::Uuid::new_v4());
    let e = eventos_sync::Remote::upload_file(&mut stranger, &foreign, b"x", "application/pdf").unwrap_err();
    assert!(matches!(e, eventos_sync::RemoteError::Refused(ref m) if m.contains("row-level security")), "{e:?}");

    // An access token that has expired: Storage says so, the client refreshes once and goes on.
    let expiring =
        Emulator::start(Config { access_token_ttl: time::Duration::hours(-1), ..Config::new(pg.connection_string()) })
            .unwrap();
    let project =
        |e: &Emulator| eventos_supabase::Project { url: e.url().to_owned(), anon_key: e.anon_key().to_owned() };
    let stale = eventos_supabase::Client::new(project(&expiring))
        .unwrap()
        .sign_in("sales@demo.eventos.test", "eventos-demo")
        .unwrap();
    let mut refreshed = eventos_supabase::Client::new(project(&emulator)).unwrap().with_session(stale.clone());
    let downloaded = eventos_sync::Remote::download_file(&mut refreshed, &document.storage_path).unwrap();
    assert_eq!(downloaded.as_deref(), Some(&content[..]));
    assert_ne!(refreshed.session().unwrap().access_token, stale.access_token, "refreshed");

    // The rep deletes the document: once the server has the delete, the file leaves the bucket;
    // the owner's computer loses the row and its kept file with the tombstone.
    rep.delete_record("crm_documents", &document.id).unwrap();
    let in_bucket =
        || pg.psql(&format!("SELECT count(*) FROM storage.objects WHERE name = '{}'", document.storage_path)).unwrap();
    wait_for(&rep, "the delete sent", |s| synced(s) && in_bucket() == "0");
    sync_now_and_wait(&mut owner, "the tombstone received");
    assert!(owner.documents("crm_organizers", &company).unwrap().iter().all(|d| d.id != document.id));
    assert_eq!(owner.fetch_document(&document.id).unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn a_rep_and_the_owner_edit_one_company_offline_and_both_end_with_the_same_merge() {
    let (pg, emulator) = start();
    let (_rep_dir, mut rep_cable, mut rep) = connected_through_cable(&emulator, "sales@demo.eventos.test");
    let (_owner_dir, mut owner_cable, mut owner) = connected_through_cable(&emulator, "owner@demo.eventos.test");
    let sales = pg.psql("SELECT id FROM public.profiles WHERE email = 'sales@demo.eventos.test'").unwrap();
    let company = pg
        .psql(&format!("SELECT id FROM public.crm_organizers WHERE assigned_to = '{sales}' ORDER BY id LIMIT 1"))
        .unwrap();
    let patch = |fields: serde_json::Value| fields.as_object().cloned().unwrap();
    // What each computer keeps, in words: the rep's own accounts, the owner's everything.
    let account_detail = |app: &App| {
        let choices = app.scope_choices().unwrap();
        choices.into_iter().find(|c| c.scope.starts_with("account:") && c.kept).unwrap().detail
    };
    assert!(account_detail(&rep).starts_with("My accounts: the companies, contacts and deals assigned to you"));
    assert!(account_detail(&owner).starts_with("Everything in the account"));

    // Both offline. The rep edits first, the owner later: one field each of their own, and the
    // industry both.
    rep_cable.unplug();
    owner_cable.unplug();
    rep.update_record(
        "crm_organizers",
        &company,
        patch(serde_json::json!({"industry": "Rep's", "primary_phone": "+1 416 555 0101"})),
    )
    .unwrap();
    owner
        .update_record(
            "crm_organizers",
            &company,
            patch(serde_json::json!({"industry": "Owner's", "website": "https://owner.example"})),
        )
        .unwrap();

    // The owner comes back first, then the rep: the rep's industry is older, so it loses.
    owner_cable.plug_in();
    sync_now_and_wait(&mut owner, "the owner's edit sent");
    rep_cable.plug_in();
    let status = wait_for(&rep, "the rep's conflict", |s| synced(s) && s.conflicts == 1);
    assert_eq!(status.failed, 0);
    sync_now_and_wait(&mut owner, "the rep's edit received");

    for (who, app) in [("rep", &rep), ("owner", &owner)] {
        let row = app.record("crm_organizers", &company).unwrap().row;
        assert_eq!(row["industry"], "Owner's", "{who}");
        assert_eq!(row["primary_phone"], "+1 416 555 0101", "{who}");
        assert_eq!(row["website"], "https://owner.example", "{who}");
    }
    let server = pg
        .psql(&format!(
            "SELECT industry || '|' || primary_phone || '|' || website FROM public.crm_organizers WHERE id = '{company}'"
        ))
        .unwrap();
    assert_eq!(server, "Owner's|+1 416 555 0101|https://owner.example");
    let lost = rep.conflicts().unwrap();
    assert_eq!(lost.len(), 1);
    assert_eq!((lost[0].field.as_str(), lost[0].mine.as_str()), ("industry", "\"Rep's\""));
    assert_eq!(lost[0].winner.as_deref(), Some("\"Owner's\""));
    assert!(owner.conflicts().unwrap().is_empty());
}

/// Seed 001's production tables are records like any other (issue 17): a show's risk, a new
/// model and their booking made offline go up with the next sync (the risk's score computed
/// on both sides), a planning task deleted offline is deleted on the server, and a second
/// laptop pulls all of it.
#[test]
fn a_shows_production_edited_offline_reaches_the_server_and_another_laptop() {
    const SHOW: &str = "e0000007-0000-4000-8000-000000000007";
    const RUN: &str = "83000002-0000-4000-8000-000000000002";
    const TASK: &str = "8b000002-0000-4000-8000-000000000002";
    let (pg, emulator) = start();
    let (_dir, mut cable, mut office) = connected_through_cable(&emulator, "organizer@demo.eventos.test");

    cable.unplug();
    let risk = office
        .create_record(
            "event_risks",
            row(serde_json::json!({"event_id": SHOW, "title": "Generator fails", "category": "technical", "likelihood": 2, "impact": 5})),
        )
        .unwrap();
    assert_eq!(risk["risk_score"], 10, "computed here too");
    let model = office
        .create_record(
            "models",
            row(serde_json::json!({"full_name": "Ngozi Adeyemi", "divisions": ["women"], "height_cm": 180})),
        )
        .unwrap();
    let booking = office
        .create_record(
            "production_run_models",
            row(serde_json::json!({"event_id": SHOW, "production_run_id": RUN, "model_id": model["id"], "call_at": "2027-01-01T20:00:00Z"})),
        )
        .unwrap();
    office.delete_record("event_planning", TASK).unwrap();
    assert_eq!(office.sync_status().unwrap().waiting, 4);

    cable.plug_in();
    wait_for(&office, "all of it sent", synced);
    let organizer = pg.psql("SELECT id FROM public.profiles WHERE email = 'organizer@demo.eventos.test'").unwrap();
    let on_server = pg
        .psql(&format!(
            "SELECT r.risk_score, r.raised_by = '{organizer}', m.divisions::text, m.account_id, b.status, \
             (SELECT count(*) FROM public.event_planning WHERE id = '{TASK}') \
             FROM public.event_risks r, public.models m, public.production_run_models b \
             WHERE r.id = '{}' AND m.id = '{}' AND b.id = '{}'",
            risk["id"].as_str().unwrap(),
            model["id"].as_str().unwrap(),
            booking["id"].as_str().unwrap()
        ))
        .unwrap();
    assert_eq!(on_server, "10|t|{women}|aa000001-0000-4000-8000-000000000001|booked|0");

    let second = tempfile::tempdir().unwrap();
    let mut other = open(&second);
    other.connect(&form(&emulator, "organizer@demo.eventos.test", "eventos-demo")).unwrap();
    wait_for(&other, "synced", synced);
    let pulled = other.record("production_run_models", booking["id"].as_str().unwrap()).unwrap();
    assert_eq!(pulled.row["model_id"], model["id"]);
    assert_eq!(pulled.title, "Ngozi Adeyemi", "a booking is named by its model");
    assert_eq!(other.record("event_risks", risk["id"].as_str().unwrap()).unwrap().row["risk_score"], 10);
    assert_eq!(other.record("event_planning", TASK).unwrap_err().code, ErrorCode::NotFound);

    // The return on each event is the same sum on the server and in the replica.
    let on_server = pg
        .psql(
            "SELECT event_id, result_cents, coalesce(roi_basis_points::text, '-'), marketing_expenses_cents, \
             campaign_budget_cents, committed_fees_cents, tickets_sold, checked_in, coalesce(cost_per_attendee_cents::text, '-') \
             FROM public.event_roi WHERE account_id = 'aa000001-0000-4000-8000-000000000001' ORDER BY event_id",
        )
        .unwrap();
    let mut events = 0;
    for line in on_server.lines() {
        let fields: Vec<&str> = line.split('|').collect();
        let roi = other.budget(fields[0]).unwrap().roi;
        let or_dash = |n: Option<i64>| n.map_or("-".to_owned(), |n| n.to_string());
        let here = [
            fields[0].to_owned(),
            roi.result_cents.to_string(),
            or_dash(roi.roi_basis_points),
            roi.marketing_expenses_cents.to_string(),
            roi.campaign_budget_cents.to_string(),
            roi.committed_fees_cents.to_string(),
            roi.tickets_sold.to_string(),
            roi.checked_in.to_string(),
            or_dash(roi.cost_per_attendee_cents),
        ];
        assert_eq!(fields, here, "event_roi of {}", fields[0]);
        events += 1;
    }
    assert!(events >= 6, "{on_server}");
}

/// A sales rep's meeting booked offline goes up with its CRM activity under the CRM's rules
/// (theirs to host and log), and reaches the owner's laptop as one meeting on the timeline.
#[test]
fn a_reps_meeting_booked_offline_reaches_the_server_with_its_activity() {
    let (pg, emulator) = start();
    let (_dir, mut cable, mut rep) = connected_through_cable(&emulator, "sales@demo.eventos.test");
    cable.unplug();
    let booking = rep
        .create_record(
            "meeting_bookings",
            row(serde_json::json!({"meeting_type_id": "8e000001-0000-4000-8000-000000000001",
                "organizer_id": "c1000001-0000-4000-8000-000000000001", "contact_id": "c2000002-0000-4000-8000-000000000002",
                "guest_name": "Daniel Moreau", "starts_at": "2030-02-01T15:00:00Z", "ends_at": "2030-02-01T15:30:00Z"})),
        )
        .unwrap();
    cable.plug_in();
    wait_for(&rep, "the booking sent", synced);
    let id = booking["id"].as_str().unwrap();
    let on_server = pg
        .psql(&format!(
            "SELECT a.subject, a.user_id = b.host_id, a.metadata ->> 'meeting_booking_id' = b.id::text \
             FROM public.meeting_bookings b JOIN public.crm_activities a ON a.id = b.activity_id WHERE b.id = '{id}'"
        ))
        .unwrap();
    assert_eq!(on_server, "Discovery call with Daniel Moreau|t|t");

    let second = tempfile::tempdir().unwrap();
    let mut owner = open(&second);
    owner.connect(&form(&emulator, "owner@demo.eventos.test", "eventos-demo")).unwrap();
    wait_for(&owner, "synced", synced);
    let activity = owner.record("meeting_bookings", id).unwrap().row["activity_id"].as_str().unwrap().to_owned();
    assert_eq!(owner.record("crm_activities", &activity).unwrap().row["subject"], "Discovery call with Daniel Moreau");
}
