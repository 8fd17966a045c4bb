//! Where secrets are kept — the signed-in session (its refresh token above all), and an
//! organizer's ticket-signing keys: the OS keychain, or —
//! only where there is none (a headless Linux box without a Secret Service) — a file in the
//! data folder that only this user can read (0600), replaced atomically.
//!
//! Tests and CI choose the file on purpose ([`SessionStore::File`]), so they never touch the
//! keychain of the person running them.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use eventos_supabase::Session;

use crate::{AppError, ErrorCode, Result};

const SERVICE: &str = "app.eventos.desktop";
const FILE_NAME: &str = "session.json";

/// Where sessions go: the OS keychain when there is one (falling back to the file when it does
/// not answer), or the private file on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStore {
    Keychain,
    File,
}

impl SessionStore {
    /// `EVENTOS_SECRET_STORE=file` chooses the file (CI, end-to-end tests); else the keychain.
    pub fn from_env() -> SessionStore {
        if std::env::var("EVENTOS_SECRET_STORE").is_ok_and(|v| v == "file") {
            SessionStore::File
        } else {
            SessionStore::Keychain
        }
    }
}

pub(crate) enum Secrets {
    /// One keychain entry per data folder.
    Keychain(keyring::Entry),
    File(PathBuf),
}

impl Secrets {
    /// The signed-in session of the workspace in `data_dir`.
    pub(crate) fn for_data_dir(data_dir: &Path, choice: SessionStore) -> Secrets {
        Secrets::slot(data_dir, choice, "session", FILE_NAME)
    }

    /// An event's private ticket-signing key (organizer machines only; see `crate::door`).
    pub(crate) fn ticket_key(data_dir: &Path, choice: SessionStore, event_id: &str) -> Secrets {
        Secrets::slot(data_dir, choice, &format!("ticket-key:{event_id}"), &format!("ticket-key-{event_id}.secret"))
    }

    /// An event's door key: what lets a station into the event's door exchange (`crate::door`).
    pub(crate) fn door_key(data_dir: &Path, choice: SessionStore, event_id: &str) -> Secrets {
        Secrets::slot(data_dir, choice, &format!("door-key:{event_id}"), &format!("door-key-{event_id}.secret"))
    }

    /// One keychain entry per data folder and `name`, or the private file `file_name` in it.
    fn slot(data_dir: &Path, choice: SessionStore, name: &str, file_name: &str) -> Secrets {
        let file = Secrets::File(data_dir.join(file_name));
        if choice == SessionStore::File {
            return file;
        }
        let user = format!("{name}:{}", std::path::absolute(data_dir).unwrap_or_else(|_| data_dir.into()).display());
        match keyring::Entry::new(SERVICE, &user) {
            // Asking once tells whether a keychain answers at all.
            Ok(entry) => match entry.get_password() {
                Ok(_) | Err(keyring::Error::NoEntry) => Secrets::Keychain(entry),
                Err(_) => file,
            },
            Err(_) => file,
        }
    }

    /// Where the secret is kept, in words for the Sync screen.
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Secrets::Keychain(_) => "the system keychain",
            Secrets::File(_) => "a private file in the workspace folder (no keychain on this computer)",
        }
    }

    pub(crate) fn load(&self) -> Option<Session> {
        serde_json::from_str(&self.load_text()?).ok()
    }

    /// Stores a session, replacing the one before in one step (a crash leaves one or the other).
    pub(crate) fn save(&self, session: &Session) -> Result<()> {
        let text = serde_json::to_string(session).map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
        self.save_text(&text, "the session")
    }

    pub(crate) fn load_text(&self) -> Option<String> {
        match self {
            Secrets::Keychain(entry) => entry.get_password().ok(),
            Secrets::File(path) => std::fs::read_to_string(path).ok(),
        }
    }

    /// Stores `text` (`what` names it in errors), replacing what was there in one step.
    pub(crate) fn save_text(&self, text: &str, what: &str) -> Result<()> {
        match self {
            Secrets::Keychain(entry) => entry
                .set_password(text)
                .map_err(|e| AppError::new(ErrorCode::Io, format!("the keychain did not keep {what}: {e}"))),
            Secrets::File(path) => write_private(path, text)
                .map_err(|e| AppError::new(ErrorCode::Io, format!("cannot keep {what} in {}: {e}", path.display()))),
        }
    }

    pub(crate) fn clear(&self) -> Result<()> {
        match self {
            Secrets::Keychain(entry) => match entry.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                Err(e) => Err(AppError::new(ErrorCode::Io, format!("the keychain did not forget the session: {e}"))),
            },
            Secrets::File(path) => match std::fs::remove_file(path) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(AppError::new(ErrorCode::Io, format!("cannot remove {}: {e}", path.display()))),
            },
        }
    }
}

/// Writes a file only its owner can read: a 0600 temporary file beside it, synced, renamed over.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    // A leftover from a crash may have other permissions; the mode applies only to a new file.
    let _ = std::fs::remove_file(&tmp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&tmp)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(refresh: &str) -> Session {
        Session {
            access_token: "a".into(),
            refresh_token: refresh.into(),
            user_id: "u".into(),
            email: "e@x".into(),
            expires_at: 1,
        }
    }

    #[test]
    fn the_file_store_keeps_the_latest_session_private_and_forgets_it() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = Secrets::File(dir.path().join(FILE_NAME));
        assert_eq!(secrets.load(), None);
        secrets.save(&session("one")).unwrap();
        secrets.save(&session("two")).unwrap();
        assert_eq!(secrets.load().map(|s| s.refresh_token), Some("two".into()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(FILE_NAME)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        secrets.clear().unwrap();
        assert_eq!(secrets.load(), None);
        secrets.clear().unwrap();
    }
}
