//! Opening the replica: the file, its pragmas, and its migrations (embedded from `migrations/`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension};

use crate::guard::Guard;
use crate::{Result, Store, StoreError};

mod embedded {
    refinery::embed_migrations!("../../migrations");
}

/// The replica's file name inside the data folder.
pub const DB_FILE_NAME: &str = "eventos.db";

/// The app's data folder: `EVENTOS_DATA_DIR` if set, else the OS app-data folder
/// (`~/.local/share/app.eventos.desktop` on Linux), the one the desktop app uses too.
pub fn default_data_dir() -> PathBuf {
    match std::env::var_os("EVENTOS_DATA_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("app.eventos.desktop"),
    }
}

pub fn default_db_path() -> PathBuf {
    default_data_dir().join(DB_FILE_NAME)
}

/// What [`Store::open`] did to the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationReport {
    /// Migrations applied now, e.g. `["V1__replica_schema"]`; empty when already current.
    pub applied: Vec<String>,
    /// The schema version the file is at afterwards.
    pub version: i64,
}

impl Store {
    /// Opens (creating if needed) the replica at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        Ok(Store::open_with_report(path)?.0)
    }

    /// Like [`Store::open`], also saying which migrations ran.
    pub fn open_with_report(path: &Path) -> Result<(Store, MigrationReport)> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|source| StoreError::Io { path: dir.display().to_string(), source })?;
        }
        let corrupt = |e: StoreError| match e {
            StoreError::Corrupt { detail, .. } => StoreError::Corrupt { path: path.display().to_string(), detail },
            other => other,
        };
        let mut conn = Connection::open(path).map_err(StoreError::from).map_err(corrupt)?;
        configure(&conn).map_err(corrupt)?;
        let guard = Guard::register(&conn)?;
        // A migration may move data between synced tables: it is a write of the app's own.
        let report = {
            let _open = guard.open();
            migrate(&mut conn).map_err(corrupt)?
        };
        crate::guard::ensure_triggers(&mut conn)?;
        // A bulk load that never finished left the search triggers aside: mend that first.
        let tx = conn.transaction()?;
        crate::search::resume_suspended(&tx)?;
        tx.commit()?;
        Ok((Store { conn, guard }, report))
    }
}

impl Store {
    /// Opens an existing replica for reading only, on a connection of its own (WAL lets it
    /// read while another connection writes): no migration, and every write refused by SQLite
    /// itself. The file must have been opened by [`Store::open`] first (schema up to date).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        use rusqlite::OpenFlags;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(128);
        conn.execute_batch(CACHE_SIZE_PRAGMA)?;
        let guard = Guard::register(&conn)?;
        Ok(Store { conn, guard })
    }
}

pub(crate) const CACHE_SIZE_PRAGMA: &str = "PRAGMA cache_size = -65536";
pub(crate) const BULK_CACHE_SIZE_PRAGMA: &str = "PRAGMA cache_size = -262144";

/// Brings the file at `path` only up to schema `version`, as an older app would have left it:
/// for tests of a later migration over real rows.
#[doc(hidden)]
pub fn migrate_file_to(path: &Path, version: i32) -> Result<()> {
    let mut conn = Connection::open(path)?;
    configure(&conn)?;
    run_migrations(&mut conn, refinery::Target::Version(version))?;
    Ok(())
}

/// Runs the embedded migrations up to `target`. A migration may rebuild a table (SQLite's way to
/// widen a CHECK), dropping a table others refer to: foreign keys are off while they run (the
/// pragma is a no-op inside their transaction), as SQLite's ALTER TABLE documentation
/// prescribes, and on again after.
fn run_migrations(conn: &mut Connection, target: refinery::Target) -> Result<refinery::Report> {
    conn.execute_batch("PRAGMA foreign_keys = OFF")?;
    let run = embedded::migrations::runner().set_grouped(true).set_target(target).run(conn);
    conn.execute_batch("PRAGMA foreign_keys = ON")?;
    run.map_err(|e| StoreError::Migration(e.to_string()))
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // Every table has its own INSERT/UPDATE/SELECT texts; keep them all prepared.
    conn.set_prepared_statement_cache_capacity(128);
    // WAL: the door's reads never wait for a sync's write. NORMAL sync is safe against an app
    // crash (a committed transaction survives); only a power cut can lose the last commits.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Migration(format!("cannot switch the journal to WAL (got {mode})")));
    }
    // A 64 MiB page cache: a 100k-ticket event's indexes stay in memory, so a big transaction
    // (bootstrap, the demo) does not spill pages to disk half-way through.
    conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;")?;
    conn.execute_batch(CACHE_SIZE_PRAGMA)?;
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<MigrationReport> {
    let known =
        embedded::migrations::runner().get_migrations().iter().map(|m| i64::from(m.version())).max().unwrap_or(0);
    let found = current_version(conn)?;
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    if found == known {
        return Ok(MigrationReport { applied: Vec::new(), version: found });
    }
    // No row may refer to a row that is gone after the migrations that did not before (a door's
    // replica keeps tickets whose orders it never holds).
    let dangling = |conn: &Connection| -> Result<i64> {
        Ok(conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?)
    };
    let before = dangling(conn)?;
    let report = run_migrations(conn, refinery::Target::Latest)?;
    let after = dangling(conn)?;
    if after > before {
        return Err(StoreError::Migration(format!("{} rows refer to rows the migrations removed", after - before)));
    }
    let applied = report.applied_migrations().iter().map(|m| m.to_string()).collect();
    Ok(MigrationReport { applied, version: current_version(conn)? })
}

fn current_version(conn: &Connection) -> Result<i64> {
    let has_history: Option<i64> = conn
        .query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'refinery_schema_history'", [], |r| {
            r.get(0)
        })
        .optional()?;
    if has_history.is_none() {
        return Ok(0);
    }
    Ok(conn.query_row("SELECT COALESCE(MAX(version), 0) FROM refinery_schema_history", [], |r| r.get(0))?)
}
