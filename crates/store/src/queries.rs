//! Read queries over the replica.

use eventos_model::schema::{self, Table};
use eventos_model::validate::{self, Stored};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::writer::lookup;
use crate::{Result, Row, Store, StoreError};

/// A row of seed 003's `event_stats` view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventStats {
    pub event_id: String,
    pub event_name: String,
    pub capacity: i64,
    pub tickets_sold: i64,
    pub tickets_available: i64,
    pub tickets_active: i64,
    pub tickets_used: i64,
    pub tickets_cancelled: i64,
}

impl Store {
    /// One row by id, as JSON typed by the schema registry.
    pub fn get(&self, table: &str, id: &str) -> Result<Option<Row>> {
        get_row(&self.conn, lookup(table)?, id)
    }

    /// Every replicated table with its row count, in the registry's order.
    pub fn table_counts(&self) -> Result<Vec<(&'static str, i64)>> {
        schema::tables()
            .iter()
            .map(|t| {
                let n = self.conn.query_row(&format!("SELECT count(*) FROM {}", t.name), [], |r| r.get(0))?;
                Ok((t.name, n))
            })
            .collect()
    }

    /// The `event_stats` row of the event with this id or slug.
    pub fn event_stats(&self, id_or_slug: &str) -> Result<EventStats> {
        let sql = "SELECT event_id, event_name, capacity, tickets_sold, tickets_available, tickets_active, \
                   tickets_used, tickets_cancelled FROM event_stats \
                   WHERE event_id = (SELECT id FROM events WHERE id = ?1 OR slug = ?1)";
        self.conn
            .prepare_cached(sql)?
            .query_row([id_or_slug], |r| {
                Ok(EventStats {
                    event_id: r.get(0)?,
                    event_name: r.get(1)?,
                    capacity: r.get(2)?,
                    tickets_sold: r.get(3)?,
                    tickets_available: r.get(4)?,
                    tickets_active: r.get(5)?,
                    tickets_used: r.get(6)?,
                    tickets_cancelled: r.get(7)?,
                })
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound { table: "events".into(), id: id_or_slug.into() })
    }
}

pub(crate) fn get_row(conn: &Connection, table: &Table, id: &str) -> Result<Option<Row>> {
    let columns: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
    let sql = format!("SELECT {} FROM {} WHERE id = ?1", columns.join(", "), table.name);
    let mut stmt = conn.prepare_cached(&sql)?;
    Ok(stmt.query_row([id], |r| decode_row(r, table)).optional()?)
}

/// A row whose first columns are `table`'s, in the registry's order, as JSON typed by it.
pub(crate) fn decode_row(r: &rusqlite::Row<'_>, table: &Table) -> rusqlite::Result<Row> {
    let mut row = Row::new();
    for (i, column) in table.columns.iter().enumerate() {
        let stored = match r.get_ref(i)? {
            ValueRef::Null => Stored::Null,
            ValueRef::Integer(n) => Stored::Integer(n),
            ValueRef::Text(t) => Stored::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Real(f) => Stored::Text(f.to_string()),
            ValueRef::Blob(_) => Stored::Null,
        };
        row.insert(column.name.to_owned(), validate::from_stored(column, stored));
    }
    Ok(row)
}
