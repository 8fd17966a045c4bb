//! The replica's file: created and upgraded on open, checked against the schema registry.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use eventos_model::schema::{self, Check, ColumnType};
use eventos_store::{Store, StoreError};
use rusqlite::Connection;

fn fresh() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/replica.db");
    (dir, path)
}

#[test]
fn applies_to_an_empty_file_then_is_a_no_op() {
    let (_dir, path) = fresh();
    let (_, first) = Store::open_with_report(&path).unwrap();
    assert_eq!(
        first.applied,
        [
            "V1__replica_schema",
            "V2__sync_bookkeeping",
            "V3__sync_connection",
            "V4__door_checkins",
            "V5__box_office",
            "V6__search_merging",
            "V7__document_files",
            "V8__reminders",
            "V9__file_deletions",
            "V10__file_deletions_after",
            "V11__event_door_keys",
            "V12__production_and_operations",
            "V13__meeting_bookings",
            "V14__event_roi",
            "V15__integrations_and_notifications",
            "V16__columns_for_seed_001"
        ]
    );
    assert_eq!(first.version, 16);
    let (store, second) = Store::open_with_report(&path).unwrap();
    assert!(second.applied.is_empty(), "second open applied {:?}", second.applied);
    // The full-text indexes merge when a level fills, not at every commit.
    let automerge: i64 = store
        .connection()
        .query_row("SELECT v FROM attendees_fts_config WHERE k = 'automerge'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(automerge, 0);
    assert_eq!(second.version, 16);
    let pragma = |name: &str| -> String {
        store
            .connection()
            .query_row(&format!("PRAGMA {name}"), [], |r| r.get::<_, rusqlite::types::Value>(0))
            .map(|v| format!("{v:?}"))
            .unwrap()
    };
    assert_eq!(pragma("journal_mode"), r#"Text("wal")"#);
    assert_eq!(pragma("foreign_keys"), "Integer(1)");
    assert_eq!(pragma("busy_timeout"), "Integer(5000)");
}

#[test]
fn the_table_set_equals_the_registry() {
    let (_dir, path) = fresh();
    let store = Store::open(&path).unwrap();
    let in_db: BTreeSet<String> = store
        .connection()
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name NOT LIKE '%_fts%' AND name != 'refinery_schema_history' AND name NOT LIKE 'sync_%' \
             AND name != 'search_index_suspended' \
             AND name NOT IN ('document_files', 'reminded', 'file_deletions')",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let in_registry: BTreeSet<String> = schema::tables().iter().map(|t| t.name.to_owned()).collect();
    // The sync bookkeeping (sync_*), documents' files and reminders are the replica's own, not
    // the seeds'.
    assert_eq!(in_db, in_registry);
    assert_eq!(in_registry.len(), 51);
}

#[test]
fn every_column_matches_the_registry() {
    let (_dir, path) = fresh();
    let store = Store::open(&path).unwrap();
    let conn = store.connection();
    for table in schema::tables() {
        // (name, declared type, not null, has default, primary key, hidden: 2/3 = generated)
        let columns: Vec<(String, String, bool, bool, bool, i64)> = conn
            .prepare(&format!(
                "SELECT name, type, \"notnull\", dflt_value IS NOT NULL, pk, hidden FROM pragma_table_xinfo('{}')",
                table.name
            ))
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get::<_, i64>(4)? > 0, r.get(5)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let names: Vec<&str> = columns.iter().map(|c| c.0.as_str()).collect();
        let expected: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
        assert_eq!(names, expected, "columns of {}", table.name);
        for ((name, ty, not_null, has_default, pk, hidden), column) in columns.iter().zip(table.columns) {
            let at = format!("{}.{name}", table.name);
            assert_eq!(ty, column.ty.sql_type(), "{at}: declared type");
            assert_eq!(*pk, *name == "id", "{at}: primary key");
            // SQLite reports a TEXT PRIMARY KEY as nullable unless declared NOT NULL; ours are.
            assert_eq!(*not_null, column.not_null, "{at}: NOT NULL");
            assert_eq!(*has_default || *name == "id", column.has_default, "{at}: DEFAULT");
            assert_eq!(matches!(hidden, 2 | 3), column.generated, "{at}: generated");
        }
    }
}

#[test]
fn every_foreign_key_matches_the_registry() {
    let (_dir, path) = fresh();
    let store = Store::open(&path).unwrap();
    for table in schema::tables() {
        let mut in_db: Vec<(String, String, String, String)> = store
            .connection()
            .prepare(&format!(
                "SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list('{}')",
                table.name
            ))
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        in_db.sort();
        let mut expected: Vec<(String, String, String, String)> = table
            .columns
            .iter()
            .filter_map(|c| {
                c.references.map(|(parent, rule)| (c.name.into(), parent.into(), "id".into(), rule.sql().into()))
            })
            .collect();
        expected.sort();
        assert_eq!(in_db, expected, "foreign keys of {}", table.name);
        for column in table.columns.iter().filter(|c| c.references.is_some()) {
            assert_eq!(column.ty, ColumnType::Uuid, "{}.{} refers by uuid", table.name, column.name);
        }
    }
}

#[test]
fn a_file_from_a_newer_version_is_refused_untouched() {
    let (_dir, path) = fresh();
    drop(Store::open(&path).unwrap());
    Connection::open(&path)
        .unwrap()
        .execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (99, 'future', '', '0')",
            [],
        )
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path) {
        Err(e @ StoreError::TooNew { found: 99, known: 16 }) => assert_eq!(e.code(), "database_too_new"),
        other => panic!("expected TooNew, got {:?}", other.err()),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "the newer file is left as it was");
}

#[test]
fn a_file_that_is_not_a_database_is_reported_as_corrupt() {
    let (_dir, path) = fresh();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, b"this is a spreadsheet, not a database".repeat(200)).unwrap();
    let err = Store::open(&path).err().expect("opening garbage fails");
    assert_eq!(err.code(), "corrupt_database", "{err}");
    assert!(err.to_string().contains("replica.db"), "{err}");
}

/// The values between `open` and the next `close` after it, as a list of quoted SQL strings.
fn quoted_list(sql: &str, open: &str) -> Option<Vec<String>> {
    let start = sql.find(open)? + open.len();
    let end = start + sql[start..].find(')')?;
    Some(sql[start..end].split(',').map(|v| v.trim().trim_matches('\'').to_owned()).collect())
}

#[test]
fn check_lists_and_ranges_in_sql_are_exactly_the_registrys() {
    let (_dir, path) = fresh();
    let store = Store::open(&path).unwrap();
    let sql_of = |kind: &str, name: &str| -> String {
        store
            .connection()
            .query_row("SELECT sql FROM sqlite_master WHERE type = ?1 AND name = ?2", [kind, name], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{kind} {name}: {e}"))
    };
    let mut seen = 0;
    for table in schema::tables() {
        let sql = sql_of("table", table.name);
        for column in table.columns {
            let c = column.name;
            let at = format!("{}.{c}", table.name);
            match column.check {
                Some(Check::OneOf(values)) => {
                    let listed = quoted_list(&sql, &format!("CONSTRAINT {c} CHECK ({c} IN (")).expect(&at);
                    assert_eq!(listed, values, "{at}");
                }
                Some(Check::Range(min, max)) => {
                    assert!(sql.contains(&format!("CONSTRAINT {c} CHECK ({c} BETWEEN {min} AND {max})")), "{at}");
                }
                Some(Check::AtLeast(min)) => {
                    assert!(sql.contains(&format!("CONSTRAINT {c} CHECK ({c} >= {min})")), "{at}")
                }
                Some(Check::SubsetOf(values)) => {
                    for event in ["ins", "upd"] {
                        let trigger = sql_of("trigger", &format!("{}_{c}_subset_{event}", table.name));
                        assert_eq!(quoted_list(&trigger, "value NOT IN (").expect(&at), values, "{at} ({event})");
                    }
                }
                Some(Check::After(other)) => assert!(sql.contains(&format!("{c} > {other}")), "{at}"),
                Some(Check::Product(a, b)) => assert!(sql.contains(&format!("{c} = {a} * {b}")), "{at}"),
                Some(Check::NoSecretKeys) => {
                    for event in ["ins", "upd"] {
                        let trigger = sql_of("trigger", &format!("{}_{c}_nosecret_{event}", table.name));
                        assert!(trigger.contains("'*secret*'") && trigger.contains("'*key*'"), "{at} ({event})");
                    }
                }
                None => {}
            }
            seen += usize::from(column.check.is_some());
        }
        // And the other way round: no value list or range in SQL that the registry lacks.
        for (marker, kind) in [(" IN (", "list"), (" BETWEEN ", "range")] {
            for chunk in sql.split("CONSTRAINT ").skip(1) {
                let name = chunk.split_whitespace().next().unwrap();
                let guarded = chunk.lines().next().unwrap_or_default();
                if guarded.contains(&format!("CHECK ({name}{marker}")) {
                    let column = table.column(name).unwrap_or_else(|| panic!("{}: CHECK named {name}", table.name));
                    let expected = match (kind, column.check) {
                        ("list", Some(Check::OneOf(_))) | ("range", Some(Check::Range(..))) => true,
                        ("list", None) => column.ty == ColumnType::Boolean && guarded.contains("IN (0, 1)"),
                        _ => false,
                    };
                    assert!(expected, "{}.{name} has a {kind} in SQL that the registry does not know", table.name);
                }
            }
        }
    }
    assert!(seen >= 60, "only {seen} rules compared");
}

/// V12 rebuilds events and sessions (a wider CHECK): a file an older app filled keeps every row,
/// rowid and reference, the view on events answers again, and the new kinds are taken; a row
/// that referred to nothing before (a door's replica) does not stop the upgrade.
#[test]
fn the_v12_rebuild_keeps_rows_and_references() {
    let (_dir, path) = fresh();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    eventos_store::migrate_file_to(&path, 11).unwrap();
    let old = Connection::open(&path).unwrap();
    old.execute_batch(
        "PRAGMA foreign_keys = ON;
         INSERT INTO accounts (id, name, slug) VALUES ('aaaaaaaa-0000-4000-8000-000000000001', 'A', 'a');
         INSERT INTO profiles (id, email) VALUES ('bbbbbbbb-0000-4000-8000-000000000001', 'p@example.com');
         INSERT INTO events (id, account_id, organizer_id, name, slug, type, start_at, end_at, capacity, ticket_public_key)
           VALUES ('eeeeeeee-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001',
                   'bbbbbbbb-0000-4000-8000-000000000001', 'Gala', 'gala', 'networking',
                   '2027-03-01T18:00:00.000000Z', '2027-03-01T23:00:00.000000Z', 300, 'key');
         INSERT INTO sessions (id, account_id, event_id, title, start_time, end_time)
           VALUES ('cccccccc-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001',
                   'eeeeeeee-0000-4000-8000-000000000001', 'Opening', '2027-03-01T18:00:00.000000Z', '2027-03-01T18:45:00.000000Z');
         INSERT INTO orders (id, account_id, event_id, order_number, quantity, unit_price_cents, total_cents)
           VALUES ('dddddddd-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001',
                   'eeeeeeee-0000-4000-8000-000000000001', 'ORD-1', 1, 100, 100);",
    )
    .unwrap();
    // As on a door's replica: an attendee whose order this computer never keeps.
    old.execute_batch(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO attendees (id, account_id, order_id, event_id, full_name, email)
           VALUES ('ffffffff-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001',
                   'dddddddd-0000-4000-8000-00000000dead', 'eeeeeeee-0000-4000-8000-000000000001', 'Ada', 'ada@example.com');",
    )
    .unwrap();
    let rowid = |conn: &Connection| -> i64 { conn.query_row("SELECT rowid FROM events", [], |r| r.get(0)).unwrap() };
    let before = rowid(&old);
    drop(old);

    let (store, report) = Store::open_with_report(&path).unwrap();
    assert_eq!(
        report.applied,
        [
            "V12__production_and_operations",
            "V13__meeting_bookings",
            "V14__event_roi",
            "V15__integrations_and_notifications",
            "V16__columns_for_seed_001"
        ]
    );
    drop(store);
    let db = Connection::open(&path).unwrap();
    db.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    let flags = rusqlite::functions::FunctionFlags::SQLITE_UTF8;
    db.create_scalar_function(eventos_store::GUARD_FUNCTION, 0, flags, |_| Ok(true)).unwrap();
    assert_eq!(rowid(&db), before);
    let (key, minutes): (String, i64) = db
        .query_row(
            "SELECT e.ticket_public_key, s.duration_minutes FROM events e JOIN sessions s ON s.event_id = e.id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((key.as_str(), minutes), ("key", 45));
    let sold: i64 = db.query_row("SELECT tickets_sold FROM event_stats", [], |r| r.get(0)).unwrap();
    assert_eq!(sold, 0);
    let fk: i64 = db.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1, "only the attendee whose order was never here");
    // The references still hold: deleting the event takes its order and session with it.
    db.execute("UPDATE events SET type = 'fashion_show' WHERE slug = 'gala'", []).unwrap();
    db.execute("UPDATE sessions SET session_type = 'show'", []).unwrap();
    db.execute("DELETE FROM events", []).unwrap();
    let left: i64 = db
        .query_row("SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM sessions)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}
