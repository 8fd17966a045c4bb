//! The one way into a synced table: the [`crate::Writer`].
//!
//! The Writer captures every local write for the server (and knowingly does not capture what
//! it applies from the server, or what a trigger derives). Anything else that changed a synced
//! table would change the replica and never be sent. So every synced table — every table of the
//! registry — has guard triggers, generated from the registry each time the file is opened,
//! that refuse an INSERT, UPDATE or DELETE unless this connection's Writer has opened it:
//!
//! - our own connections register [`GUARD_FUNCTION`], which says whether a Writer is open, so a
//!   forgotten code path writing around the Writer fails with a message naming the table;
//! - an outside tool (`sqlite3`) does not have the function at all, and its write fails with
//!   "no such function: synced_tables_change_only_through_eventos".
//!
//! Writes made inside an open Writer by triggers (a check-in deriving its ticket's status) or
//! by foreign-key actions (ON DELETE CASCADE / SET NULL) pass: they are part of the write the
//! Writer is making, and the server derives them the same way.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use eventos_model::schema;
use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

use crate::Result;

/// The SQL function the guard triggers ask; its name is the message an outside tool sees.
pub const GUARD_FUNCTION: &str = "synced_tables_change_only_through_eventos";

const OPS: [&str; 3] = ["INSERT", "UPDATE", "DELETE"];

/// This connection's "a Writer is open" flag, read by [`GUARD_FUNCTION`].
#[derive(Clone, Default)]
pub(crate) struct Guard(Arc<AtomicBool>);

impl Guard {
    /// Registers the guard function on `conn`, closed.
    pub(crate) fn register(conn: &Connection) -> Result<Guard> {
        let guard = Guard::default();
        let flag = Arc::clone(&guard.0);
        // INNOCUOUS: triggers may call it whatever the connection's trusted_schema says.
        let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_INNOCUOUS;
        conn.create_scalar_function(GUARD_FUNCTION, 0, flags, move |_| Ok(flag.load(Ordering::Relaxed)))?;
        Ok(guard)
    }

    /// Opens synced tables to writes until the returned value is dropped.
    pub(crate) fn open(&self) -> Opened {
        self.0.store(true, Ordering::Relaxed);
        Opened(Arc::clone(&self.0))
    }
}

/// Synced tables are open to this connection's writes while this lives.
pub(crate) struct Opened(Arc<AtomicBool>);

impl Drop for Opened {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Relaxed);
    }
}

/// The guard trigger's name for a table and an operation.
pub fn trigger_name(table: &str, op: &str) -> String {
    format!("{table}_guard_{}", op.to_lowercase())
}

/// Creates the guard triggers a registry table lacks (all of them on a new file; those of a
/// table a migration added later), in a transaction of its own.
pub(crate) fn ensure_triggers(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction()?;
    create_missing(&tx)?;
    Ok(tx.commit()?)
}

/// Creates the guard triggers that are missing, inside the caller's transaction.
pub(crate) fn create_missing(conn: &Connection) -> Result<()> {
    let present: std::collections::HashSet<String> = guard_triggers(conn)?.into_iter().collect();
    for table in schema::tables() {
        for op in OPS.iter().filter(|op| !present.contains(&trigger_name(table.name, op))) {
            conn.execute_batch(&format!(
                "CREATE TRIGGER {name} BEFORE {op} ON {table} WHEN NOT {GUARD_FUNCTION}() BEGIN \
                 SELECT RAISE(ABORT, '{table} is synced: change it through the app (the store''s Writer), \
                 which sends the change to the server'); END",
                name = trigger_name(table.name, op),
                table = table.name,
            ))?;
        }
    }
    Ok(())
}

/// Drops every guard trigger inside the caller's transaction, for a bulk load (the demo's
/// hundreds of thousands of rows, where a trigger a row is a tenth of the time): the same
/// transaction puts them back before it commits ([`create_missing`]), and a rollback restores
/// them too, so no other connection ever sees a synced table unguarded.
pub(crate) fn drop_all(conn: &Connection) -> Result<()> {
    for name in guard_triggers(conn)? {
        conn.execute_batch(&format!("DROP TRIGGER {name}"))?;
    }
    Ok(())
}

fn guard_triggers(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_guard_*'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}
