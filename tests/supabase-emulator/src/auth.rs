//! GoTrue's `POST /auth/v1/token`: `grant_type=password` (bcrypt checked by PostgreSQL's
//! pgcrypto against `auth.users.encrypted_password`) and `grant_type=refresh_token` (rotation with
//! reuse detection, kept in `auth.sessions` and `auth.refresh_tokens` as GoTrue keeps them).
//! Follows supabase/auth `internal/api/token.go`, `internal/tokens/service.go` and
//! `internal/models/refresh_token.go` (legacy, non-HMAC refresh tokens).

use postgres::Transaction;
use serde_json::Value;

use crate::errors::{Reply, gotrue};
use crate::filters::parse_pairs;
use crate::jwt::{encode, ordered_object};
use crate::request::HttpRequest;
use crate::server::State;

/// What GoTrue answers with, before it is rendered for the request's API version.
struct AuthError {
    status: u16,
    code: &'static str,
    message: String,
}

fn bad_request(code: &'static str, message: impl Into<String>) -> AuthError {
    AuthError { status: 400, code, message: message.into() }
}

impl From<postgres::Error> for AuthError {
    fn from(e: postgres::Error) -> AuthError {
        AuthError { status: 500, code: "unexpected_failure", message: format!("Database error: {e}") }
    }
}

pub fn handle(state: &State, req: &HttpRequest, sub_path: &str) -> Reply {
    if sub_path != "/token" || req.method != "POST" {
        return crate::errors::no_route();
    }
    let api_version = req.header("x-supabase-api-version");
    let grant_type = parse_pairs(&req.query).into_iter().find(|(k, _)| k == "grant_type").map(|(_, v)| v);
    let body: Result<Value, AuthError> = serde_json::from_slice(if req.body.is_empty() { b"{}" } else { &req.body })
        .map_err(|e| bad_request("bad_json", format!("Could not parse request body as JSON: {e}")));
    let result = body.and_then(|body| match grant_type.as_deref() {
        Some("password") => password_grant(state, req, &body),
        Some("refresh_token") => refresh_grant(state, req, &body),
        // GoTrue answers an unknown grant type with this (sic) code and message.
        _ => Err(bad_request("invalid_credentials", "unsupported_grant_type")),
    });
    match result {
        Ok(reply) => reply,
        // GoTrue's OAuth-style error for a refresh grant without a token.
        Err(e) if e.code == "invalid_request" => Reply::json(
            400,
            ordered_object(&[("error", Value::from("invalid_request")), ("error_description", Value::from(e.message))]),
        ),
        Err(e) => gotrue(e.status, e.code, &e.message, api_version),
    }
}

fn text(body: &Value, key: &str) -> String {
    body.get(key).and_then(Value::as_str).unwrap_or("").to_owned()
}

fn password_grant(state: &State, req: &HttpRequest, body: &Value) -> Result<Reply, AuthError> {
    let (email, phone, password) = (text(body, "email"), text(body, "phone"), text(body, "password"));
    if !email.is_empty() && !phone.is_empty() {
        return Err(bad_request(
            "validation_failed",
            "Only an email address or phone number should be provided on login.",
        ));
    }
    if email.is_empty() {
        if !phone.is_empty() {
            return Err(AuthError {
                status: 422,
                code: "phone_provider_disabled",
                message: "Phone logins are disabled".into(),
            });
        }
        return Err(bad_request("validation_failed", "missing email or phone"));
    }
    let mut client = state.admin_pool.get()?;
    let mut tx = client.transaction()?;
    // FindUserByEmailAndAudience: lower-cased email, audience "authenticated". The password is
    // checked by pgcrypto, as bcrypt hashes are checked with `crypt(password, hash) = hash`.
    let row = tx.query_opt(
        "SELECT id::text,
                coalesce(encrypted_password, '') <> ''
                  AND encrypted_password = extensions.crypt($2::text, encrypted_password),
                email_confirmed_at IS NOT NULL
         FROM auth.users WHERE lower(email) = lower($1::text) AND aud = 'authenticated'
         LIMIT 1",
        &[&email, &password],
    )?;
    let Some(row) = row else { return Err(bad_request("invalid_credentials", "Invalid login credentials")) };
    let (user_id, password_ok, confirmed): (String, bool, bool) = (row.get(0), row.get(1), row.get(2));
    if !password_ok {
        return Err(bad_request("invalid_credentials", "Invalid login credentials"));
    }
    if !confirmed {
        return Err(bad_request("email_not_confirmed", "Email not confirmed"));
    }
    let session_id = uuid::Uuid::new_v4().to_string();
    let user_agent = req.header("user-agent");
    tx.execute(
        "INSERT INTO auth.sessions (id, user_id, created_at, updated_at, aal, user_agent)
         VALUES ($1::text::uuid, $2::text::uuid, now(), now(), 'aal1', $3::text)",
        &[&session_id, &user_id, &user_agent],
    )?;
    let refresh_token = new_refresh_token(&mut tx, &user_id, &session_id, None)?;
    tx.execute(
        "UPDATE auth.users SET last_sign_in_at = now(), updated_at = now() WHERE id = $1::text::uuid",
        &[&user_id],
    )?;
    let reply = token_response(state, &mut tx, &user_id, &session_id, &refresh_token)?;
    tx.commit()?;
    Ok(reply)
}

/// GoTrue's legacy refresh tokens: 12 random alphanumeric characters (`crypto.SecureAlphanumeric(12)`).
fn random_token() -> Result<String, AuthError> {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut token = String::with_capacity(12);
    while token.len() < 12 {
        let mut buf = [0u8; 32];
        getrandom::fill(&mut buf).map_err(|e| AuthError {
            status: 500,
            code: "unexpected_failure",
            message: e.to_string(),
        })?;
        // Rejection sampling keeps the characters uniform (248 = 4 × 62).
        token.extend(
            buf.iter().filter(|b| **b < 248).map(|b| ALPHABET[usize::from(*b) % 62] as char).take(12 - token.len()),
        );
    }
    Ok(token)
}

fn new_refresh_token(
    tx: &mut Transaction<'_>,
    user_id: &str,
    session_id: &str,
    parent: Option<&str>,
) -> Result<String, AuthError> {
    let token = random_token()?;
    tx.execute(
        "INSERT INTO auth.refresh_tokens (token, user_id, revoked, created_at, updated_at, parent, session_id)
         VALUES ($1::text, $2::text, false, now(), now(), $3::text, $4::text::uuid)",
        &[&token, &user_id, &parent, &session_id],
    )?;
    Ok(token)
}

/// GoTrue's `RefreshTokenGrant` for legacy refresh tokens:
/// - an unknown token: 400 `refresh_token_not_found`;
/// - a live token: revoked, and a child issued in the same session (parent = the old token);
/// - a revoked token whose child is the session's active token (the client lost the answer):
///   that active token is returned again, no new one;
/// - another revoked token used within the reuse interval of its revocation: a new child;
/// - a revoked token past the interval: every token of the session is revoked and the answer is
///   400 `refresh_token_already_used` (committed, so the revocation sticks).
fn refresh_grant(state: &State, req: &HttpRequest, body: &Value) -> Result<Reply, AuthError> {
    let token = text(body, "refresh_token");
    if token.is_empty() {
        return Err(AuthError { status: 400, code: "invalid_request", message: "refresh_token required".into() });
    }
    let mut client = state.admin_pool.get()?;
    let mut tx = client.transaction()?;
    let interval = state.refresh_token_reuse_interval.as_secs_f64();
    let row = tx.query_opt(
        "SELECT rt.id, rt.revoked IS TRUE, rt.session_id::text, u.id::text, s.id IS NOT NULL,
                now() > rt.updated_at + make_interval(secs => $2::float8)
         FROM auth.refresh_tokens rt
         JOIN auth.users u ON u.id::text = rt.user_id
         LEFT JOIN auth.sessions s ON s.id = rt.session_id
         WHERE rt.token = $1::text
         FOR UPDATE OF rt",
        &[&token, &interval],
    )?;
    let Some(row) = row else {
        return Err(bad_request("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found"));
    };
    let (token_id, revoked, session_id, user_id, has_session, past_interval): (
        i64,
        bool,
        Option<String>,
        String,
        bool,
        bool,
    ) = (row.get(0), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5));
    let Some(session_id) = session_id.filter(|_| has_session) else {
        tx.execute("DELETE FROM auth.refresh_tokens WHERE id = $1", &[&token_id])?;
        tx.commit()?;
        return Err(bad_request("session_not_found", "Invalid Refresh Token: No Valid Session Found"));
    };
    tx.execute("SELECT 1 FROM auth.sessions WHERE id = $1::text::uuid FOR UPDATE", &[&session_id])?;

    let mut issued = None;
    if revoked {
        let active = tx.query_opt(
            "SELECT token::text, parent::text FROM auth.refresh_tokens
             WHERE session_id = $1::text::uuid AND revoked IS FALSE ORDER BY id DESC LIMIT 1",
            &[&session_id],
        )?;
        match active {
            Some(active) if active.get::<_, Option<String>>(1).as_deref() == Some(token.as_str()) => {
                issued = Some(active.get::<_, String>(0));
            }
            _ if past_interval => {
                // RevokeTokenFamily: the whole session's tokens.
                tx.execute(
                    "UPDATE auth.refresh_tokens SET revoked = true, updated_at = now()
                     WHERE session_id = $1::text::uuid AND revoked IS FALSE",
                    &[&session_id],
                )?;
                tx.commit()?;
                return Err(bad_request("refresh_token_already_used", "Invalid Refresh Token: Already Used"));
            }
            _ => {}
        }
    }
    let issued = match issued {
        Some(active) => active,
        None => {
            // GrantRefreshTokenSwap: revoke the presented token, issue its child.
            tx.execute(
                "UPDATE auth.refresh_tokens SET revoked = true, updated_at = now() WHERE id = $1",
                &[&token_id],
            )?;
            new_refresh_token(&mut tx, &user_id, &session_id, Some(&token))?
        }
    };
    let user_agent = req.header("user-agent");
    tx.execute(
        "UPDATE auth.sessions SET refreshed_at = now() AT TIME ZONE 'UTC', updated_at = now(), user_agent = $2::text
         WHERE id = $1::text::uuid",
        &[&session_id, &user_agent],
    )?;
    let reply = token_response(state, &mut tx, &user_id, &session_id, &issued)?;
    tx.commit()?;
    Ok(reply)
}

/// Go's RFC 3339 with nanoseconds: fractional zeros trimmed (`...:05.1Z`, `...:05Z`).
fn go_time(timestamp: Option<String>) -> Option<String> {
    let t = timestamp?;
    let Some((whole, fraction)) = t.strip_suffix('Z').and_then(|t| t.split_once('.')) else { return Some(t) };
    let fraction = fraction.trim_end_matches('0');
    Some(if fraction.is_empty() { format!("{whole}Z") } else { format!("{whole}.{fraction}Z") })
}

/// GoTrue's `AccessTokenResponse` with a fresh access token for the user and session.
fn token_response(
    state: &State,
    tx: &mut Transaction<'_>,
    user_id: &str,
    session_id: &str,
    refresh_token: &str,
) -> Result<Reply, AuthError> {
    const RFC3339: &str = r#"'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'"#;
    let row = tx.query_one(
        &format!(
            "SELECT u.id::text, coalesce(u.aud, ''), coalesce(u.role, ''), coalesce(u.email, ''),
                    to_char(u.email_confirmed_at AT TIME ZONE 'UTC', {RFC3339}),
                    to_char(u.last_sign_in_at AT TIME ZONE 'UTC', {RFC3339}),
                    coalesce(u.raw_app_meta_data, '{{}}')::text, coalesce(u.raw_user_meta_data, '{{}}')::text,
                    to_char(u.created_at AT TIME ZONE 'UTC', {RFC3339}),
                    to_char(u.updated_at AT TIME ZONE 'UTC', {RFC3339}),
                    floor(extract(epoch FROM s.created_at))::bigint
             FROM auth.users u, auth.sessions s
             WHERE u.id = $1::text::uuid AND s.id = $2::text::uuid"
        ),
        &[&user_id, &session_id],
    )?;
    let json = |i: usize| serde_json::from_str::<Value>(&row.get::<_, String>(i)).unwrap_or(Value::Null);
    let (id, aud, role, email): (String, String, String, String) = (row.get(0), row.get(1), row.get(2), row.get(3));
    let (app_metadata, user_metadata) = (json(6), json(7));
    let zero_time = || Some("0001-01-01T00:00:00Z".to_owned());

    let now = crate::server::unix_now();
    let ttl = state.access_token_ttl.whole_seconds();
    let expires_at = now + ttl;
    let claims = ordered_object(&[
        ("iss", Value::from(format!("{}/auth/v1", state.url))),
        ("sub", Value::from(id.as_str())),
        ("aud", Value::from(aud.as_str())),
        ("exp", Value::from(expires_at)),
        ("iat", Value::from(now)),
        ("email", Value::from(email.as_str())),
        ("phone", Value::from("")),
        ("app_metadata", app_metadata.clone()),
        ("user_metadata", user_metadata.clone()),
        ("role", Value::from(role.as_str())),
        ("aal", Value::from("aal1")),
        ("amr", serde_json::json!([{ "method": "password", "timestamp": row.get::<_, i64>(10) }])),
        ("session_id", Value::from(session_id)),
        ("is_anonymous", Value::from(false)),
    ]);
    let access_token = encode(state.jwt_secret.as_bytes(), &claims);

    // models.User as GoTrue serializes it (omitempty timestamps left out when NULL).
    let confirmed = go_time(row.get(4));
    let mut user: Vec<(&str, Value)> = vec![
        ("id", Value::from(id.as_str())),
        ("aud", Value::from(aud)),
        ("role", Value::from(role)),
        ("email", Value::from(email)),
    ];
    if let Some(t) = &confirmed {
        user.push(("email_confirmed_at", Value::from(t.as_str())));
    }
    user.push(("phone", Value::from("")));
    if let Some(t) = &confirmed {
        user.push(("confirmed_at", Value::from(t.as_str())));
    }
    if let Some(t) = go_time(row.get(5)) {
        user.push(("last_sign_in_at", Value::from(t)));
    }
    user.extend([
        ("app_metadata", app_metadata),
        ("user_metadata", user_metadata),
        ("identities", Value::Array(Vec::new())),
        ("created_at", Value::from(go_time(row.get(8)).or_else(zero_time))),
        ("updated_at", Value::from(go_time(row.get(9)).or_else(zero_time))),
        ("is_anonymous", Value::from(false)),
    ]);
    let user = ordered_object(&user);
    let body = format!(
        "{{\"access_token\":{},\"token_type\":\"bearer\",\"expires_in\":{ttl},\"expires_at\":{expires_at},\"refresh_token\":{},\"user\":{}}}",
        Value::from(access_token),
        Value::from(refresh_token),
        user
    );
    Ok(Reply::json(200, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_time_trims_fractional_zeros() {
        assert_eq!(go_time(Some("2026-01-02T03:04:05.120000Z".into())).unwrap(), "2026-01-02T03:04:05.12Z");
        assert_eq!(go_time(Some("2026-01-02T03:04:05.000000Z".into())).unwrap(), "2026-01-02T03:04:05Z");
        assert_eq!(go_time(None), None);
    }

    #[test]
    fn refresh_tokens_are_twelve_alphanumerics() {
        let a = random_token().ok().unwrap();
        let b = random_token().ok().unwrap();
        assert_eq!(a.len(), 12);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
    }
}
