//! Typed writes of any replicated table, inside one transaction.

use eventos_model::prepare;
use eventos_model::schema::{self, Column, Table};
use eventos_model::validate::{self, Stored};
use std::collections::HashMap;
use std::rc::Rc;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{OptionalExtension, ToSql, Transaction};
use serde_json::Value;
use time::OffsetDateTime;

use crate::explain::explain;
use crate::{Result, Row, StoreError};

/// The write half of one transaction (see [`crate::Store::write`]).
pub struct Writer<'c> {
    tx: Transaction<'c>,
    now: OffsetDateTime,
    /// Search-index triggers set aside by [`Writer::defer_search_index`], restored at commit.
    deferred_triggers: Vec<String>,
    /// INSERT statements by table and column list, so bulk writes build each SQL text once.
    insert_sql: HashMap<(&'static str, Vec<&'static str>), Rc<str>>,
}

impl<'c> Writer<'c> {
    pub(crate) fn new(tx: Transaction<'c>) -> Self {
        Writer { tx, now: OffsetDateTime::now_utc(), deferred_triggers: Vec::new(), insert_sql: HashMap::new() }
    }

    pub(crate) fn commit(self) -> Result<()> {
        if !self.deferred_triggers.is_empty() {
            crate::search::rebuild_indexes(&self.tx)?;
            for sql in &self.deferred_triggers {
                self.tx.execute_batch(sql)?;
            }
            self.tx.execute_batch(crate::open::CACHE_SIZE_PRAGMA)?;
        }
        Ok(self.tx.commit()?)
    }

    /// For writes of many thousands of rows (the demo, a bootstrap): stop updating the
    /// full-text indexes row by row and rebuild them once at commit. FTS5 flushes its pending
    /// index at every statement, which makes row-by-row indexing the slowest part of a bulk
    /// load. The triggers are restored from their own SQL in the same transaction, so the
    /// schema is unchanged whether the transaction commits or rolls back.
    pub fn defer_search_index(&mut self) -> Result<()> {
        if !self.deferred_triggers.is_empty() {
            return Ok(());
        }
        let triggers: Vec<(String, String)> = self
            .tx
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_fts_a[idu]'")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // A bulk load touches every page of the big tables' indexes: keep them all in memory
        // until commit instead of spilling half-written pages to the WAL.
        self.tx.execute_batch("PRAGMA cache_size = -262144")?;
        for (name, sql) in triggers {
            self.tx.execute_batch(&format!("DROP TRIGGER {name}"))?;
            self.deferred_triggers.push(sql);
        }
        Ok(())
    }

    /// Inserts a row and returns its id. Fills what the server's triggers would (id, codes,
    /// `total_cents`) and `account_id` from the row's parent, then checks every value against
    /// the schema before the database sees it.
    pub fn insert(&mut self, table: &str, mut row: Row) -> Result<String> {
        let table = lookup(table)?;
        reject_unknown(table, &row)?;
        prepare::fill_new_row(table.name, &mut row, self.now);
        if table.has_column("account_id")
            && row.get("account_id").is_none_or(Value::is_null)
            && let Some(account) = self.account_of_parent(table, &row)?
        {
            row.insert("account_id".into(), Value::String(account));
        }
        validate::check_required(table, &row)?;
        let values = to_stored(table, &row)?;
        validate::check_row(table, &values)?;
        let columns: Vec<&'static str> = values.iter().map(|(c, _)| c.name).collect();
        let sql = self.insert_sql.entry((table.name, columns)).or_insert_with_key(|(name, columns)| {
            let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
            format!("INSERT INTO {name} ({}) VALUES ({})", columns.join(", "), placeholders.join(", ")).into()
        });
        let sql = Rc::clone(sql);
        self.execute(table, &sql, &values, None)?;
        Ok(row.get("id").and_then(Value::as_str).unwrap_or_default().to_owned())
    }

    /// Changes the given columns of one row. `updated_at` is kept current by the schema.
    pub fn update(&mut self, table: &str, id: &str, patch: Row) -> Result<()> {
        let table = lookup(table)?;
        reject_unknown(table, &patch)?;
        if let Some(key) = patch.keys().find(|k| *k == table.primary_key()) {
            return Err(eventos_model::ValidationError::new(table.name, key, "cannot be changed").into());
        }
        let values = to_stored(table, &patch)?;
        if values.is_empty() {
            return Ok(());
        }
        let sets: Vec<String> =
            values.iter().enumerate().map(|(i, (c, _))| format!("{} = ?{}", c.name, i + 1)).collect();
        let sql = format!("UPDATE {} SET {} WHERE id = ?{}", table.name, sets.join(", "), values.len() + 1);
        let changed = self.execute(table, &sql, &values, Some(id))?;
        if changed == 0 {
            return Err(StoreError::NotFound { table: table.name.into(), id: id.into() });
        }
        Ok(())
    }

    /// Deletes one row; the schema's ON DELETE rules cascade or refuse.
    pub fn delete(&mut self, table: &str, id: &str) -> Result<()> {
        let table = lookup(table)?;
        let sql = format!("DELETE FROM {} WHERE id = ?1", table.name);
        let changed = self.tx.execute(&sql, [id]).map_err(|e| explain(&self.tx, e, table, &[], Some(id)))?;
        if changed == 0 {
            return Err(StoreError::NotFound { table: table.name.into(), id: id.into() });
        }
        Ok(())
    }

    /// Reads inside the transaction (sees this transaction's own writes).
    pub fn get(&self, table: &str, id: &str) -> Result<Option<Row>> {
        crate::queries::get_row(&self.tx, lookup(table)?, id)
    }

    fn execute(
        &self,
        table: &Table,
        sql: &str,
        values: &[(&'static Column, Stored)],
        id: Option<&str>,
    ) -> Result<usize> {
        let id_param = id.map(|id| Stored::Text(id.to_owned()));
        let params = values.iter().map(|(_, v)| Param(v)).chain(id_param.as_ref().map(Param));
        let mut stmt = self.tx.prepare_cached(sql)?;
        stmt.execute(rusqlite::params_from_iter(params)).map_err(|e| explain(&self.tx, e, table, values, id))
    }

    /// The account of the first parent row this row names (an order's event, a contact's
    /// company, …), so children need not repeat `account_id`.
    fn account_of_parent(&self, table: &Table, row: &Row) -> Result<Option<String>> {
        for column in table.columns {
            let Some((parent, _)) = column.references else { continue };
            let Some(parent_id) = row.get(column.name).and_then(Value::as_str) else { continue };
            let Some(parent_table) = schema::table(parent) else { continue };
            let Some(account_column) = parent_table.account_column().filter(|_| parent != "accounts") else {
                continue;
            };
            let sql = format!("SELECT {account_column} FROM {parent} WHERE id = ?1");
            let found: Option<String> =
                self.tx.prepare_cached(&sql)?.query_row([parent_id], |r| r.get(0)).optional()?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }
}

pub(crate) fn lookup(table: &str) -> Result<&'static Table> {
    schema::table(table).ok_or_else(|| StoreError::UnknownTable(table.to_owned()))
}

fn reject_unknown(table: &Table, row: &Row) -> Result<()> {
    match row.keys().find(|k| !table.has_column(k)) {
        Some(column) => Err(StoreError::UnknownColumn { table: table.name.into(), column: column.clone() }),
        None => Ok(()),
    }
}

fn to_stored(table: &'static Table, row: &Row) -> Result<Vec<(&'static Column, Stored)>> {
    row.iter()
        .map(|(name, value)| {
            let column = table.column(name).expect("unknown columns were rejected");
            Ok((column, validate::to_stored(table, column, value)?))
        })
        .collect()
}

/// Binds a stored value without copying it.
struct Param<'v>(&'v Stored);

impl ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self.0 {
            Stored::Null => ValueRef::Null,
            Stored::Integer(n) => ValueRef::Integer(*n),
            Stored::Text(s) => ValueRef::Text(s.as_bytes()),
        }))
    }
}
