//! Rows another door sent over the local network (its check-ins): applied like pulled rows,
//! and — when the door that made one had not pushed it yet — queued for the server under that
//! door's own change id and clock, so whichever door syncs first pushes it and the server,
//! which answers a change id it has seen with "duplicate", keeps one.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::outbox::{Capture, Op};
use crate::writer::lookup;
use crate::{Result, Row, Store, StoreError, Writer};

/// A change waiting in the outbox of the computer that made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingChange {
    pub change_id: String,
    pub hlc: String,
}

impl Store {
    /// The insert of this row still waiting in the outbox, if any (one the server refused is
    /// not passed on: every other door's push would be refused too).
    pub fn pending_insert(&self, table: &str, id: &str) -> Result<Option<PendingChange>> {
        let table = lookup(table)?;
        Ok(self
            .conn
            .prepare_cached("SELECT change_id, hlc FROM sync_outbox WHERE tbl = ?1 AND row_id = ?2 AND op = 'insert' AND state = 'pending'")?
            .query_row(params![table.name, id], |r| Ok(PendingChange { change_id: r.get(0)?, hlc: r.get(1)? }))
            .optional()?)
    }
}

impl Writer<'_> {
    /// Takes a row another computer sent: a row already here is left as it is (rows are the
    /// same everywhere by id). Returns whether it was new.
    pub fn apply_relayed(&mut self, table: &str, row: &Row, pending: Option<&PendingChange>) -> Result<bool> {
        let table = lookup(table)?;
        let Some(id) = row.get("id").and_then(serde_json::Value::as_str) else {
            return Err(StoreError::UnknownColumn { table: table.name.into(), column: "id".into() });
        };
        let exists = self.tx.prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", table.name))?.exists([id])?;
        if exists {
            return Ok(false);
        }
        // The row and its outbox entry land together or not at all, whatever the next row does.
        self.tx.execute_batch("SAVEPOINT relayed")?;
        let applied = self.apply_relayed_row(table, id, row, pending);
        match applied {
            Ok(_) => self.tx.execute_batch("RELEASE relayed")?,
            Err(_) => self.tx.execute_batch("ROLLBACK TO relayed; RELEASE relayed")?,
        }
        applied
    }

    fn apply_relayed_row(
        &mut self,
        table: &'static eventos_model::schema::Table,
        id: &str,
        row: &Row,
        pending: Option<&PendingChange>,
    ) -> Result<bool> {
        self.apply_pulled(table.name, row)?;
        // A row this computer deleted and has not pushed the delete of stays deleted.
        let kept = self.tx.prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", table.name))?.exists([id])?;
        if !kept {
            return Ok(false);
        }
        if let (Some(pending), Some(capture)) = (pending, self.capture.as_mut()) {
            capture.observe(&pending.hlc);
            let mut data = row.clone();
            data.retain(|name, _| table.column(name).is_some_and(|c| !c.generated));
            Capture::record_as(&self.tx, &pending.change_id, &pending.hlc, table.name, id, Op::Insert, Some(&data))?;
            self.bookkeeping = None;
        }
        Ok(true)
    }
}
