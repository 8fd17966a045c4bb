//! Which project and user this replica is connected to (`sync_connection`), and the sync
//! figures the Sync screen shows: the conflict log and when the replica last caught up.

use eventos_model::timestamp;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde_json::Value;

use crate::{Result, Store};

/// The project and user a connected replica syncs with (no secrets: tokens are kept elsewhere).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Connection {
    pub url: String,
    pub anon_key: String,
    pub email: String,
    pub user_id: String,
    pub connected_at: String,
}

/// A field where another edit won over this device's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub id: i64,
    pub table: String,
    pub row_id: String,
    pub field: String,
    pub mine: Option<Value>,
    /// `None` until the row is next pulled.
    pub winner: Option<Value>,
    /// The winning clock (it names the device, or `server` for a write made on the web).
    pub winner_hlc: Option<String>,
    pub at: String,
    pub undone_at: Option<String>,
}

impl Store {
    pub fn sync_connection(&self) -> Result<Option<Connection>> {
        Ok(self
            .conn
            .query_row(
                "SELECT url, anon_key, email, user_id, connected_at FROM sync_connection WHERE id = 1",
                [],
                |r| {
                    Ok(Connection {
                        url: r.get(0)?,
                        anon_key: r.get(1)?,
                        email: r.get(2)?,
                        user_id: r.get(3)?,
                        connected_at: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// Connects the replica: remembers the project and user, and from now on records every
    /// local write in the outbox (one transaction, so neither happens without the other).
    pub fn connect(&mut self, url: &str, anon_key: &str, email: &str, user_id: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO sync_connection (id, url, anon_key, email, user_id, connected_at) VALUES (1, ?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (id) DO UPDATE SET url = ?1, anon_key = ?2, email = ?3, user_id = ?4",
            params![url, anon_key, email, user_id, timestamp::now()],
        )?;
        tx.execute("UPDATE sync_device SET capture = 1 WHERE id = 1", [])?;
        Ok(tx.commit()?)
    }

    /// Whether the replica holds any row of the seeds' tables (the demo, or work done before
    /// connecting), as opposed to a fresh, empty one.
    pub fn has_data(&self) -> Result<bool> {
        // The six default pipeline stages come with every account, so accounts decide.
        Ok(self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM accounts) OR EXISTS (SELECT 1 FROM events)", [], |r| r.get(0))?)
    }

    /// When the replica last caught up with the server (the latest scope's pull).
    pub fn last_synced_at(&self) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT max(synced_at) FROM sync_scopes", [], |r| r.get(0))?)
    }

    /// The conflict log, newest first.
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, tbl, row_id, field, mine, winner, winner_hlc, at, undone_at FROM sync_conflicts ORDER BY id DESC",
        )?;
        let json = |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok());
        let rows = stmt.query_map([], |r| {
            Ok(Conflict {
                id: r.get(0)?,
                table: r.get(1)?,
                row_id: r.get(2)?,
                field: r.get(3)?,
                mine: json(r.get(4)?),
                winner: json(r.get(5)?),
                winner_hlc: r.get(6)?,
                at: r.get(7)?,
                undone_at: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn conflict(&self, id: i64) -> Result<Option<Conflict>> {
        Ok(self.conflicts()?.into_iter().find(|c| c.id == id))
    }

    /// Conflicts with a known winner that were not undone (what the Sync screen counts).
    pub fn open_conflicts(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM sync_conflicts WHERE winner_hlc IS NOT NULL AND undone_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }
}

impl crate::Writer<'_> {
    /// Marks a conflict undone (in the transaction of the edit that put this device's value back).
    pub fn mark_conflict_undone(&mut self, id: i64) -> Result<()> {
        self.tx.execute("UPDATE sync_conflicts SET undone_at = ?2 WHERE id = ?1", params![id, timestamp::now()])?;
        Ok(())
    }
}
