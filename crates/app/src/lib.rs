//! The app facade: every use case the desktop shell (and later the CLI) offers, as plain Rust
//! with no UI framework in sight. The shell's commands are one-liners over [`App`]; errors come
//! out as [`AppError`] — a closed list of codes the UI switches on, plus a message a person reads.
//!
//! - [`workspace`]: where the replica lives and its life: first run, demo, empty, broken;
//! - [`dashboard`], [`events`]: the read models of the screens;
//! - [`crm`]: companies, the pipeline board, activities and My day, merges, CSV imports;
//! - [`box_office`]: selling at the door offline, cancelling, refunding, changing a holder;
//! - [`organize`]: creating an event, its status steps, duplicating it;
//! - [`door`]: check-in at the door: verdicts, counts, search, duplicates, ticket keys;
//! - [`Reads`]: the record layer's reads on a connection of their own, off the App's lock;
//! - [`records`]: every table alike — describe, list, open, create, update, delete — by role;
//! - [`search`]: Ctrl/Cmd+K's one search over companies, contacts, deals, events and attendees;
//! - [`sync`]: connecting to Supabase, the background sync, the outbox and the conflict log;
//! - [`ipc`]: the TypeScript bindings of all of the above, generated for the UI.

pub mod box_office;
mod checkpoints;
pub mod crm;
pub mod dashboard;
pub mod door;
mod error;
pub mod events;
pub mod ipc;
mod links;
pub mod notify;
pub mod organize;
pub mod paper;
mod reads;
pub mod records;
pub mod search;
pub mod sync;
pub mod workspace;

pub use error::{AppError, ErrorCode};
pub use reads::{ExportProgress, Exported, Reads};
pub use workspace::{App, Status, WorkspaceState};

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// What a paid order `o` earned, as SQL: its total less the price of each of its tickets
/// refunded (a partly refunded order stays paid). Every screen's revenue sums this, so the
/// event page, the dashboard, the budget and the analytics agree to the cent.
macro_rules! order_revenue {
    () => {
        "(o.total_cents - o.unit_price_cents * \
          (SELECT count(*) FROM tickets r WHERE r.order_id = o.id AND r.status = 'refunded'))"
    };
}
pub(crate) use order_revenue;

/// A lock whose holder panicked is still usable: every value behind ours is consistent
/// between statements.
pub(crate) fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A JSON object as a row to write (anything else: an empty row, which the store refuses).
pub(crate) fn row(value: serde_json::Value) -> eventos_store::Row {
    match value {
        serde_json::Value::Object(map) => map,
        _ => eventos_store::Row::new(),
    }
}

/// A text field of a row ("" when missing or not text).
pub(crate) fn text(row: &eventos_store::Row, field: &str) -> String {
    row.get(field).and_then(|v| v.as_str()).unwrap_or_default().to_owned()
}

/// The refusal for an event this computer does not have (by id or slug).
pub(crate) fn no_event(event: &str) -> AppError {
    AppError::new(ErrorCode::NotFound, format!("there is no event {event} on this computer"))
}
