//! Turning SQLite's constraint failures into errors that name the table and field.
//!
//! CHECK constraints in the migrations are named after their column, so SQLite's message
//! ("CHECK constraint failed: quantity") names the field; NOT NULL, UNIQUE and type errors name
//! `table.column`. A foreign-key failure names nothing, so we find the culprit ourselves.

use eventos_model::schema::{self, Column, OnDelete, Table};
use eventos_model::validate::Stored;
use rusqlite::{Connection, OptionalExtension, ffi};

use crate::{ConstraintKind, StoreError};

pub(crate) fn explain(
    conn: &Connection,
    error: rusqlite::Error,
    table: &Table,
    values: &[(&'static Column, Stored)],
    id: Option<&str>,
) -> StoreError {
    let (code, message) = match &error {
        rusqlite::Error::SqliteFailure(e, Some(msg)) => (e.extended_code, msg.clone()),
        rusqlite::Error::SqliteFailure(e, None) => (e.extended_code, String::new()),
        _ => return error.into(),
    };
    let constraint = |kind, field: &str, message: String| StoreError::Constraint {
        kind,
        table: table.name.to_owned(),
        field: field.to_owned(),
        message,
    };
    match code {
        ffi::SQLITE_CONSTRAINT_CHECK | ffi::SQLITE_CONSTRAINT_TRIGGER => {
            let field = after(&message, "constraint failed: ").unwrap_or_default();
            let rule = table.column(field).map_or_else(|| "breaks a rule of the schema".to_owned(), Column::rule);
            constraint(ConstraintKind::Check, field, rule)
        }
        ffi::SQLITE_CONSTRAINT_NOTNULL => {
            constraint(ConstraintKind::NotNull, column_of(&message), "is required".into())
        }
        ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {
            constraint(ConstraintKind::Unique, "id", "a row with this id already exists".into())
        }
        ffi::SQLITE_CONSTRAINT_UNIQUE => match unique_field(conn, table, &message) {
            // A partial index: one row per group may have the flag ("one primary contact per company").
            (field, Some(per)) => {
                // The group by what it refers to ("company"), else by its label.
                let group = table.column(&per).map_or(per.clone(), |c| {
                    match c.references.and_then(|(t, _)| schema::table(t)) {
                        Some(parent) => eventos_model::presentation::table(parent).singular,
                        None => eventos_model::presentation::field_label(c),
                    }
                });
                let rule = format!(
                    "only one per {} can be {}: another one already is (unset it there first)",
                    group.to_lowercase(),
                    field.replace("is_", "").replace('_', " ")
                );
                constraint(ConstraintKind::Unique, &field, rule)
            }
            (field, None) => {
                constraint(ConstraintKind::Unique, &field, "must be unique: another row already has this value".into())
            }
        },
        ffi::SQLITE_CONSTRAINT_DATATYPE => {
            constraint(ConstraintKind::Type, column_of(&message), format!("has the wrong type ({message})"))
        }
        ffi::SQLITE_CONSTRAINT_FOREIGNKEY => match missing_parent(conn, values) {
            Some((column, parent, value)) => constraint(
                ConstraintKind::ForeignKey,
                column.name,
                format!("refers to a {parent} row that does not exist ({value})"),
            ),
            None => match id.and_then(|id| blocking_child(conn, table, id)) {
                Some((child, column)) => constraint(
                    ConstraintKind::ForeignKey,
                    "id",
                    format!("is still referred to by {child}.{column}; remove or reassign those first"),
                ),
                None => constraint(ConstraintKind::ForeignKey, "id", "breaks a reference between rows".into()),
            },
        },
        _ => error.into(),
    }
}

fn after<'m>(message: &'m str, marker: &str) -> Option<&'m str> {
    message.find(marker).map(|at| message[at + marker.len()..].trim())
}

/// `"... failed: events.name"` or `"... column orders.quantity"` → `name` / `quantity`.
fn column_of(message: &str) -> &str {
    let last = message.rsplit(' ').next().unwrap_or_default();
    last.rsplit('.').next().unwrap_or(last)
}

/// `"UNIQUE constraint failed: t.a, t.b"` → `b` (the last column is the one a person changes).
/// A partial unique index (`… ON t(a) WHERE b = 1`) is reported by its columns too; then the
/// field is the one its WHERE is about (`b`: "only one primary contact per company"), with the
/// index's column (`a`), the group it is unique in.
fn unique_field(conn: &Connection, table: &Table, message: &str) -> (String, Option<String>) {
    let detail = after(message, "failed: ").unwrap_or_default();
    let reported: Vec<&str> = detail.split(", ").map(column_of).collect();
    let partial_where = |index: &str| -> Option<String> {
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")
            .ok()?
            .query_map([index], |r| r.get(0))
            .ok()?
            .collect::<Result<_, _>>()
            .ok()?;
        if columns != reported {
            return None;
        }
        let sql: String = conn
            .query_row("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1", [index], |r| r.get(0))
            .ok()?;
        after(&sql, "WHERE ")?.split_whitespace().next().map(str::to_owned)
    };
    let partial_indexes: Vec<String> = conn
        .prepare("SELECT name FROM pragma_index_list(?1) WHERE \"unique\" = 1 AND partial = 1")
        .and_then(|mut stmt| stmt.query_map([table.name], |r| r.get(0))?.collect())
        .unwrap_or_default();
    match partial_indexes.iter().find_map(|index| partial_where(index)) {
        Some(field) => (field, reported.last().map(|c| (*c).to_owned())),
        None => (reported.last().copied().unwrap_or("id").to_owned(), None),
    }
}

/// The first foreign-key value written that has no parent row.
fn missing_parent(
    conn: &Connection,
    values: &[(&'static Column, Stored)],
) -> Option<(&'static Column, &'static str, String)> {
    values.iter().find_map(|(column, value)| {
        let (parent, _) = column.references?;
        let Stored::Text(value) = value else { return None };
        let sql = format!("SELECT 1 FROM {parent} WHERE id = ?1");
        let exists: Option<i64> = conn.query_row(&sql, [value], |r| r.get(0)).optional().ok()?;
        exists.is_none().then(|| (*column, parent, value.clone()))
    })
}

/// A child row that refers to `table`'s row `id` through a reference without ON DELETE action.
fn blocking_child(conn: &Connection, table: &Table, id: &str) -> Option<(&'static str, &'static str)> {
    schema::tables().iter().find_map(|child| {
        child.columns.iter().find_map(|c| match c.references {
            Some((parent, OnDelete::NoAction)) if parent == table.name => {
                let sql = format!("SELECT 1 FROM {} WHERE {} = ?1 LIMIT 1", child.name, c.name);
                let hit: Option<i64> = conn.query_row(&sql, [id], |r| r.get(0)).optional().ok()?;
                hit.map(|_| (child.name, c.name))
            }
            _ => None,
        })
    })
}
