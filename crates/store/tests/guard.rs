//! Every write to a synced table is captured, or refused — never silently skipped: the guard
//! triggers (generated from the registry) let only the store's Writer change a synced table.
#![allow(clippy::unwrap_used)]

mod common;

use common::{fixture, row};
use eventos_model::schema;
use eventos_store::{GUARD_FUNCTION, Op, Store, guard_trigger_name};
use serde_json::json;

#[test]
fn every_synced_table_has_its_three_guard_triggers() {
    let f = fixture();
    let conn = f.store.connection();
    for table in schema::tables() {
        for op in ["insert", "update", "delete"] {
            let sql: Option<String> = conn
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1 AND name = ?2",
                    [table.name, &guard_trigger_name(table.name, op)],
                    |r| r.get(0),
                )
                .ok();
            let sql = sql.unwrap_or_else(|| panic!("{} has no {op} guard", table.name));
            assert!(sql.contains(GUARD_FUNCTION), "{}: {sql}", table.name);
        }
    }
}

#[test]
fn an_outside_tool_cannot_write_a_synced_table_and_is_told_why() {
    let mut f = fixture();
    f.store.set_capture(true).unwrap();
    let path = f.dir.path().join("replica.db");
    // A plain connection, as sqlite3 or a script would open the file.
    let plain = rusqlite::Connection::open(&path).unwrap();
    for (sql, id) in [
        ("UPDATE venues SET city = 'Lost' WHERE id = ?1", &f.venue),
        ("DELETE FROM tickets WHERE id = ?1", &f.ticket),
        (
            "INSERT INTO venues (id, account_id, name) VALUES (lower(hex(randomblob(16))), (SELECT account_id FROM venues WHERE id = ?1), 'Side door')",
            &f.venue,
        ),
    ] {
        let err = plain.execute(sql, [id]).unwrap_err().to_string();
        assert!(err.contains(&format!("no such function: {GUARD_FUNCTION}")), "{sql}: {err}");
    }
    // Reading is fine, and nothing changed.
    let city: String = plain.query_row("SELECT city FROM venues WHERE id = ?1", [&f.venue], |r| r.get(0)).unwrap();
    assert_eq!(city, "Toronto");
    assert_eq!(f.store.outbox().unwrap(), []);
    // The bookkeeping tables are not synced: not guarded.
    plain.execute("UPDATE sync_device SET capture = capture WHERE id = 1", []).unwrap();
}

#[test]
fn the_sqlite3_shell_is_refused_too() {
    let f = fixture();
    let path = f.dir.path().join("replica.db");
    let out = std::process::Command::new("sqlite3")
        .arg(&path)
        .arg(format!("UPDATE events SET name = 'Typed in the shell' WHERE id = '{}';", f.event))
        .output()
        .expect("the sqlite3 shell (scripts/install-deps.sh installs it)");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(GUARD_FUNCTION), "{stderr}");
    let name: String =
        f.store.connection().query_row("SELECT name FROM events WHERE id = ?1", [&f.event], |r| r.get(0)).unwrap();
    assert_eq!(name, "AI Summit 2025");
}

#[test]
fn the_stores_own_connection_only_writes_through_the_writer() {
    let f = fixture();
    // The read access refuses any statement that writes, bookkeeping included.
    for sql in
        ["UPDATE venues SET city = 'x'", "DELETE FROM sync_outbox", "INSERT INTO sync_scopes (scope) VALUES ('x')"]
    {
        let err = f.store.connection().prepare(sql).map(|_| ()).unwrap_err().to_string();
        assert!(err.contains("only reads"), "{sql}: {err}");
    }
}

#[test]
fn each_write_path_is_captured_exactly_once_and_derived_changes_not_at_all() {
    let mut f = fixture();
    f.store.set_capture(true).unwrap();
    let (event, ticket, order, account) = (f.event.clone(), f.ticket.clone(), f.order.clone(), f.account.clone());

    // A check-in: one insert; the trigger that marks the ticket used is not an edit of its own.
    f.store
        .write(|w| {
            w.insert(
                "event_checkins",
                row(
                    json!({"event_id": event, "ticket_id": ticket, "check_in_method": "qr_code", "location": "Gate A"}),
                ),
            )
        })
        .unwrap();
    let status: String =
        f.store.connection().query_row("SELECT status FROM tickets WHERE id = ?1", [&ticket], |r| r.get(0)).unwrap();
    assert_eq!(status, "used", "the ticket's status is derived in the same transaction");
    let ops =
        |store: &Store| -> Vec<(String, Op)> { store.outbox().unwrap().into_iter().map(|c| (c.table, c.op)).collect() };
    assert_eq!(ops(&f.store), [("event_checkins".to_owned(), Op::Insert)]);

    // An update carries only what changed, never updated_at.
    f.store.write(|w| w.update("orders", &order, row(json!({"payment_status": "refunded"})))).unwrap();
    let last = f.store.outbox().unwrap().pop().unwrap();
    assert_eq!(last.data.unwrap().keys().collect::<Vec<_>>(), ["payment_status"]);

    // A delete that cascades is one delete: the server cascades the same way.
    let before = f.store.outbox().unwrap().len();
    let small_event = f
        .store
        .write(|w| {
            let venue = w.insert("venues", row(json!({"account_id": account, "name": "Annex"})))?;
            let organizer = w.insert("profiles", row(json!({"email": "o2@example.com", "full_name": "O Two"})))?;
            let event = w.insert(
                "events",
                row(json!({"account_id": account, "organizer_id": organizer, "venue_id": venue, "name": "Small",
                    "type": "networking", "start_at": "2025-07-01T09:00:00Z", "end_at": "2025-07-01T10:00:00Z",
                    "capacity": 10, "status": "draft"})),
            )?;
            w.insert(
                "sessions",
                row(json!({"event_id": event, "title": "Opening",
                "start_time": "2025-07-01T09:00:00Z", "end_time": "2025-07-01T09:30:00Z"})),
            )?;
            Ok(event)
        })
        .unwrap();
    let inserted = f.store.outbox().unwrap().len() - before;
    assert_eq!(inserted, 4);
    f.store.write(|w| w.delete("events", &small_event)).unwrap();
    let after: Vec<(String, Op)> = ops(&f.store).into_iter().skip(before + inserted).collect();
    assert_eq!(after, [("events".to_owned(), Op::Delete)], "the session went with it, not as an edit of its own");
    let sessions: i64 = f
        .store
        .connection()
        .query_row("SELECT count(*) FROM sessions WHERE event_id = ?1", [&small_event], |r| r.get(0))
        .unwrap();
    assert_eq!(sessions, 0);

    // Pulled rows are applied without capture.
    let before = f.store.outbox().unwrap().len();
    let mut pulled = f.store.get("venues", &f.venue).unwrap().unwrap();
    pulled.insert("city".into(), json!("From the server"));
    f.store.write(|w| w.apply_pulled("venues", &pulled)).unwrap();
    assert_eq!(f.store.outbox().unwrap().len(), before);
}

#[test]
fn a_bulk_load_sets_the_guards_aside_only_inside_its_own_transaction() {
    let mut f = fixture();
    let guards = |store: &Store| -> i64 {
        store
            .connection()
            .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_guard_*'", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let all = i64::try_from(schema::tables().len() * 3).unwrap();
    assert_eq!(guards(&f.store), all);
    let account = f.account.clone();
    f.store
        .write(|w| {
            w.defer_search_index()?;
            w.insert("venues", row(json!({"account_id": account, "name": "Bulk Hall"})))
        })
        .unwrap();
    assert_eq!(guards(&f.store), all, "put back at commit");
    let _ = f.store.write(|w| {
        w.defer_search_index()?;
        Err::<(), _>(eventos_store::StoreError::Busy)
    });
    assert_eq!(guards(&f.store), all, "and by a rollback");
    let plain = rusqlite::Connection::open(f.dir.path().join("replica.db")).unwrap();
    assert!(plain.execute("DELETE FROM venues", []).is_err(), "still refused from outside");
}
