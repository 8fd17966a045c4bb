//! Reads on a connection of their own. The desktop shell keeps the [`crate::App`] behind one
//! lock, which a check-in, a sale or a sync's bookkeeping takes; a list of 100k rows sorted on
//! an unindexed column, a record page or a CSV export runs here instead, on a read-only
//! connection behind a lock of its own, so a slow read never delays a scan. SQLite's WAL lets
//! this connection read while the App's writes (a read sees what was committed before it
//! began).
//!
//! The App closes this connection whenever its workspace changes (opened, started, moved
//! aside, broken) — before a file is moved, as Windows needs — and the next read opens the
//! new one.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use eventos_store::{DB_FILE_NAME, RecordPage, RecordQuery, Store};

use crate::records::{RecordDetail, TableInfo, View};
use crate::{AppError, ErrorCode, Result, lock};

/// A list written to a CSV file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Exported {
    pub path: String,
    pub rows: u64,
}

/// How far the export running now has got, for the UI to show while it waits.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct ExportProgress {
    pub table: String,
    pub written: u64,
    /// Rows the export will write.
    pub total: i64,
}

/// The read connection, shared by the App (which closes it when its workspace changes) and
/// every [`Reads`] it handed out.
#[derive(Default)]
pub(crate) struct ReadSlot {
    /// Whether the App has a workspace open, so a read may open the file.
    ready: AtomicBool,
    store: Mutex<Option<Store>>,
}

impl ReadSlot {
    /// The App's workspace changed: close the connection (waiting for a read in progress).
    pub(crate) fn workspace_changed(&self, ready: bool) {
        let mut store = lock(&self.store);
        *store = None;
        self.ready.store(ready, Ordering::SeqCst);
    }
}

/// The record layer's reads, off the App's lock. Cheap to share: clone it into each thread.
#[derive(Clone)]
pub struct Reads {
    db: PathBuf,
    slot: Arc<ReadSlot>,
    /// The export in progress, if any: outside the slot's lock, which the export holds.
    exporting: Arc<Mutex<Option<ExportProgress>>>,
}

impl Reads {
    pub(crate) fn new(data_dir: &std::path::Path, slot: Arc<ReadSlot>) -> Reads {
        Reads { db: data_dir.join(DB_FILE_NAME), slot, exporting: Arc::default() }
    }

    pub fn record_tables(&self) -> Result<Vec<TableInfo>> {
        self.with(|view| view.record_tables())
    }

    pub fn list_records(&self, table: &str, query: &RecordQuery) -> Result<RecordPage> {
        self.with(|view| view.list_records(table, query))
    }

    pub fn record(&self, table: &str, id: &str) -> Result<RecordDetail> {
        self.with(|view| view.record(table, id))
    }

    pub fn record_titles(&self, table: &str, ids: &[String]) -> Result<BTreeMap<String, String>> {
        self.with(|view| view.record_titles(table, ids))
    }

    /// Exports a list to `path` on this connection; [`Reads::export_progress`] tells how far
    /// it has got meanwhile, as `progress` hears it.
    pub fn export_csv(
        &self,
        table: &str,
        query: &RecordQuery,
        columns: &[String],
        path: &std::path::Path,
        progress: &mut dyn FnMut(u64, i64),
    ) -> Result<u64> {
        let mut report = |written: u64, total: i64| {
            *lock(&self.exporting) = Some(ExportProgress { table: table.to_owned(), written, total });
            progress(written, total);
        };
        let result = self.with(|view| view.export_csv(table, query, columns, path, &mut report));
        *lock(&self.exporting) = None;
        result
    }

    /// How far the export running now has got (None when none is running).
    pub fn export_progress(&self) -> Option<ExportProgress> {
        lock(&self.exporting).clone()
    }

    /// Exports what a list shows (its filters, search and order; `columns`, all when empty) to a
    /// new CSV file in the exports folder — `EVENTOS_EXPORT_DIR`, else the user's Downloads,
    /// else `exports/` in the data folder — named after the table and the time, and says where.
    pub fn export_file(&self, table: &str, query: &RecordQuery, columns: &[String]) -> Result<Exported> {
        let dir = std::env::var_os("EVENTOS_EXPORT_DIR")
            .map(PathBuf::from)
            .or_else(dirs::download_dir)
            .unwrap_or_else(|| self.db.with_file_name("exports"));
        self.export_into(&dir, table, query, columns)
    }

    /// [`Reads::export_file`] into the folder `dir`.
    pub fn export_into(
        &self,
        dir: &std::path::Path,
        table: &str,
        query: &RecordQuery,
        columns: &[String],
    ) -> Result<Exported> {
        std::fs::create_dir_all(dir)
            .map_err(|e| AppError::new(ErrorCode::Io, format!("cannot make the folder {}: {e}", dir.display())))?;
        let stamp = time::OffsetDateTime::now_utc();
        let name = format!(
            "{table}-{:04}{:02}{:02}-{:02}{:02}{:02}.csv",
            stamp.year(),
            u8::from(stamp.month()),
            stamp.day(),
            stamp.hour(),
            stamp.minute(),
            stamp.second()
        );
        let path = dir.join(name);
        let rows = self.export_csv(table, query, columns, &path, &mut |_, _| {})?;
        Ok(Exported { path: path.display().to_string(), rows })
    }

    /// Runs `f` on the read connection, opening it first if the App's workspace changed since.
    pub(crate) fn with<T>(&self, f: impl FnOnce(&View<'_>) -> Result<T>) -> Result<T> {
        let mut open = lock(&self.slot.store);
        if open.is_none() {
            if !self.slot.ready.load(Ordering::SeqCst) {
                return Err(AppError::new(ErrorCode::NoWorkspace, "no workspace is open yet"));
            }
            *open = Some(Store::open_read_only(&self.db)?);
        }
        let store = open.as_ref().ok_or_else(|| AppError::new(ErrorCode::NoWorkspace, "no workspace is open"))?;
        f(&View::of(store)?)
    }
}
