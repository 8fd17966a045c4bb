//! What the engine needs from a server, and the shapes it exchanges (those of the server's
//! `push_changes` / `pull_changes`, supabase/migrations/*_sync.sql). The Supabase client
//! implements it over HTTP.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub type Row = Map<String, Value>;

/// What a replica pulls: a whole account, or one event's door data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Account(String),
    Event(String),
}

impl Scope {
    /// Reads `account:<uuid>` / `event:<uuid>` (the store's form).
    pub fn parse(text: &str) -> Option<Scope> {
        match text.split_once(':')? {
            ("account", id) => Some(Scope::Account(id.to_owned())),
            ("event", id) => Some(Scope::Event(id.to_owned())),
            _ => None,
        }
    }

    /// The server's form: `{"account_id": …}` or `{"event_id": …}`.
    pub fn to_json(&self) -> Value {
        match self {
            Scope::Account(id) => serde_json::json!({"account_id": id}),
            Scope::Event(id) => serde_json::json!({"event_id": id}),
        }
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scope::Account(id) => write!(f, "account:{id}"),
            Scope::Event(id) => write!(f, "event:{id}"),
        }
    }
}

/// One change as `push_changes` takes it.
#[derive(Debug, Clone, Serialize)]
pub struct PushChange {
    pub change_id: String,
    pub table: String,
    pub op: &'static str,
    pub id: String,
    pub hlc: String,
    pub data: Option<Row>,
}

/// `push_changes`' answer for one change.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct PushAnswer {
    pub change_id: Option<String>,
    pub status: String,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub lost: Vec<String>,
}

/// One entry of a pull page: a row as it is now, or a tombstone.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct PulledChange {
    pub table: String,
    pub id: String,
    pub op: String,
    #[serde(default)]
    pub row: Option<Row>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Page {
    pub changes: Vec<PulledChange>,
    pub next: String,
    pub has_more: bool,
    #[serde(default)]
    pub lost_scopes: Vec<Value>,
}

/// Why a call to the server did not get an answer the engine can use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RemoteError {
    /// No connection, a timeout, a 5xx: try again later.
    #[error("the server cannot be reached: {0}")]
    Unreachable(String),
    /// The session is missing or expired and could not be refreshed: sign in again.
    #[error("sign in again: {0}")]
    Unauthorized(String),
    /// The server answered that the request itself is wrong (a bug, or an older server).
    #[error("the server refused the request: {0}")]
    Refused(String),
}

/// The server, as the engine sees it. `Send`, so a bootstrap can fetch the next page on one
/// thread while it applies the last one on another.
pub trait Remote: Send {
    /// Pushes a batch (at most [`crate::PUSH_BATCH`]); one answer per change, in order.
    fn push(&mut self, changes: &[PushChange]) -> Result<Vec<PushAnswer>, RemoteError>;
    /// One page of changes of a scope after `cursor`.
    fn pull(&mut self, scope: &Scope, cursor: &str, limit: u32) -> Result<Page, RemoteError>;
    /// A cursor taken now, before a bootstrap reads the tables.
    fn cursor(&mut self) -> Result<String, RemoteError>;
    /// A bootstrap page: the scope's rows of `table` with id after `after`, by id.
    fn snapshot(
        &mut self,
        table: &str,
        scope: &Scope,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<Row>, RemoteError>;
    /// How many rows of each table the scope holds (a bootstrap's progress total).
    fn counts(&mut self, scope: &Scope) -> Result<Map<String, Value>, RemoteError>;
    /// Puts a file in the documents bucket ([`crate::DOCUMENTS_BUCKET`]) under `key`; a key
    /// uploaded before counts as done (keys are never reused for other bytes).
    fn upload_file(&mut self, key: &str, content: &[u8], content_type: &str) -> Result<(), RemoteError>;
    /// A file of the documents bucket; `None` when it is not there or not this user's to see.
    fn download_file(&mut self, key: &str) -> Result<Option<Vec<u8>>, RemoteError>;
    /// Removes a file from the documents bucket; one not there counts as removed.
    fn delete_file(&mut self, key: &str) -> Result<(), RemoteError>;
}
