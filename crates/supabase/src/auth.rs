//! GoTrue's token endpoint: what a session is, and how sign-in fails.

use serde::{Deserialize, Serialize};

/// A signed-in user's tokens. The refresh token rotates: each refresh returns a new one, which
/// must replace the old one before anything else uses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub access_token: String,
    pub refresh_token: String,
    pub user_id: String,
    pub email: String,
    /// Seconds since 1970 when the access token expires.
    pub expires_at: i64,
}

/// Why signing in (or refreshing) did not work, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    #[error("wrong email or password")]
    InvalidCredentials,
    #[error("the session has ended (signed out elsewhere, or its token was used twice): sign in again")]
    SessionEnded,
    #[error("the server cannot be reached: {0}")]
    Unreachable(String),
    #[error("the server refused the sign-in: {0}")]
    Refused(String),
}

#[derive(Deserialize)]
pub(crate) struct TokenResponse {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_at: Option<i64>,
    pub expires_in: Option<i64>,
    pub user: TokenUser,
}

#[derive(Deserialize)]
pub(crate) struct TokenUser {
    pub id: String,
    #[serde(default)]
    pub email: Option<String>,
}

impl TokenResponse {
    pub(crate) fn into_session(self, now: i64) -> Session {
        Session {
            expires_at: self.expires_at.unwrap_or(now + self.expires_in.unwrap_or(3600)),
            access_token: self.access_token,
            refresh_token: self.refresh_token,
            user_id: self.user.id,
            email: self.user.email.unwrap_or_default(),
        }
    }
}

/// GoTrue's error codes (both its current `{error_code, msg}` and older `{error, error_description}` bodies).
pub(crate) fn auth_error(status: u16, body: &serde_json::Value) -> AuthError {
    let code = body["error_code"].as_str().or_else(|| body["error"].as_str()).unwrap_or_default();
    let message = body["msg"]
        .as_str()
        .or_else(|| body["message"].as_str())
        .or_else(|| body["error_description"].as_str())
        .unwrap_or("no reason given");
    match code {
        "invalid_credentials" | "invalid_grant" if message.contains("credentials") => AuthError::InvalidCredentials,
        "refresh_token_already_used" | "refresh_token_not_found" | "session_not_found" | "session_expired" => {
            AuthError::SessionEnded
        }
        "invalid_grant" => AuthError::SessionEnded,
        _ if status >= 500 => AuthError::Unreachable(format!("HTTP {status}: {message}")),
        _ => AuthError::Refused(message.to_owned()),
    }
}
