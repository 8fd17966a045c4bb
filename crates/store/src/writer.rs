//! Typed writes of any replicated table, inside one transaction.

use eventos_model::schema::{self, Column, Table};
use eventos_model::validate::{self, Stored};
use eventos_model::{ValidationError, prepare};
use std::collections::HashMap;
use std::rc::Rc;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{OptionalExtension, ToSql, Transaction};
use time::OffsetDateTime;

use crate::explain::explain;
use crate::outbox::{Capture, Op};
use crate::{Result, Row, StoreError};

/// The write half of one transaction (see [`crate::Store::write`]).
pub struct Writer<'c> {
    pub(crate) tx: Transaction<'c>,
    /// This device's clock, when the workspace is connected and writes go to the outbox.
    pub(crate) capture: Option<Capture>,
    now: OffsetDateTime,
    /// Whether [`Writer::defer_search_index`] set the search triggers aside until commit.
    bulk: bool,
    /// INSERT statements by table, column list and upsert, so bulk writes build each SQL text once.
    insert_sql: HashMap<(&'static str, Vec<&'static str>, bool), Rc<str>>,
    /// Whether the outbox holds any change and the conflict log any open conflict, asked once
    /// per transaction by pulls (a bootstrap of a fresh replica then skips two lookups a row);
    /// forgotten when a local write adds to the outbox.
    pub(crate) bookkeeping: Option<(bool, bool)>,
    /// Synced tables accept this transaction's writes (and only while it lasts).
    _opened: crate::guard::Opened,
}

impl<'c> Writer<'c> {
    pub(crate) fn new(tx: Transaction<'c>, opened: crate::guard::Opened) -> Result<Self> {
        let capture = Capture::load(&tx)?;
        Ok(Writer {
            tx,
            capture,
            now: OffsetDateTime::now_utc(),
            bulk: false,
            insert_sql: HashMap::new(),
            bookkeeping: None,
            _opened: opened,
        })
    }

    pub(crate) fn commit(self) -> Result<()> {
        if let Some(capture) = &self.capture {
            capture.save(&self.tx)?;
        }
        if self.bulk {
            crate::search::resume_suspended(&self.tx)?;
            crate::guard::create_missing(&self.tx)?;
        }
        Ok(self.tx.commit()?)
    }

    /// Whether [`Writer::defer_search_index`] turned this transaction into a bulk load.
    pub(crate) fn is_bulk(&self) -> bool {
        self.bulk
    }

    /// For writes of many thousands of rows (the demo, a bootstrap): stop updating the
    /// full-text indexes row by row and rebuild them once at commit. FTS5 flushes its pending
    /// index at every statement, which makes row-by-row indexing the slowest part of a bulk
    /// load. The triggers are restored from their own SQL in the same transaction (the same
    /// mechanism as [`Writer::suspend_search_index`], within one transaction), so the schema is
    /// unchanged whether the transaction commits or rolls back.
    pub fn defer_search_index(&mut self) -> Result<()> {
        if self.bulk {
            return Ok(());
        }
        // A bulk load touches every page of the big tables' indexes: keep them all in memory
        // until commit instead of spilling half-written pages to the WAL.
        self.tx.execute_batch(crate::open::BULK_CACHE_SIZE_PRAGMA)?;
        crate::search::suspend(&self.tx)?;
        // The guard triggers too: this Writer is the only writer until its commit, which puts
        // them back (see guard::drop_all).
        crate::guard::drop_all(&self.tx)?;
        self.bulk = true;
        Ok(())
    }

    /// For a load of many transactions (a bootstrap's pages): sets the full-text triggers aside
    /// until [`Writer::resume_search_index`], keeping their SQL in the replica so that a crash
    /// in between is mended when it is next opened ([`crate::Store::open`]).
    pub fn suspend_search_index(&mut self) -> Result<()> {
        crate::search::suspend(&self.tx)
    }

    /// Rebuilds the full-text indexes and puts their triggers back (does nothing if they were
    /// not set aside).
    pub fn resume_search_index(&mut self) -> Result<()> {
        crate::search::resume_suspended(&self.tx)
    }

    /// Inserts a row and returns its id. Fills what the server's triggers would (id, codes,
    /// `total_cents`) and `account_id` from the row's parent, then checks every value against
    /// the schema before the database sees it.
    pub fn insert(&mut self, table: &str, mut row: Row) -> Result<String> {
        let table = lookup(table)?;
        reject_unknown(table, &row)?;
        prepare::fill_new_row(table.name, &mut row, self.now, crate::zones::local_zone());
        crate::zones::check(table.name, &row)?;
        let mut values = to_stored(table, &row)?;
        self.settle_account(table, &mut values)?;
        validate::check_required(table, &values)?;
        validate::check_row(table, &values)?;
        let sql = self.insert_sql(table, &values, false);
        self.execute(table, &sql, &values, None)?;
        let id = text_of(&values, "id").unwrap_or_default().to_owned();
        if self.capture.is_some() {
            // The whole row as stored (defaults included), so the server's copy is the same.
            let mut row = self.get(table.name, &id)?.unwrap_or_default();
            row.retain(|name, _| table.column(name).is_some_and(|c| !c.generated));
            self.record(table.name, &id, Op::Insert, Some(&row))?;
        }
        Ok(id)
    }

    /// Changes the given columns of one row and stamps `updated_at` (unless the patch sets it,
    /// as a row pulled from the server does).
    pub fn update(&mut self, table: &str, id: &str, patch: Row) -> Result<()> {
        let table = lookup(table)?;
        reject_unknown(table, &patch)?;
        crate::zones::check(table.name, &patch)?;
        if let Some(key) = patch.keys().find(|k| *k == table.primary_key()) {
            return Err(eventos_model::ValidationError::new(table.name, key, "cannot be changed").into());
        }
        let mut values = to_stored(table, &patch)?;
        if values.is_empty() {
            return Ok(());
        }
        // updated_at is the writer's to keep (a row re-applied from the server keeps its own).
        if let Some(column) = table.column("updated_at").filter(|_| !patch.contains_key("updated_at")) {
            values.push((column, Stored::Text(eventos_model::timestamp::format(self.now))));
        }
        let changed = self.execute(table, &update_sql(table, &values), &values, Some(id))?;
        if changed == 0 {
            return Err(StoreError::NotFound { table: table.name.into(), id: id.into() });
        }
        if values.iter().any(|(c, _)| is_tenancy_column(c)) {
            let mut current = self.tenancy_of(table, id)?;
            self.settle_account(table, &mut current)?;
        }
        if self.capture.is_some() {
            // Not updated_at: the server stamps its own on every update.
            let changed: Row = values
                .into_iter()
                .filter(|(c, _)| c.name != "updated_at")
                .map(|(c, v)| (c.name.to_owned(), validate::from_stored(c, v)))
                .collect();
            self.record(table.name, id, Op::Update, Some(&changed))?;
        }
        Ok(())
    }

    /// Deletes one row; the schema's ON DELETE rules cascade or refuse.
    pub fn delete(&mut self, table: &str, id: &str) -> Result<()> {
        let table = lookup(table)?;
        // A document deleted here, itself or with its company or deal, takes its file out of the
        // bucket too (once the server has the delete); one pulled as a tombstone or reset with a
        // scope does not.
        let documents =
            if self.capture.is_some() { crate::files::documents_reached(&self.tx, table, id)? } else { Vec::new() };
        let sql = format!("DELETE FROM {} WHERE id = ?1", table.name);
        let changed = self.tx.execute(&sql, [id]).map_err(|e| explain(&self.tx, e, table, &[], Some(id)))?;
        if changed == 0 {
            return Err(StoreError::NotFound { table: table.name.into(), id: id.into() });
        }
        for (document, path) in crate::files::documents_gone(&self.tx, documents)? {
            crate::files::queue_deletion(&self.tx, &path, &document, (table.name, id))?;
        }
        self.record(table.name, id, Op::Delete, None)
    }

    /// Adds a change to the outbox when the workspace is connected.
    fn record(&mut self, table: &str, id: &str, op: Op, data: Option<&Row>) -> Result<()> {
        self.bookkeeping = None;
        match self.capture.as_mut() {
            Some(capture) => capture.record(&self.tx, table, id, op, data),
            None => Ok(()),
        }
    }

    /// How many rows `table` holds, as this transaction sees it.
    pub fn count(&self, table: &str) -> Result<i64> {
        let table = lookup(table)?;
        Ok(self.tx.query_row(&format!("SELECT count(*) FROM {}", table.name), [], |r| r.get(0))?)
    }

    /// The ids of `table`'s rows whose `column` is `value`, as this transaction sees them (the
    /// rows a merge moves).
    pub fn ids_where(&self, table: &str, column: &str, value: &str) -> Result<Vec<String>> {
        let table = lookup(table)?;
        let column = table
            .column(column)
            .ok_or_else(|| crate::StoreError::UnknownColumn { table: table.name.into(), column: column.into() })?;
        let sql = format!("SELECT id FROM {} WHERE {} = ?1 ORDER BY id", table.name, column.name);
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let ids = stmt.query_map([value], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// Reads inside the transaction (sees this transaction's own writes).
    pub fn get(&self, table: &str, id: &str) -> Result<Option<Row>> {
        crate::queries::get_row(&self.tx, lookup(table)?, id)
    }

    /// `INSERT INTO table (columns) VALUES (?1, …)` for these values; with `upsert`, a row whose
    /// id exists is updated instead (a pulled row). Built once per shape.
    pub(crate) fn insert_sql(&mut self, table: &Table, values: &[(&'static Column, Stored)], upsert: bool) -> Rc<str> {
        let columns: Vec<&'static str> = values.iter().map(|(c, _)| c.name).collect();
        let sql = self.insert_sql.entry((table.name, columns, upsert)).or_insert_with_key(|(name, columns, upsert)| {
            let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
            let mut sql = format!("INSERT INTO {name} ({}) VALUES ({})", columns.join(", "), placeholders.join(", "));
            if *upsert {
                let updates: Vec<String> =
                    columns.iter().filter(|c| **c != "id").map(|c| format!("{c} = excluded.{c}")).collect();
                sql += &format!(" ON CONFLICT (id) DO UPDATE SET {}", updates.join(", "));
            }
            sql.into()
        });
        Rc::clone(sql)
    }

    pub(crate) fn execute(
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

    /// The row's `account_id` and the references to parents that have an account, as stored.
    fn tenancy_of(&self, table: &'static Table, id: &str) -> Result<Vec<(&'static Column, Stored)>> {
        let columns: Vec<&'static Column> = table.columns.iter().filter(|c| is_tenancy_column(c)).collect();
        let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
        let sql = format!("SELECT {} FROM {} WHERE id = ?1", names.join(", "), table.name);
        let stored: Vec<Stored> = self.tx.query_row(&sql, [id], |r| {
            (0..columns.len()).map(|i| Ok(r.get::<_, Option<String>>(i)?.map_or(Stored::Null, Stored::Text))).collect()
        })?;
        Ok(columns.into_iter().zip(stored).collect())
    }

    /// Tenancy: a row's account is its parent's (an order's event, a contact's company, …).
    /// Fills `account_id` from the first parent that has one when the row leaves it out, and
    /// refuses a row whose `account_id` differs from that parent's.
    fn settle_account(&self, table: &Table, values: &mut Vec<(&'static Column, Stored)>) -> Result<()> {
        let Some(account_column) = table.column("account_id") else { return Ok(()) };
        let Some((column, parent, parent_id)) = values.iter().find_map(|(c, v)| match v {
            Stored::Text(id) => account_parent(c).map(|parent| (c.name, parent, id.clone())),
            _ => None,
        }) else {
            return Ok(());
        };
        let sql = format!("SELECT account_id FROM {parent} WHERE id = ?1");
        let found: Option<String> = self.tx.prepare_cached(&sql)?.query_row([&parent_id], |r| r.get(0)).optional()?;
        let Some(parents_account) = found else { return Ok(()) }; // a missing parent is the foreign key's error
        match values.iter_mut().find(|(c, _)| c.name == "account_id") {
            Some((_, Stored::Text(given))) if *given != parents_account => Err(ValidationError::new(
                table.name,
                "account_id",
                format!("is {given}, but {column} {parent_id} belongs to account {parents_account}"),
            )
            .into()),
            Some((_, value @ Stored::Null)) => {
                *value = Stored::Text(parents_account);
                Ok(())
            }
            Some(_) => Ok(()),
            None => {
                values.push((account_column, Stored::Text(parents_account)));
                Ok(())
            }
        }
    }
}

/// `UPDATE table SET a = ?1, … WHERE id = ?n` for these values (the id bound last).
pub(crate) fn update_sql(table: &Table, values: &[(&'static Column, Stored)]) -> String {
    let sets: Vec<String> = values.iter().enumerate().map(|(i, (c, _))| format!("{} = ?{}", c.name, i + 1)).collect();
    format!("UPDATE {} SET {} WHERE id = ?{}", table.name, sets.join(", "), values.len() + 1)
}

/// `account_id`, or a reference to a parent that belongs to an account.
fn is_tenancy_column(column: &Column) -> bool {
    column.name == "account_id" || account_parent(column).is_some()
}

/// The parent table a reference column points at, if that parent belongs to an account.
fn account_parent(column: &Column) -> Option<&'static str> {
    let (parent, _) = column.references?;
    (parent != "accounts" && schema::table(parent)?.has_column("account_id")).then_some(parent)
}

fn text_of<'v>(values: &'v [(&'static Column, Stored)], name: &str) -> Option<&'v str> {
    values.iter().find_map(|(c, v)| match v {
        Stored::Text(s) if c.name == name => Some(s.as_str()),
        _ => None,
    })
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
