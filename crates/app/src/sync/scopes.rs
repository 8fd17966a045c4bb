//! What this computer keeps, changed after connecting: the choices (from the server, named for
//! people) and the change itself.

use serde::Serialize;
use ts_rs::TS;

use eventos_sync::Scope;

use super::{SyncStatus, not_connected, off_runtime, remote_error};
use crate::{App, AppError, ErrorCode, Result};

/// Something this computer could keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScopeChoice {
    /// `account:<uuid>` or `event:<uuid>`.
    pub scope: String,
    /// The account's or the event's name.
    pub label: String,
    /// What it holds for this user, in words (a sales rep's account: their own accounts).
    pub detail: String,
    /// Kept now.
    pub kept: bool,
}

/// What a scope's replica holds for someone with this role in the account (the server's
/// row-level security decides; this says it in words before connecting).
fn detail(scope: &Scope, role: Option<&str>) -> String {
    match (scope, role) {
        (Scope::Event(_), _) => "This event's door: its attendees, tickets and check-ins".to_owned(),
        (Scope::Account(_), Some("owner" | "admin")) => {
            "Everything in the account: its events, people, box office and the whole CRM".to_owned()
        }
        (Scope::Account(_), Some("manager" | "member")) => {
            "My accounts: the companies, contacts and deals assigned to \
             you, with their activities, notes and documents — and the account's events"
                .to_owned()
        }
        (Scope::Account(_), _) => "The account's events, to read".to_owned(),
    }
}

impl App {
    /// The user's accounts and their events (door staff: the events they work), as the server
    /// lists them now; so it needs a connection and a session.
    pub fn scope_choices(&self) -> Result<Vec<ScopeChoice>> {
        let worker = self.sync.as_ref().ok_or_else(not_connected)?;
        let store = self.store()?;
        let user_id = store.sync_connection()?.ok_or_else(not_connected)?.user_id;
        let kept: Vec<String> = store.scopes()?.into_iter().map(|s| s.scope).collect();
        let choices = off_runtime(|| {
            let mut client = worker.shared.pause();
            let client = client.as_mut().ok_or_else(|| {
                AppError::new(ErrorCode::SessionEnded, "sign in again to see what this computer can keep")
            })?;
            eventos_supabase::scope_choices(client, &user_id).map_err(remote_error)
        })?;
        Ok(choices
            .into_iter()
            .map(|option| {
                let detail = detail(&option.scope, option.role.as_deref());
                let scope = option.scope.to_string();
                ScopeChoice { kept: kept.contains(&scope), scope, label: option.label, detail }
            })
            .collect())
    }

    /// Keeps exactly these from now on. Adding downloads the new ones at the next sync;
    /// dropping one empties this computer's copy and downloads what is kept again (nothing
    /// changes on the server), so it waits until no change is left to go up.
    pub fn set_scopes(&mut self, scopes: Vec<String>) -> Result<SyncStatus> {
        if scopes.is_empty() {
            return Err(AppError::new(ErrorCode::Invalid, "choose at least one thing for this computer to keep"));
        }
        let shared = self.sync.as_ref().map(|w| std::sync::Arc::clone(&w.shared)).ok_or_else(not_connected)?;
        // No sync runs while the scopes change (one in flight finishes first).
        let paused = shared.pause();
        let store = self.store_mut()?;
        let dropping = store.scopes()?.iter().any(|s| !scopes.contains(&s.scope));
        let (waiting, _) = store.outbox_counts()?;
        if dropping && waiting > 0 {
            return Err(AppError::new(
                ErrorCode::Invalid,
                format!(
                    "{waiting} change(s) still wait to go up: sync them (or discard them) before this computer stops keeping something"
                ),
            ));
        }
        store.replace_scopes(&scopes)?;
        drop(paused);
        if let Some(worker) = &self.sync {
            worker.sync_now();
        }
        self.sync_status()
    }
}
