//! Desktop replicas syncing with the server through the real client (eventos-supabase over
//! HTTP to the emulator, in front of the seeded Postgres): bootstrap, offline edits on two
//! devices and a web write converging, a lost field in the conflict log.
#![allow(clippy::unwrap_used)]

use eventos_model::hlc::Timestamp;
use eventos_server_tests::{Device, Postgres};
use eventos_store::{Row, Store};
use eventos_supabase::{Client, Project};
use eventos_supabase_emulator::{Config, Emulator};
use serde_json::{Value, json};

const ACCOUNT: &str = "aa000001-0000-4000-8000-000000000001";

/// A laptop of the demo account, bootstrapped.
fn connect(emulator: &Emulator, email: &str) -> Device {
    let mut device = Device::new(emulator.url(), emulator.anon_key(), email, &format!("account:{ACCOUNT}"));
    device.sync();
    device
}

fn now_ms() -> u64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    u64::try_from(since.as_millis()).unwrap()
}

fn start() -> (Postgres, Emulator) {
    let pg = Postgres::start().unwrap();
    let emulator = Emulator::start(Config::new(pg.connection_string())).unwrap();
    (pg, emulator)
}

fn server_venue(pg: &Postgres, id: &str) -> String {
    pg.psql(&format!("SELECT name || '|' || coalesce(city, '') || '|' || coalesce(capacity::text, '') FROM public.venues WHERE id = '{id}'"))
        .unwrap()
}

fn local_venue(device: &Device, id: &str) -> String {
    let row = device.get("venues", id);
    let text = |v: &Value| {
        v.as_str().map(str::to_owned).unwrap_or_else(|| if v.is_null() { String::new() } else { v.to_string() })
    };
    format!("{}|{}|{}", text(&row["name"]), text(&row["city"]), text(&row["capacity"]))
}

#[test]
fn a_new_device_bootstraps_the_account_it_signs_in_to() {
    let (pg, emulator) = start();
    let device = connect(&emulator, "organizer@demo.eventos.test");
    for table in ["venues", "events", "orders", "tickets", "crm_organizers", "crm_contacts", "profiles"] {
        let filter = if table == "profiles" {
            // The people the account's rows name: members, customers, team members, speakers.
            format!(
                "id IN (SELECT user_id FROM public.account_users WHERE account_id = '{ACCOUNT}' \
                     UNION SELECT customer_id FROM public.orders WHERE account_id = '{ACCOUNT}' \
                     UNION SELECT member_id FROM public.event_teams WHERE account_id = '{ACCOUNT}' \
                     UNION SELECT profile_id FROM public.speakers WHERE account_id = '{ACCOUNT}')"
            )
        } else {
            format!("account_id = '{ACCOUNT}'")
        };
        let on_server = pg.psql(&format!("SELECT count(*) FROM public.{table} WHERE {filter}")).unwrap();
        let local: i64 =
            device.store.connection().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap();
        assert_eq!(local.to_string(), on_server, "{table}");
    }
    let other_account: i64 = device
        .store
        .connection()
        .query_row(&format!("SELECT count(*) FROM venues WHERE account_id <> '{ACCOUNT}'"), [], |r| r.get(0))
        .unwrap();
    assert_eq!(other_account, 0);
    assert!(device.store.scopes().unwrap()[0].cursor.is_some());
    assert_eq!(device.store.outbox().unwrap(), [], "a bootstrap adds nothing to the outbox");
}

#[test]
fn two_offline_devices_and_the_web_converge_field_by_field() {
    let (pg, emulator) = start();
    let mut a = connect(&emulator, "organizer@demo.eventos.test");
    let mut b = connect(&emulator, "owner@demo.eventos.test");
    let venue =
        pg.psql(&format!("SELECT id FROM public.venues WHERE account_id = '{ACCOUNT}' ORDER BY id LIMIT 1")).unwrap();

    // Offline, each changes a different field; the web app changes a third.
    a.edit("venues", &venue, json!({"name": "Name from A"}));
    b.edit("venues", &venue, json!({"city": "Hamilton"}));
    let owner = pg.psql("SELECT id FROM auth.users WHERE email = 'owner@demo.eventos.test'").unwrap();
    pg.as_request(
        &format!(r#"{{"sub":"{owner}","role":"authenticated"}}"#),
        &format!("UPDATE public.venues SET capacity = 1234 WHERE id = '{venue}'"),
    )
    .unwrap();

    a.sync();
    b.sync();
    a.sync();
    let expected = "Name from A|Hamilton|1234";
    assert_eq!(server_venue(&pg, &venue), expected);
    assert_eq!(local_venue(&a, &venue), expected);
    assert_eq!(local_venue(&b, &venue), expected);
    assert_eq!((a.store.outbox().unwrap(), b.store.outbox().unwrap()), (vec![], vec![]));
}

#[test]
fn the_same_field_goes_to_the_later_edit_and_the_loser_sees_a_conflict() {
    let (pg, emulator) = start();
    let mut a = connect(&emulator, "organizer@demo.eventos.test");
    let mut b = connect(&emulator, "owner@demo.eventos.test");
    let venue =
        pg.psql(&format!("SELECT id FROM public.venues WHERE account_id = '{ACCOUNT}' ORDER BY id LIMIT 1")).unwrap();

    b.edit("venues", &venue, json!({"name": "B, earlier"}));
    // A's edit is later than B's by the clock: wait until the wall clock has left B's
    // millisecond (not for a fixed time); A's clock then ticks to at least now, past B's.
    let b_clock = b.store.outbox().unwrap()[0].hlc.clone();
    let b_ms = Timestamp::parse(&b_clock).unwrap().ms;
    while now_ms() <= b_ms {
        std::thread::yield_now();
    }
    a.edit("venues", &venue, json!({"name": "A, later"}));
    let a_clock = a.store.outbox().unwrap()[0].hlc.clone();
    assert!(a_clock > b_clock, "A's edit is the later one: {a_clock} vs {b_clock}");
    a.sync();
    let report = b.sync();
    assert_eq!(report.conflicts, 1);
    assert_eq!(server_venue(&pg, &venue).split('|').next(), Some("A, later"));
    assert_eq!(b.get("venues", &venue)["name"], "A, later");
    let conflict: (String, String, String) = b
        .store
        .connection()
        .query_row("SELECT field, mine, winner FROM sync_conflicts", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    assert_eq!(conflict, ("name".into(), json!("B, earlier").to_string(), json!("A, later").to_string()));
}

#[test]
fn deletes_and_inserts_travel_both_ways() {
    let (pg, emulator) = start();
    let mut a = connect(&emulator, "organizer@demo.eventos.test");
    let mut b = connect(&emulator, "owner@demo.eventos.test");
    let new_venue = a
        .store
        .write(|w| {
            let row: Row =
                json!({"account_id": ACCOUNT, "name": "Made on A", "capacity": 80}).as_object().unwrap().clone();
            w.insert("venues", row)
        })
        .unwrap();
    a.sync();
    b.sync();
    assert_eq!(local_venue(&b, &new_venue), "Made on A|Toronto|80");
    b.store.write(|w| w.delete("venues", &new_venue)).unwrap();
    b.sync();
    a.sync();
    assert!(a.store.get("venues", &new_venue).unwrap().is_none());
    assert_eq!(pg.psql(&format!("SELECT count(*) FROM public.venues WHERE id = '{new_venue}'")).unwrap(), "0");
}

#[test]
fn a_door_laptop_replicates_its_event_only_and_its_check_ins_come_back_as_used_tickets() {
    let (pg, emulator) = start();
    let event = "e0000001-0000-4000-8000-000000000001";
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("eventos.db")).unwrap();
    let project = Project { url: emulator.url().to_owned(), anon_key: emulator.anon_key().to_owned() };
    let mut client = Client::new(project).unwrap();
    client.sign_in("door@demo.eventos.test", "eventos-demo").unwrap();
    store.add_scope(&format!("event:{event}")).unwrap();
    store.set_capture(true).unwrap();
    eventos_sync::sync(&mut store, &mut client, &mut |_| {}).unwrap();

    let count = |store: &Store, sql: &str| -> i64 { store.connection().query_row(sql, [], |r| r.get(0)).unwrap() };
    let tickets = pg.psql(&format!("SELECT count(*) FROM public.tickets WHERE event_id = '{event}'")).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM tickets").to_string(), tickets);
    assert_eq!(count(&store, "SELECT count(*) FROM orders") + count(&store, "SELECT count(*) FROM crm_organizers"), 0);
    assert_eq!(count(&store, &format!("SELECT count(*) FROM events WHERE id <> '{event}'")), 0);

    // A scan at the door: a check-in row, pushed, derives the ticket on the server, which
    // comes back down. (The event's account row is not in a door replica: writes there do not
    // enforce references out of the event.)
    let (ticket, attendee, qr): (String, String, String) = store
        .connection()
        .query_row(
            "SELECT id, attendee_id, qr_code FROM tickets WHERE status = 'active' ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    store
        .write_partial(|w| {
            let row: Row = json!({"event_id": event, "attendee_id": attendee, "qr_code_scanned": qr, "check_in_method": "qr_code"})
                .as_object()
                .unwrap()
                .clone();
            w.insert("event_checkins", row)
        })
        .unwrap();
    let report = eventos_sync::sync(&mut store, &mut client, &mut |_| {}).unwrap();
    assert_eq!(report.pushed, 1);
    assert_eq!(pg.psql(&format!("SELECT status FROM public.tickets WHERE id = '{ticket}'")).unwrap(), "used");
    assert_eq!(store.get("tickets", &ticket).unwrap().unwrap()["status"], "used");
    assert_eq!(store.outbox().unwrap(), []);
}

#[test]
fn sign_in_failures_say_what_is_wrong_and_keep_local_work() {
    let (pg, emulator) = start();
    let project = Project { url: emulator.url().to_owned(), anon_key: emulator.anon_key().to_owned() };

    let mut client = Client::new(project.clone()).unwrap();
    assert_eq!(
        client.sign_in("organizer@demo.eventos.test", "not the password").unwrap_err(),
        eventos_supabase::AuthError::InvalidCredentials
    );

    // Signed in, with local work waiting; then the session ends (signed out elsewhere) while
    // the access token has expired.
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("eventos.db")).unwrap();
    store.add_scope(&format!("account:{ACCOUNT}")).unwrap();
    store.set_capture(true).unwrap();
    client.sign_in("organizer@demo.eventos.test", "eventos-demo").unwrap();
    eventos_sync::sync(&mut store, &mut client, &mut |_| {}).unwrap();
    let venue =
        pg.psql(&format!("SELECT id FROM public.venues WHERE account_id = '{ACCOUNT}' ORDER BY id LIMIT 1")).unwrap();
    let patch: Row = json!({"city": "Kept offline"}).as_object().unwrap().clone();
    store.write(|w| w.update("venues", &venue, patch)).unwrap();
    pg.psql("DELETE FROM auth.sessions").unwrap();
    let ended = eventos_supabase::Session { access_token: "expired".into(), ..client.session().unwrap().clone() };
    let mut stale = Client::new(project.clone()).unwrap().with_session(ended);
    match eventos_sync::sync(&mut store, &mut stale, &mut |_| {}) {
        Err(eventos_sync::SyncError::Remote(eventos_sync::RemoteError::Unauthorized(message))) => {
            assert!(message.contains("sign in again"), "{message}");
        }
        other => panic!("expected 'sign in again', got {other:?}"),
    }
    assert_eq!(store.outbox().unwrap().len(), 1, "the local edit still waits");
    assert_eq!(store.get("venues", &venue).unwrap().unwrap()["city"], "Kept offline");

    // The server is down: the sync says so, and the edit still waits.
    let mut down =
        Client::new(Project { url: "http://127.0.0.1:9".into(), anon_key: project.anon_key.clone() }).unwrap();
    assert!(matches!(
        down.sign_in("organizer@demo.eventos.test", "eventos-demo"),
        Err(eventos_supabase::AuthError::Unreachable(_))
    ));
    let mut offline = client
        .session()
        .cloned()
        .map(|s| {
            Client::new(Project { url: "http://127.0.0.1:9".into(), anon_key: project.anon_key.clone() })
                .unwrap()
                .with_session(s)
        })
        .unwrap();
    assert!(matches!(
        eventos_sync::sync(&mut store, &mut offline, &mut |_| {}),
        Err(eventos_sync::SyncError::Remote(eventos_sync::RemoteError::Unreachable(_)))
    ));
    assert_eq!(store.outbox().unwrap().len(), 1);

    // Signing in again lets the edit go up.
    client.sign_in("organizer@demo.eventos.test", "eventos-demo").unwrap();
    eventos_sync::sync(&mut store, &mut client, &mut |_| {}).unwrap();
    assert_eq!(store.outbox().unwrap(), []);
    assert_eq!(pg.psql(&format!("SELECT city FROM public.venues WHERE id = '{venue}'")).unwrap(), "Kept offline");
}
