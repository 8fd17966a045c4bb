use eventos_model::ValidationError;

/// What can go wrong in the replica. [`StoreError::code`] is a stable identifier the UI and the
/// CLI switch on; the `Display` text is the message a person reads.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    Invalid(#[from] ValidationError),
    /// The database refused a row: a CHECK, NOT NULL, UNIQUE or foreign-key rule.
    #[error("{table}.{field}: {message}")]
    Constraint { kind: ConstraintKind, table: String, field: String, message: String },
    #[error("there is no {table} row with id {id}")]
    NotFound { table: String, id: String },
    #[error("there is no table named '{0}'")]
    UnknownTable(String),
    #[error("{table} has no column '{column}'")]
    UnknownColumn { table: String, column: String },
    #[error("the database file {path} is damaged or not an EventOS replica ({detail})")]
    Corrupt { path: String, detail: String },
    #[error(
        "the database file was written by a newer EventOS (schema version {found}, this build knows up to {known})"
    )]
    TooNew { found: i64, known: i64 },
    #[error("the disk is full: nothing was written")]
    DiskFull,
    #[error("the database is busy in another program; try again")]
    Busy,
    #[error("cannot use the database folder {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("could not upgrade the database: {0}")]
    Migration(String),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConstraintKind {
    Check,
    NotNull,
    Unique,
    ForeignKey,
    Type,
}

impl StoreError {
    /// A stable, closed set of codes for the UI and the CLI.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Invalid(_) => "invalid",
            StoreError::Constraint { kind: ConstraintKind::Unique, .. } => "duplicate",
            StoreError::Constraint { kind: ConstraintKind::ForeignKey, .. } => "reference",
            StoreError::Constraint { .. } => "invalid",
            StoreError::NotFound { .. } => "not_found",
            StoreError::UnknownTable(_) | StoreError::UnknownColumn { .. } => "invalid",
            StoreError::Corrupt { .. } => "corrupt_database",
            StoreError::TooNew { .. } => "database_too_new",
            StoreError::DiskFull => "disk_full",
            StoreError::Busy => "busy",
            StoreError::Io { .. } => "io",
            StoreError::Migration(_) => "migration",
            StoreError::Sqlite(_) => "database",
        }
    }

    /// The field a person must fix, when the error is about one.
    pub fn field(&self) -> Option<(&str, &str)> {
        match self {
            StoreError::Invalid(e) => Some((&e.table, &e.field)),
            StoreError::Constraint { table, field, .. } => Some((table, field)),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::*;
        match e.sqlite_error_code() {
            Some(DiskFull) => StoreError::DiskFull,
            Some(DatabaseBusy | DatabaseLocked) => StoreError::Busy,
            Some(NotADatabase | DatabaseCorrupt) => StoreError::Corrupt { path: String::new(), detail: e.to_string() },
            _ => StoreError::Sqlite(e),
        }
    }
}
