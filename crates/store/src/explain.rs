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
            let rule = table.column(field).map_or_else(|| "breaks a rule of the schema".to_owned(), describe);
            constraint(ConstraintKind::Check, field, rule)
        }
        ffi::SQLITE_CONSTRAINT_NOTNULL => {
            constraint(ConstraintKind::NotNull, column_of(&message), "is required".into())
        }
        ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {
            constraint(ConstraintKind::Unique, "id", "a row with this id already exists".into())
        }
        ffi::SQLITE_CONSTRAINT_UNIQUE => {
            let field = unique_field(conn, &message);
            constraint(ConstraintKind::Unique, &field, "must be unique: another row already has this value".into())
        }
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

/// What a column's CHECK demands, in words.
fn describe(column: &Column) -> String {
    use eventos_model::schema::{Check, ColumnType};
    match (column.check, column.ty) {
        (Some(Check::Range(min, max)), _) => format!("must be between {min} and {max}"),
        (Some(Check::AtLeast(min)), _) => format!("must be at least {min}"),
        (Some(Check::OneOf(values)), _) => format!("must be one of {}", values.join(", ")),
        (Some(Check::SubsetOf(values)), _) => format!("may only contain {}", values.join(", ")),
        (Some(Check::After(other)), _) => format!("must be after {other}"),
        (Some(Check::Product(a, b)), _) => format!("must equal {a} × {b}"),
        (None, ColumnType::Timestamp) => "must be a UTC timestamp like 2025-06-15T13:00:00.000000Z".into(),
        (None, ColumnType::Date) => "must be a date like 2025-06-15".into(),
        (None, ColumnType::Uuid) => "must be a lowercase uuid".into(),
        (None, ColumnType::Boolean) => "must be 0 or 1".into(),
        (None, ColumnType::Json) => "must be valid JSON".into(),
        (None, ColumnType::Array) => "must be a JSON list".into(),
        (None, _) => "breaks a rule of the schema".into(),
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

/// `"UNIQUE constraint failed: t.a, t.b"` → `b` (the last column is the one a person changes);
/// `"... failed: index 'idx'"` → the column the partial index is about, else its last column.
fn unique_field(conn: &Connection, message: &str) -> String {
    let detail = after(message, "failed: ").unwrap_or_default();
    if let Some(index) = detail.strip_prefix("index '").and_then(|s| s.strip_suffix('\'')) {
        let sql: Option<String> = conn
            .query_row("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1", [index], |r| r.get(0))
            .optional()
            .ok()
            .flatten();
        if let Some(column) = sql.as_deref().and_then(|s| after(s, "WHERE ")).and_then(|w| w.split_whitespace().next())
        {
            return column.to_owned();
        }
        let last: Option<String> = conn
            .query_row("SELECT name FROM pragma_index_info(?1) ORDER BY seqno DESC LIMIT 1", [index], |r| r.get(0))
            .optional()
            .ok()
            .flatten();
        return last.unwrap_or_else(|| "id".into());
    }
    column_of(detail.rsplit(", ").next().unwrap_or(detail)).to_owned()
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
