//! Applying what a pull brings: rows and tombstones from the server, never recorded in the
//! outbox, never overwriting a field this device has not pushed yet.

use std::collections::HashSet;

use eventos_model::schema::Column;
use eventos_model::validate::{self, Stored};
use rusqlite::params;
use serde_json::Value;

use crate::writer::{lookup, update_sql};
use crate::{Result, Row, StoreError, Writer};

/// Why a local change could not go up after its row went away on the server.
pub const ROW_GONE: &str = "the row was deleted on the server, or is no longer shared with you";

impl Writer<'_> {
    /// Rows of a pull arrive in any order: check foreign keys at commit, not per row.
    pub fn defer_foreign_keys(&mut self) -> Result<()> {
        Ok(self.tx.execute_batch("PRAGMA defer_foreign_keys = ON")?)
    }

    /// Rows a pull brought whose parent this user cannot see — the server shares a rep's own
    /// activity on a company since reassigned to someone else, but not the company — are kept
    /// out of the replica (with what cascades from them), so the pull's foreign keys hold.
    /// Returns how many rows were kept out.
    pub fn drop_orphans(&mut self) -> Result<usize> {
        let mut dropped = 0;
        loop {
            let orphans: Vec<(String, i64)> = self
                .tx
                .prepare("SELECT \"table\", rowid FROM pragma_foreign_key_check WHERE rowid IS NOT NULL")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            if orphans.is_empty() {
                return Ok(dropped);
            }
            for (table, rowid) in orphans {
                let table = lookup(&table)?;
                dropped += self.tx.execute(&format!("DELETE FROM {} WHERE rowid = ?1", table.name), [rowid])?;
            }
        }
    }

    /// Inserts or updates a row as the server has it. Fields with a local change still waiting
    /// to go up keep their local value; a row this device deleted stays deleted. Columns the
    /// replica does not have (the server's `_hlc`) are skipped; clocks seen move this device's
    /// clock forward.
    pub fn apply_pulled(&mut self, table: &str, row: &Row) -> Result<()> {
        let table = lookup(table)?;
        let Some(id) = row.get("id").and_then(Value::as_str) else {
            return Err(StoreError::UnknownColumn { table: table.name.into(), column: "id".into() });
        };
        let (outbox_busy, conflicts_open) = self.bookkeeping()?;
        let pending = if outbox_busy {
            let Some(pending) = self.pending_fields(table.name, id)? else { return Ok(()) };
            pending
        } else {
            HashSet::new()
        };
        if let (Some(capture), Some(Value::Object(clocks))) = (self.capture.as_mut(), row.get("_hlc")) {
            for clock in clocks.values().filter_map(Value::as_str) {
                capture.observe(clock);
            }
        }
        // With nothing pending (a bootstrap, most pulls) one upsert does; else the pending
        // fields are left out of an update, which an upsert's insert half could not do.
        let exists = !pending.is_empty()
            && self.tx.prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", table.name))?.exists([id])?;
        let values: Vec<(&'static Column, Stored)> = table
            .columns
            .iter()
            .filter(|c| !c.generated && !(exists && (pending.contains(c.name) || c.name == "id")))
            .filter_map(|c| row.get(c.name).map(|v| (c, v)))
            .map(|(c, v)| Ok((c, validate::to_stored(table, c, v)?)))
            .collect::<Result<_>>()?;
        if exists {
            if !values.is_empty() {
                self.execute(table, &update_sql(table, &values), &values, Some(id))?;
            }
        } else {
            let sql = self.insert_sql(table, &values, true);
            self.execute(table, &sql, &values, None)?;
        }
        if conflicts_open {
            self.fill_conflict_winners(table.name, id, row)?;
        }
        Ok(())
    }

    /// Whether anything waits in the outbox, and whether any conflict waits for its winner.
    fn bookkeeping(&mut self) -> Result<(bool, bool)> {
        if let Some(known) = self.bookkeeping {
            return Ok(known);
        }
        let known = self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM sync_outbox), \
                    EXISTS (SELECT 1 FROM sync_conflicts WHERE winner_hlc IS NULL)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        self.bookkeeping = Some(known);
        Ok(known)
    }

    /// Deletes a row the server deleted, or that left this device's scope. Local changes to it
    /// that have not gone up cannot any more: they are marked failed, for the user to see.
    pub fn apply_tombstone(&mut self, table: &str, id: &str) -> Result<()> {
        let table = lookup(table)?;
        self.tx.execute(&format!("DELETE FROM {} WHERE id = ?1", table.name), [id])?;
        self.tx.execute(
            "UPDATE sync_outbox SET state = 'failed', error = ?3 WHERE tbl = ?1 AND row_id = ?2 AND op <> 'delete'",
            params![table.name, id, ROW_GONE],
        )?;
        // A local delete of a row that is gone anyway has nothing left to do.
        self.tx.execute(
            "DELETE FROM sync_outbox WHERE tbl = ?1 AND row_id = ?2 AND op = 'delete'",
            params![table.name, id],
        )?;
        Ok(())
    }

    /// The fields of a row with local changes not yet pushed, or `None` if this device deleted
    /// the row and that has not gone up yet.
    fn pending_fields(&self, table: &str, id: &str) -> Result<Option<HashSet<String>>> {
        let mut stmt = self.tx.prepare_cached("SELECT op, data FROM sync_outbox WHERE tbl = ?1 AND row_id = ?2")?;
        let mut rows = stmt.query(params![table, id])?;
        let mut fields = HashSet::new();
        while let Some(r) = rows.next()? {
            let op: String = r.get(0)?;
            if op == "delete" {
                return Ok(None);
            }
            if let Some(Value::Object(data)) =
                r.get::<_, Option<String>>(1)?.and_then(|d| serde_json::from_str(&d).ok())
            {
                fields.extend(data.keys().filter(|k| *k != "id").cloned());
            }
        }
        Ok(Some(fields))
    }

    /// Conflicts this device lost on this row learn the winning value and clock.
    fn fill_conflict_winners(&self, table: &str, id: &str, row: &Row) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT id, field FROM sync_conflicts WHERE tbl = ?1 AND row_id = ?2 AND winner_hlc IS NULL",
        )?;
        let open: Vec<(i64, String)> =
            stmt.query_map(params![table, id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let clocks = row.get("_hlc");
        for (conflict, field) in open {
            let clock = clocks.and_then(|c| c.get(&field).or_else(|| c.get("*"))).and_then(Value::as_str);
            let winner = row.get(&field).map(Value::to_string);
            self.tx.execute(
                "UPDATE sync_conflicts SET winner = ?2, winner_hlc = ?3 WHERE id = ?1",
                params![conflict, winner, clock.unwrap_or("unknown")],
            )?;
        }
        Ok(())
    }
}
