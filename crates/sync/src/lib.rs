//! The sync engine (no HTTP here; the server is a [`Remote`]):
//!
//! 1. upload the files of documents attached here (`files.rs`), then push the outbox in batches the server accepts, and settle each answer (applied changes
//!    leave, lost fields go to the conflict log, refused changes stay with their error);
//! 2. for every scope: bootstrap it if it is new (a cursor taken first, then the tables paged
//!    by id, resumable), then pull until the server has no more, each page applied in one
//!    transaction together with its cursor.

mod bootstrap;
mod files;
mod pipeline;
mod pull;
mod push;
mod remote;
pub mod schedule;

pub use remote::{Page, PulledChange, PushAnswer, PushChange, Remote, RemoteError, Row, Scope};

use eventos_store::{Store, StoreError, Writer};

/// The project's Storage bucket for CRM documents' files (supabase/migrations/*_crm_documents_storage.sql).
pub const DOCUMENTS_BUCKET: &str = "crm-documents";
/// Changes per `push_changes` call (the server takes at most 1000).
pub const PUSH_BATCH: usize = 1000;
/// Changes per `pull_changes` page, and rows per bootstrap page (Supabase caps reads at 1000).
pub const PAGE: u32 = 1000;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Remote(#[from] RemoteError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0} is not a scope (account:<uuid> or event:<uuid>)")]
    BadScope(String),
    #[error("you no longer have access to {0}")]
    ScopeLost(String),
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub pushed: usize,
    pub refused: usize,
    /// Files put in Storage, and files it refused.
    pub uploaded: usize,
    pub uploads_refused: usize,
    pub conflicts: usize,
    pub pulled: usize,
    pub bootstrapped: usize,
}

/// Where a sync is, for progress bars: a bootstrap reports rows done of a total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    Pushing { done: usize },
    Bootstrapping { scope: String, done: u64, total: u64 },
    Pulling { scope: String, done: usize },
}

/// Uploads files and pushes, then bootstraps and pulls every scope. Stops at the first error; what was done
/// before it stays done (every step is its own transaction).
pub fn sync(
    store: &mut Store,
    remote: &mut dyn Remote,
    progress: &mut dyn FnMut(Progress),
) -> Result<Report, SyncError> {
    let mut report = Report::default();
    files::upload_all(store, remote, &mut report)?;
    push::push_all(store, remote, &mut report, progress)?;
    files::delete_all(store, remote)?;
    for state in store.scopes()? {
        let scope = Scope::parse(&state.scope).ok_or_else(|| SyncError::BadScope(state.scope.clone()))?;
        let cursor = match state.cursor {
            Some(cursor) => cursor,
            None => bootstrap::bootstrap(store, remote, &scope, state.bootstrap, &mut report, progress)?,
        };
        pull::pull_all(store, remote, &scope, cursor, &mut report, progress)?;
    }
    Ok(report)
}

/// Applies pulled rows in one transaction. Rows arrive in any order, so foreign keys are
/// checked at commit; a door laptop's replica of one event holds its tickets and attendees but
/// not their orders (money stays on the server), so there they are not enforced at all.
fn apply(
    store: &mut Store,
    scope: &Scope,
    f: impl FnOnce(&mut Writer<'_>) -> Result<(), StoreError>,
) -> Result<(), SyncError> {
    let apply = |w: &mut Writer<'_>| {
        w.defer_foreign_keys()?;
        f(w)
    };
    match scope {
        // What the server shares whose parent it does not (a sales rep's activity on a company
        // reassigned to someone else) stays out: the account's references hold.
        Scope::Account(_) => store.write(|w| {
            apply(w)?;
            w.drop_orphans().map(drop)
        })?,
        Scope::Event(_) => store.write_partial(apply)?,
    }
    Ok(())
}
