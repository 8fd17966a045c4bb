//! The local replica: one SQLite file holding the EventOS schema (see `migrations/`).
//!
//! - [`Store::open`] creates or upgrades the file (WAL, foreign keys on, busy timeout);
//! - [`Store::write`] runs one transaction; its [`Writer`] inserts, updates and deletes rows of
//!   any replicated table from JSON, checked against the schema registry, with errors that name
//!   the field ([`StoreError`]);
//! - the read side: [`Store::get`], [`Store::table_counts`], [`Store::event_stats`], ticket
//!   lookups and full-text search;
//! - the door: tickets as a door sees them, presence, live counts, duplicate entries;
//! - sync bookkeeping: the outbox every local write feeds once the workspace is connected
//!   ([`Store::pending_changes`], [`Store::settle`]), pulled rows applied without feeding it
//!   ([`Writer::apply_pulled`]), scopes and their cursors;
//! - documents' files kept on this computer and their upload queue (`files.rs`); the tasks
//!   and meetings already reminded of (`reminders.rs`).

mod apply;
mod box_office;
mod connection;
mod door;
mod error;
mod explain;
mod export;
mod files;
mod guard;
mod meetings;
mod open;
mod outbox;
mod queries;
mod reader;
mod records;
mod relay;
mod reminders;
mod scopes;
mod search;
mod writer;
pub mod zones;

pub use apply::ROW_GONE;
pub use box_office::OrderTicket;
pub use connection::{Conflict, Connection as SyncConnection};
pub use door::{DoorCounts, DuplicateEntry, Presence, Scan, TicketLookup};
pub use error::{ConstraintKind, StoreError};
pub use files::{KeptFile, Upload};
pub use guard::{GUARD_FUNCTION, trigger_name as guard_trigger_name};
pub use open::{DB_FILE_NAME, MigrationReport, default_data_dir, default_db_path, migrate_file_to};
pub use outbox::{Change, Op, Outcome};
pub use queries::EventStats;
pub use reader::Reader;
pub use records::like_escape;
pub use records::{Children, DeletePlan, Filter, FilterOp, RecordPage, RecordQuery, Sort, TableCount};
pub use relay::PendingChange;
pub use scopes::ScopeState;
pub use search::{AttendeeHit, RANK_WINDOW};
pub use writer::Writer;

use rusqlite::{Connection, TransactionBehavior};
use serde_json::{Map, Value};

/// A row as the application sees it: column name → JSON value.
pub type Row = Map<String, Value>;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open replica. One per process; not shared across threads (wrap it in a mutex or give
/// each thread its own `Store` on the same file — WAL lets readers and one writer overlap).
pub struct Store {
    conn: Connection,
    /// Open only while a [`Writer`] is: the guard triggers refuse every other write to a
    /// synced table (see `guard.rs`).
    guard: guard::Guard,
}

impl Store {
    /// Runs `f` in one transaction: everything it writes lands, or (on any error) nothing does.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        // IMMEDIATE: take the write lock up front (waiting out the busy timeout), so a write
        // that reads first never fails half-way because another connection wrote meanwhile.
        let opened = self.guard.open();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut writer = Writer::new(tx, opened)?;
        let result = f(&mut writer);
        let was_bulk = writer.is_bulk();
        let result = result.and_then(|out| writer.commit().map(|()| out));
        if was_bulk {
            // The bulk load raised the page cache; give it back whatever the outcome.
            let _ = self.conn.execute_batch(open::CACHE_SIZE_PRAGMA);
        }
        result
    }

    /// Like [`Store::write`], with foreign keys not enforced: for a door laptop's replica of one
    /// event, whose tickets name orders (money) that stay on the server. Enforcement is back on
    /// afterwards, whatever the outcome.
    pub fn write_partial<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        // The pragma is a no-op inside a transaction: set it around this one.
        self.conn.execute_batch("PRAGMA foreign_keys = OFF")?;
        let result = self.write(f);
        self.conn.execute_batch("PRAGMA foreign_keys = ON")?;
        result
    }

    /// Leaves checkpoints (copying the WAL back into the database file, a few milliseconds
    /// every hundred or so small writes) to [`Store::checkpoint`] on another thread, so that
    /// they never land inside a door's check-in.
    pub fn checkpoint_elsewhere(&self) -> Result<()> {
        Ok(self.conn.execute_batch("PRAGMA wal_autocheckpoint = 0")?)
    }

    /// Copies what it can of the WAL into the database file without waiting for readers or
    /// writers (a PASSIVE checkpoint).
    pub fn checkpoint(&self) -> Result<()> {
        Ok(self.conn.execute_batch("PRAGMA wal_checkpoint(PASSIVE)")?)
    }

    /// Read-only access for queries this crate does not offer yet (and for tests): a statement
    /// that would write is refused, so every write goes through [`Store::write`].
    pub fn connection(&self) -> Reader<'_> {
        Reader::new(&self.conn)
    }
}
