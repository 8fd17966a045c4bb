//! Sync, as the user sees it: connecting the workspace to the organisation's Supabase project
//! (sign-in with email and password), the status badge, the outbox (retry, discard) and the
//! conflict log (undo). The work itself runs on a background thread ([`worker`]); the session
//! is kept by [`secrets`].

mod scopes;
mod secrets;
mod worker;

use std::sync::Arc;

use eventos_supabase::{AuthError, Client, Project, Session};
use eventos_sync::{RemoteError, Scope, SyncError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::{App, AppError, ErrorCode, Result};
pub use scopes::ScopeChoice;
pub(crate) use secrets::Secrets;
pub use secrets::SessionStore;
use worker::Phase;
pub(crate) use worker::{Shared, Worker};

/// What the status badge shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    /// This workspace lives on this computer only.
    NotConnected,
    /// Connected, but no session: sign in again (local work goes on meanwhile).
    SignedOut,
    Offline,
    Syncing,
    /// Online, and the last sync worked.
    Synced,
    /// The server answered with an error; it is tried again later.
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SyncProgress {
    pub scope: String,
    pub done: u64,
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SyncStatus {
    pub state: SyncState,
    pub project_url: Option<String>,
    pub email: Option<String>,
    /// Changes waiting to go up (failed ones included).
    pub waiting: i64,
    /// Of those, the ones the server refused: they wait for the user.
    pub failed: i64,
    /// Conflicts with a known winner, not undone.
    pub conflicts: i64,
    pub last_synced_at: Option<String>,
    pub error: Option<AppError>,
    pub progress: Option<SyncProgress>,
    /// What this computer keeps: `account:<uuid>` or `event:<uuid>`.
    pub scopes: Vec<String>,
    /// Where the session is kept.
    pub session_kept_in: Option<String>,
    /// Connecting now would put this workspace's file aside (it holds the demo, or work of its
    /// own that belongs to no project) and start a fresh one.
    pub connect_moves_aside: bool,
    /// The number of the latest sync asked for ("Sync now", a sign-in, a change of scopes);
    /// `sync_now` answers with its own.
    pub requested: u64,
    /// The latest request answered by a sync (or an attempt to reach the server) that started
    /// after it. Whoever asked waits for `answered >= requested`; until then `state` is
    /// Syncing, never a stale Synced.
    pub answered: u64,
}

/// The sign-in form.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
pub struct ConnectForm {
    /// The project's URL, `https://<ref>.supabase.co`.
    pub url: String,
    /// The project's anon (publishable) key.
    pub anon_key: String,
    pub email: String,
    pub password: String,
}

/// One change in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OutboxItem {
    pub change_id: String,
    pub table: String,
    pub row_id: String,
    /// insert, update or delete.
    pub op: String,
    /// The changed fields, by name.
    pub fields: Vec<String>,
    /// The changed fields with their values, as JSON text (what "Copy" puts on the clipboard,
    /// so a refused change can be kept elsewhere before it is discarded); `None` for a delete.
    pub values: Option<String>,
    pub created_at: String,
    /// Why the server refused it; `None` while it waits its turn.
    pub error: Option<String>,
    pub attempts: i64,
}

/// One field where another edit won.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConflictItem {
    pub id: i64,
    pub table: String,
    pub row_id: String,
    pub field: String,
    /// This device's value, as JSON text.
    pub mine: String,
    /// The value that won, as JSON text (`None` until the row is next pulled).
    pub winner: Option<String>,
    /// Who won: another device's name, or "the web" for a write made there.
    pub winner_by: Option<String>,
    pub at: String,
    pub undone_at: Option<String>,
}

impl App {
    pub fn sync_status(&self) -> Result<SyncStatus> {
        let store = self.store()?;
        let connection = store.sync_connection()?;
        let (waiting, failed) = store.outbox_counts()?;
        let mut status = SyncStatus {
            state: SyncState::NotConnected,
            project_url: connection.as_ref().map(|c| c.url.clone()),
            email: connection.as_ref().map(|c| c.email.clone()),
            waiting,
            failed,
            conflicts: store.open_conflicts()?,
            last_synced_at: store.last_synced_at()?,
            error: None,
            progress: None,
            scopes: store.scopes()?.into_iter().map(|s| s.scope).collect(),
            session_kept_in: None,
            connect_moves_aside: connection.is_none() && store.has_data()?,
            requested: 0,
            answered: 0,
        };
        if let Some(worker) = &self.sync {
            status.session_kept_in = Some(worker.shared.secrets.describe().to_owned());
            let live = worker.live();
            let pending = live.answered < live.requested;
            status.requested = live.requested;
            status.answered = live.answered;
            status.state = match live.phase {
                Phase::SignedOut => SyncState::SignedOut,
                _ if pending => SyncState::Syncing,
                Phase::Starting | Phase::Syncing => SyncState::Syncing,
                Phase::Synced => SyncState::Synced,
                Phase::Offline => SyncState::Offline,
                Phase::Failed => SyncState::Error,
            };
            status.error = live.error.clone();
            status.progress = live.progress.clone().map(|(scope, done, total)| SyncProgress { scope, done, total });
        }
        Ok(status)
    }

    /// Signs in and connects this workspace to the project, then syncs in the background.
    /// Signing in again as the same user of the same project keeps everything; a workspace
    /// holding other data (the demo, or another project's) is moved aside first, never deleted.
    pub fn connect(&mut self, form: &ConnectForm) -> Result<SyncStatus> {
        let url = form.url.trim().trim_end_matches('/').to_owned();
        let email = form.email.trim().to_owned();
        check_form(&url, form.anon_key.trim(), &email, &form.password)?;
        let anon_key = form.anon_key.trim().to_owned();
        let project = Project { url: url.clone(), anon_key: anon_key.clone() };
        let (client, session, scopes) = off_runtime(|| {
            let mut client = Client::new(project).map_err(remote_error)?;
            let session = client.sign_in(&email, &form.password).map_err(auth_error)?;
            let scopes = default_scopes(&mut client, &session)?;
            Ok::<_, AppError>((client, session, scopes))
        })?;

        if let Some(worker) = &self.sync {
            worker.new_session_coming();
        }
        let secrets = match self.adopt_connection(&url, &anon_key, &email, &session, scopes) {
            Ok(secrets) => secrets,
            Err(e) => {
                drop_off_runtime(Some(client));
                return Err(e);
            }
        };
        let client = keep_rotations(client, Arc::clone(&secrets));
        match &self.sync {
            Some(worker) => worker.signed_in(client),
            None => self.sync = Some(Worker::start(self.db_path(), url, Some(client), secrets)),
        }
        self.sync_status()
    }

    /// Records a signed-in connection: the workspace (moved aside first when it holds other
    /// data), its connection and scopes, and the session where sessions are kept.
    fn adopt_connection(
        &mut self,
        url: &str,
        anon_key: &str,
        email: &str,
        session: &Session,
        scopes: Vec<Scope>,
    ) -> Result<Arc<Secrets>> {
        let same = match self.store() {
            Ok(store) => match store.sync_connection()? {
                Some(c) => c.url == url && c.user_id == session.user_id,
                None => !store.has_data()?,
            },
            Err(_) => false,
        };
        if !same {
            self.replace_workspace("before-connect")?;
        }
        let store = self.store_mut()?;
        store.connect(url, anon_key, email, &session.user_id)?;
        if store.scopes()?.is_empty() {
            for scope in scopes {
                store.add_scope(&scope.to_string())?;
            }
        }
        let secrets = self.secrets();
        secrets.save(session)?;
        Ok(secrets)
    }

    /// Forgets the session (the keychain entry or file); the workspace, its outbox and the
    /// connection stay, so signing in again carries on where this left off.
    pub fn sign_out(&mut self) -> Result<SyncStatus> {
        let worker = self.sync.as_ref().ok_or_else(not_connected)?;
        worker.signed_out();
        worker.shared.secrets.clear()?;
        self.sync_status()
    }

    pub fn sync_now(&mut self) -> Result<SyncStatus> {
        self.sync.as_ref().ok_or_else(not_connected)?.sync_now();
        self.sync_status()
    }

    pub fn outbox(&self) -> Result<Vec<OutboxItem>> {
        Ok(self
            .store()?
            .outbox()?
            .into_iter()
            .map(|c| OutboxItem {
                fields: c.data.as_ref().map(|d| d.keys().cloned().collect()).unwrap_or_default(),
                values: c.data.as_ref().and_then(|d| serde_json::to_string_pretty(d).ok()),
                change_id: c.change_id,
                table: c.table,
                row_id: c.row_id,
                op: c.op.as_str().to_owned(),
                created_at: c.created_at,
                error: c.error,
                attempts: c.attempts,
            })
            .collect())
    }

    /// Puts a refused change back in line and syncs.
    pub fn retry_change(&mut self, change_id: &str) -> Result<Vec<OutboxItem>> {
        if !self.store_mut()?.retry_change(change_id)? {
            return Err(AppError::new(ErrorCode::NotFound, "that change is not waiting for a retry"));
        }
        self.edited();
        self.outbox()
    }

    /// Drops a change for good (the UI asks first); the server's value comes back at the next sync.
    pub fn discard_change(&mut self, change_id: &str) -> Result<Vec<OutboxItem>> {
        if !self.store_mut()?.discard_change(change_id)? {
            return Err(AppError::new(ErrorCode::NotFound, "that change is no longer in the outbox"));
        }
        if let Some(worker) = &self.sync {
            worker.sync_now();
        }
        self.outbox()
    }

    pub fn conflicts(&self) -> Result<Vec<ConflictItem>> {
        Ok(self
            .store()?
            .conflicts()?
            .into_iter()
            .map(|c| ConflictItem {
                winner_by: c.winner_hlc.as_deref().map(who),
                id: c.id,
                table: c.table,
                row_id: c.row_id,
                field: c.field,
                mine: c.mine.unwrap_or(Value::Null).to_string(),
                winner: c.winner.map(|w| w.to_string()),
                at: c.at,
                undone_at: c.undone_at,
            })
            .collect())
    }

    /// Undoes a lost conflict: a new local edit putting this device's value back (it wins, being
    /// later), which goes up like any other edit.
    pub fn undo_conflict(&mut self, id: i64) -> Result<Vec<ConflictItem>> {
        let store = self.store_mut()?;
        let conflict = store
            .conflict(id)?
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("there is no conflict {id}")))?;
        if conflict.undone_at.is_some() {
            return Err(AppError::new(ErrorCode::Invalid, "this conflict was undone already"));
        }
        let mut patch = serde_json::Map::new();
        patch.insert(conflict.field.clone(), conflict.mine.clone().unwrap_or(Value::Null));
        store.write(|w| {
            w.update(&conflict.table, &conflict.row_id, patch)?;
            w.mark_conflict_undone(id)
        })?;
        self.edited();
        self.conflicts()
    }

    /// Tells the background sync that a local edit was made.
    pub(crate) fn edited(&self) {
        if let Some(worker) = &self.sync {
            worker.edited();
        }
    }

    /// Starts the background sync of a connected workspace (after opening it).
    pub(crate) fn resume_sync(&mut self) {
        let Ok(store) = self.store() else { return };
        let Ok(Some(connection)) = store.sync_connection() else { return };
        let secrets = self.secrets();
        let client = secrets.load().and_then(|session| {
            let client = Client::new(Project { url: connection.url.clone(), anon_key: connection.anon_key.clone() });
            client.ok().map(|c| keep_rotations(c.with_session(session), Arc::clone(&secrets)))
        });
        self.sync = Some(Worker::start(self.db_path(), connection.url, client, secrets));
    }

    /// Where this workspace's session is kept: the running worker's, else found now (finding
    /// it asks the keychain whether it answers, so once per worker).
    fn secrets(&self) -> Arc<Secrets> {
        match &self.sync {
            Some(worker) => Arc::clone(&worker.shared.secrets),
            None => Arc::new(Secrets::for_data_dir(&self.data_dir, self.session_store)),
        }
    }
}

/// Every rotated session is stored before it is used (a crash between loses nothing).
fn keep_rotations(client: Client, secrets: Arc<Secrets>) -> Client {
    client.on_refresh(move |session| {
        let _ = secrets.save(session);
    })
}

/// Runs network work on a thread of its own: the shell calls the facade from inside an async
/// runtime, where reqwest's blocking client may not block (or be dropped).
pub(crate) fn off_runtime<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| s.spawn(f).join()).unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Drops a client on a thread of its own (see [`off_runtime`]).
pub(crate) fn drop_off_runtime(client: Option<Client>) {
    if let Some(client) = client {
        let _ = std::thread::Builder::new().name("eventos-client-drop".into()).spawn(move || drop(client));
    }
}

fn check_form(url: &str, anon_key: &str, email: &str, password: &str) -> Result<()> {
    let invalid = |m: &str| Err(AppError::new(ErrorCode::Invalid, m));
    if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() < 12 {
        return invalid("the project URL looks like https://<project>.supabase.co");
    }
    if anon_key.is_empty() {
        return invalid("the anon key is missing (Project Settings → API in Supabase)");
    }
    if !email.contains('@') {
        return invalid("the email address is missing its @");
    }
    if password.is_empty() {
        return invalid("the password is missing");
    }
    Ok(())
}

/// The accounts the user belongs to; door staff, who belong to none, get the events they work.
fn default_scopes(client: &mut Client, session: &Session) -> Result<Vec<Scope>> {
    let scopes = eventos_supabase::default_scopes(client, &session.user_id).map_err(remote_error)?;
    if scopes.is_empty() {
        return Err(AppError::new(
            ErrorCode::NotFound,
            format!("{} belongs to no account and works at no event: ask an admin to invite them", session.email),
        ));
    }
    Ok(scopes)
}

/// A clock's device, in words: `server` clocks are web writes.
fn who(hlc: &str) -> String {
    match hlc.rsplit('-').next() {
        Some("server") => "the web".to_owned(),
        Some(node) => format!("device {node}"),
        None => "unknown".to_owned(),
    }
}

pub(crate) fn not_connected() -> AppError {
    AppError::new(ErrorCode::NotConnected, "this workspace is not connected to Supabase")
}

pub(crate) fn auth_error(e: AuthError) -> AppError {
    let code = match &e {
        AuthError::InvalidCredentials => ErrorCode::SignInFailed,
        AuthError::SessionEnded => ErrorCode::SessionEnded,
        AuthError::Unreachable(_) => ErrorCode::Unreachable,
        AuthError::Refused(_) => ErrorCode::ServerRefused,
    };
    AppError::new(code, e.to_string())
}

pub(crate) fn remote_error(e: RemoteError) -> AppError {
    let code = match &e {
        RemoteError::Unreachable(_) => ErrorCode::Unreachable,
        RemoteError::Unauthorized(_) => ErrorCode::SessionEnded,
        RemoteError::Refused(_) => ErrorCode::ServerRefused,
    };
    AppError::new(code, e.to_string())
}

pub(crate) fn sync_error(e: SyncError) -> AppError {
    match e {
        SyncError::Remote(e) => remote_error(e),
        SyncError::Store(e) => e.into(),
        e @ SyncError::BadScope(_) => AppError::new(ErrorCode::Internal, e.to_string()),
        e @ SyncError::ScopeLost(_) => AppError::new(ErrorCode::ServerRefused, e.to_string()),
    }
}
