//! Every rule of the schema registry is enforced twice, and agrees: the Rust validator refuses
//! the bad value with an error naming the field, and so does the database itself (raw SQL on a
//! real demo row), through a CHECK constraint named after the column.
#![allow(clippy::unwrap_used)]

use eventos_demo::{DemoOptions, generate};
use eventos_model::schema::{self, Check, Column, ColumnType, Table};
use eventos_model::validate;
use eventos_store::Store;
use rusqlite::types::Value as Sql;
use serde_json::{Value, json};
use time::macros::date;

/// Bad values for a column: (what SQL writes, the same value as JSON for the validator if it is
/// a single-column rule the validator can see).
fn bad_values(column: &Column) -> Vec<(String, Option<Value>)> {
    let lit = |s: &str| format!("'{s}'");
    match (column.check, column.ty) {
        (Some(Check::Range(min, max)), _) => {
            vec![((min - 1).to_string(), Some(json!(min - 1))), ((max + 1).to_string(), Some(json!(max + 1)))]
        }
        (Some(Check::AtLeast(min)), _) => vec![((min - 1).to_string(), Some(json!(min - 1)))],
        (Some(Check::OneOf(_)), _) => vec![(lit("not-in-the-list"), Some(json!("not-in-the-list")))],
        (Some(Check::SubsetOf(_)), _) => vec![(lit(r#"["bogus"]"#), Some(json!(["bogus"])))],
        (Some(Check::After(other)), _) => vec![(other.to_owned(), None)],
        (Some(Check::Product(_, _)), _) => vec![(format!("{} + 1", column.name), None)],
        (Some(Check::NoSecretKeys), _) => {
            vec![(lit(r#"{"Api_Key": "sk_live_x"}"#), Some(json!({"Api_Key": "sk_live_x"})))]
        }
        (None, ColumnType::Timestamp) => vec![(lit("2025-06-15 13:00"), Some(json!("2025-06-15 13:00")))],
        (None, ColumnType::Date) => vec![(lit("15/06/2025"), Some(json!("15/06/2025")))],
        (None, ColumnType::Boolean) => vec![("2".into(), Some(json!(2)))],
        (None, ColumnType::Json) => vec![(lit("{not json"), None)],
        (None, ColumnType::Array) => vec![(lit(r#"{"a": 1}"#), Some(json!({"a": 1})))],
        (None, ColumnType::Uuid) if column.name == "id" => vec![(lit("NOT-A-UUID"), Some(json!("NOT-A-UUID")))],
        _ => vec![],
    }
}

/// A small demo replica: a real row in every table to break rules on.
fn demo_replica() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("rules.db")).unwrap();
    generate(&mut store, &DemoOptions { attendees: 60, seed: 5, today: date!(2026 - 11 - 22) }).unwrap();
    (dir, store)
}

/// A plain connection with the write guard answering "open": these tests hold the database's
/// own rules to the validator's, so they write beneath the store's Writer on purpose.
fn beneath_the_writer(dir: &tempfile::TempDir) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(dir.path().join("rules.db")).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    let flags = rusqlite::functions::FunctionFlags::SQLITE_UTF8;
    conn.create_scalar_function(eventos_store::GUARD_FUNCTION, 0, flags, |_| Ok(true)).unwrap();
    conn
}

#[test]
fn every_rule_is_refused_by_the_validator_and_by_the_database() {
    let (dir, _store) = demo_replica();
    let conn = beneath_the_writer(&dir);
    let mut checked = 0;
    for table in schema::tables() {
        let id: String = conn.query_row(&format!("SELECT id FROM {} LIMIT 1", table.name), [], |r| r.get(0)).unwrap();
        for column in table.columns.iter().filter(|c| !c.generated) {
            for (sql_value, json_value) in bad_values(column) {
                let at = format!("{}.{} = {sql_value}", table.name, column.name);
                let sql = format!("UPDATE {} SET {} = {sql_value} WHERE id = ?1", table.name, column.name);
                let err = conn.execute(&sql, [&id]).expect_err(&format!("the database accepted {at}"));
                let message = err.to_string();
                let named = message.contains(&format!("CHECK constraint failed: {}", column.name))
                    || (column.ty == ColumnType::Json && message.contains("malformed JSON"));
                assert!(named, "{at}: {message}");
                if let Some(value) = json_value {
                    let e =
                        validate::to_stored(table, column, &value).expect_err(&format!("the validator accepted {at}"));
                    assert_eq!((e.table.as_str(), e.field.as_str()), (table.name, column.name), "{at}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 200, "only {checked} rules checked");
}

#[test]
fn values_inside_the_rules_are_accepted_by_both() {
    let (dir, _store) = demo_replica();
    let conn = beneath_the_writer(&dir);
    // Columns that a cross-column rule depends on are left out (changing them alone breaks it).
    let in_row_rule = |table: &Table, name: &str| {
        table.columns.iter().any(|c| matches!(c.check, Some(Check::Product(a, b)) if a == name || b == name))
    };
    // And those in a unique key with other columns (a template's channel: another value may be
    // another template's): uniqueness is not what this test holds.
    let in_unique_key = |table: &Table, name: &str| -> bool {
        let mut indexes =
            conn.prepare(&format!("SELECT name FROM pragma_index_list('{}') WHERE \"unique\"", table.name)).unwrap();
        let names: Vec<String> = indexes.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        names.iter().any(|index| {
            let columns: Vec<Option<String>> = conn
                .prepare(&format!("SELECT name FROM pragma_index_info('{index}')"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            columns.len() > 1 && columns.iter().any(|c| c.as_deref() == Some(name))
        })
    };
    for table in schema::tables() {
        let id: String = conn.query_row(&format!("SELECT id FROM {} LIMIT 1", table.name), [], |r| r.get(0)).unwrap();
        for column in table.columns.iter().filter(|c| !in_row_rule(table, c.name) && !in_unique_key(table, c.name)) {
            let good: Vec<Value> = match column.check {
                Some(Check::Range(min, max)) => vec![json!(min), json!(max)],
                Some(Check::OneOf(values)) => values.iter().map(|v| json!(v)).collect(),
                Some(Check::SubsetOf(values)) => vec![json!(values)],
                Some(Check::NoSecretKeys) => vec![json!({"account_id": "acct_1", "region": "ca"})],
                _ => continue,
            };
            for value in good {
                let stored = validate::to_stored(table, column, &value).unwrap();
                let param = match stored {
                    validate::Stored::Integer(n) => Sql::Integer(n),
                    validate::Stored::Text(s) => Sql::Text(s),
                    validate::Stored::Null => Sql::Null,
                };
                let sql = format!("UPDATE {} SET {} = ?1 WHERE id = ?2", table.name, column.name);
                conn.execute(&sql, rusqlite::params![param, id])
                    .unwrap_or_else(|e| panic!("{}.{} = {value}: {e}", table.name, column.name));
            }
        }
    }
}
