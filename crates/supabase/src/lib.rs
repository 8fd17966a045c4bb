//! The organisation's Supabase project, over HTTP: sign-in with GoTrue
//! (`/auth/v1/token`, password and refresh-token grants) and the sync engine's [`Remote`]
//! over PostgREST (`/rest/v1/rpc/push_changes`, `pull_changes`, `sync_cursor`, and table
//! reads for bootstrap), and documents' files in Storage (`/storage/v1/object`).

mod auth;
mod client;
mod storage;

pub use auth::{AuthError, Session};
pub use client::{Client, Project, ScopeOption, default_scopes, scope_choices};
pub use eventos_sync::{Remote, RemoteError};
