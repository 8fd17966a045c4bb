use eventos_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// What the UI can tell apart. A closed list: adding a code is a change the UI must handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A value a person gave breaks a rule; the message says which field and why.
    Invalid,
    /// Something with this number, code or name already exists.
    Duplicate,
    /// A row refers to one that does not exist, or is still referred to.
    Reference,
    NotFound,
    /// No workspace is open yet (first run, or after moving a broken one aside).
    NoWorkspace,
    /// The action needs no workspace, but one is open (e.g. opening the demo twice).
    WorkspaceExists,
    /// The database file is damaged or not ours: offer to move it aside.
    CorruptDatabase,
    /// The database file was written by a newer EventOS: update the app.
    DatabaseTooNew,
    DiskFull,
    /// Another program holds the database; retry.
    Busy,
    /// The data folder cannot be read or written.
    Io,
    /// Wrong email or password.
    SignInFailed,
    /// The session ended (signed out elsewhere, revoked): sign in again.
    SessionEnded,
    /// The server cannot be reached (offline, or it is down).
    Unreachable,
    /// The server refused a request; the message says why.
    ServerRefused,
    /// The workspace is not connected to Supabase.
    NotConnected,
    /// The camera cannot be used (none, busy, no permission, stopped); the message says which.
    Camera,
    /// The signed-in role may not do this (the server's row-level security would refuse it too).
    Forbidden,
    /// Not enough places left to sell (as this computer knows them).
    SoldOut,
    /// A fault of ours; the message has the detail for a bug report.
    Internal,
}

impl ErrorCode {
    /// The code as the UI sees it (its serde name): for the CLI's error lines.
    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            Invalid => "invalid",
            Duplicate => "duplicate",
            Reference => "reference",
            NotFound => "not_found",
            NoWorkspace => "no_workspace",
            WorkspaceExists => "workspace_exists",
            CorruptDatabase => "corrupt_database",
            DatabaseTooNew => "database_too_new",
            DiskFull => "disk_full",
            Busy => "busy",
            Io => "io",
            SignInFailed => "sign_in_failed",
            SessionEnded => "session_ended",
            Unreachable => "unreachable",
            ServerRefused => "server_refused",
            NotConnected => "not_connected",
            Camera => "camera",
            Forbidden => "forbidden",
            SoldOut => "sold_out",
            Internal => "internal",
        }
    }
}

/// The error every use case returns, and what crosses into the UI as `{code, message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    /// The field the error is about, when it is about one: a form marks it without reading
    /// the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError { code, message: message.into(), field: None }
    }

    pub fn on_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AppError {}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        use eventos_store::ConstraintKind;
        let code = match &e {
            StoreError::Invalid(_) | StoreError::UnknownTable(_) | StoreError::UnknownColumn { .. } => {
                ErrorCode::Invalid
            }
            StoreError::Constraint { kind: ConstraintKind::Unique, .. } => ErrorCode::Duplicate,
            StoreError::Constraint { kind: ConstraintKind::ForeignKey, .. } => ErrorCode::Reference,
            StoreError::Constraint { .. } => ErrorCode::Invalid,
            StoreError::NotFound { .. } => ErrorCode::NotFound,
            StoreError::Corrupt { .. } => ErrorCode::CorruptDatabase,
            StoreError::TooNew { .. } => ErrorCode::DatabaseTooNew,
            StoreError::DiskFull => ErrorCode::DiskFull,
            StoreError::Busy => ErrorCode::Busy,
            StoreError::Io { .. } => ErrorCode::Io,
            StoreError::Migration(_) | StoreError::Sqlite(_) => ErrorCode::Internal,
        };
        let field = match &e {
            StoreError::Invalid(v) => Some(v.field.clone()),
            StoreError::Constraint { field, .. } => Some(field.clone()),
            StoreError::UnknownColumn { column, .. } => Some(column.clone()),
            _ => None,
        };
        AppError { code, message: e.to_string(), field }
    }
}

impl From<rusqlite::Error> for AppError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::from(e).into()
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode::*;

    #[test]
    fn as_str_is_the_serde_name() {
        let all = [
            Invalid,
            Duplicate,
            Reference,
            NotFound,
            NoWorkspace,
            WorkspaceExists,
            CorruptDatabase,
            DatabaseTooNew,
            DiskFull,
            Busy,
            Io,
            SignInFailed,
            SessionEnded,
            Unreachable,
            ServerRefused,
            NotConnected,
            Camera,
            Forbidden,
            Internal,
        ];
        for code in all {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }
}
