//! One project, one signed-in user: requests with the `apikey` header and the user's bearer
//! token; an expired access token is refreshed once (rotation: the new refresh token is handed
//! to `on_refresh` to be stored before anything else happens) and the request retried.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use eventos_model::schema;
use eventos_sync::{DOCUMENTS_BUCKET, Page, PushAnswer, PushChange, Remote, RemoteError, Row, Scope};
use reqwest::blocking::{Client as Http, RequestBuilder, Response};
use serde_json::{Value, json};

use crate::auth::{AuthError, Session, TokenResponse, auth_error};

/// Where the project is: its URL and anon (publishable) key, as the user entered them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub url: String,
    pub anon_key: String,
}

pub struct Client {
    http: Http,
    project: Project,
    session: Option<Session>,
    on_refresh: Box<dyn FnMut(&Session) + Send>,
}

impl Client {
    pub fn new(project: Project) -> Result<Client, RemoteError> {
        // rustls needs a crypto provider chosen once per process; another one may be there already.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = Http::builder()
            // A dropped network shows as a request that never ends: every call here answers
            // within a second or two (pages and batches are capped), so 30 s means it is gone.
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| RemoteError::Unreachable(e.to_string()))?;
        let project = Project { url: project.url.trim_end_matches('/').to_owned(), anon_key: project.anon_key };
        Ok(Client { http, project, session: None, on_refresh: Box::new(|_| {}) })
    }

    /// Uses a session signed in before (read from where it was stored).
    pub fn with_session(mut self, session: Session) -> Client {
        self.session = Some(session);
        self
    }

    /// Called with every new session a refresh brings, before it is used: store it.
    pub fn on_refresh(mut self, store: impl FnMut(&Session) + Send + 'static) -> Client {
        self.on_refresh = Box::new(store);
        self
    }

    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// Email and password sign-in.
    pub fn sign_in(&mut self, email: &str, password: &str) -> Result<Session, AuthError> {
        let session = self.token("password", json!({"email": email, "password": password}))?;
        self.session = Some(session.clone());
        Ok(session)
    }

    /// Trades the refresh token for a new session (the old refresh token is spent).
    pub fn refresh(&mut self) -> Result<Session, AuthError> {
        let Some(current) = &self.session else { return Err(AuthError::SessionEnded) };
        let session = self.token("refresh_token", json!({"refresh_token": current.refresh_token}))?;
        (self.on_refresh)(&session);
        self.session = Some(session.clone());
        Ok(session)
    }

    fn token(&self, grant: &str, body: Value) -> Result<Session, AuthError> {
        let url = format!("{}/auth/v1/token?grant_type={grant}", self.project.url);
        let response = self
            .http
            .post(url)
            .header("apikey", &self.project.anon_key)
            .json(&body)
            .send()
            .map_err(|e| AuthError::Unreachable(e.to_string()))?;
        let status = response.status().as_u16();
        let body: Value = response.json().unwrap_or(Value::Null);
        if status != 200 {
            return Err(auth_error(status, &body));
        }
        let token: TokenResponse =
            serde_json::from_value(body).map_err(|e| AuthError::Refused(format!("unexpected answer: {e}")))?;
        Ok(token.into_session(now()))
    }

    /// The request `build` makes, with the project's key and the user's token.
    pub(crate) fn authorized(
        &self,
        build: &dyn Fn(&Http, &str) -> RequestBuilder,
    ) -> Result<RequestBuilder, RemoteError> {
        let Some(session) = &self.session else { return Err(RemoteError::Unauthorized("not signed in".into())) };
        Ok(build(&self.http, &self.project.url)
            .header("apikey", &self.project.anon_key)
            .bearer_auth(&session.access_token))
    }

    /// Refreshes an expired access token for a request to try again.
    pub(crate) fn refresh_for_remote(&mut self) -> Result<(), RemoteError> {
        self.refresh().map(drop).map_err(|e| match e {
            AuthError::Unreachable(m) => RemoteError::Unreachable(m),
            other => RemoteError::Unauthorized(other.to_string()),
        })
    }

    /// Sends a request built by `build` with the user's token; on an expired token, refreshes
    /// once and sends it again.
    fn send(&mut self, build: &dyn Fn(&Http, &str) -> RequestBuilder) -> Result<Response, RemoteError> {
        for attempt in 0..2 {
            let response = self.authorized(build)?.send().map_err(|e| RemoteError::Unreachable(e.to_string()))?;
            if response.status().as_u16() == 401 && attempt == 0 {
                self.refresh_for_remote()?;
                continue;
            }
            return check(response);
        }
        Err(RemoteError::Unauthorized("the refreshed session was refused".into()))
    }

    /// `GET /rest/v1/…` rows as JSON objects.
    fn rows(&mut self, path: &str) -> Result<Vec<Row>, RemoteError> {
        let response = self.send(&|http, url| http.get(format!("{url}{path}")))?;
        response.json().map_err(|e| RemoteError::Refused(format!("{path}: unexpected answer: {e}")))
    }

    fn rpc(&mut self, name: &str, body: &Value) -> Result<Value, RemoteError> {
        let path = format!("/rest/v1/rpc/{name}");
        let response = self.send(&|http, url| http.post(format!("{url}{path}")).json(body))?;
        response.json().map_err(|e| RemoteError::Refused(format!("{name}: unexpected answer: {e}")))
    }

    /// `?col=eq.id` selecting the scope's rows of a table (none for profiles: row-level
    /// security shows the people the user works with).
    fn scope_filter(table: &str, scope: &Scope) -> Option<String> {
        let table = schema::table(table)?;
        match scope {
            Scope::Account(id) => table.account_column().map(|c| format!("{c}=eq.{id}")),
            Scope::Event(id) => table.event_column().map(|c| format!("{c}=eq.{id}")),
        }
    }
}

/// 2xx passes; the rest becomes an error a person can read (PostgREST's `message`).
fn check(response: Response) -> Result<Response, RemoteError> {
    let status = response.status().as_u16();
    if response.status().is_success() {
        return Ok(response);
    }
    let body: Value = response.json().unwrap_or(Value::Null);
    let message = body["message"].as_str().or_else(|| body["msg"].as_str()).unwrap_or("no details").to_owned();
    Err(match status {
        401 | 403 if body["code"] != "42501" => RemoteError::Unauthorized(message),
        408 | 429 | 500.. => RemoteError::Unreachable(format!("HTTP {status}: {message}")),
        _ => RemoteError::Refused(format!("HTTP {status}: {message}")),
    })
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

impl Remote for Client {
    fn push(&mut self, changes: &[PushChange]) -> Result<Vec<PushAnswer>, RemoteError> {
        let answer = self.rpc("push_changes", &json!({ "changes": changes }))?;
        serde_json::from_value(answer["results"].clone())
            .map_err(|e| RemoteError::Refused(format!("push_changes: unexpected answer: {e}")))
    }

    fn pull(&mut self, scope: &Scope, cursor: &str, limit: u32) -> Result<Page, RemoteError> {
        let answer =
            self.rpc("pull_changes", &json!({"cursor": cursor, "scopes": [scope.to_json()], "limit": limit}))?;
        serde_json::from_value(answer)
            .map_err(|e| RemoteError::Refused(format!("pull_changes: unexpected answer: {e}")))
    }

    fn cursor(&mut self) -> Result<String, RemoteError> {
        match self.rpc("sync_cursor", &json!({}))? {
            Value::String(cursor) => Ok(cursor),
            other => Err(RemoteError::Refused(format!("sync_cursor: unexpected answer {other}"))),
        }
    }

    fn snapshot(
        &mut self,
        table: &str,
        scope: &Scope,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<Row>, RemoteError> {
        let mut query = vec![format!("order=id.asc"), format!("limit={limit}")];
        query.extend(Client::scope_filter(table, scope));
        query.extend(after.map(|id| format!("id=gt.{id}")));
        self.rows(&format!("/rest/v1/{table}?{}", query.join("&")))
    }

    fn counts(&mut self, scope: &Scope) -> Result<Row, RemoteError> {
        match self.rpc("scope_counts", &json!({"scope": scope.to_json()}))? {
            Value::Object(counts) => Ok(counts),
            other => Err(RemoteError::Refused(format!("scope_counts: unexpected answer {other}"))),
        }
    }

    fn upload_file(&mut self, key: &str, content: &[u8], content_type: &str) -> Result<(), RemoteError> {
        self.upload_to(DOCUMENTS_BUCKET, key, content, content_type)
    }

    fn download_file(&mut self, key: &str) -> Result<Option<Vec<u8>>, RemoteError> {
        self.download_from(DOCUMENTS_BUCKET, key)
    }

    fn delete_file(&mut self, key: &str) -> Result<(), RemoteError> {
        self.delete_from(DOCUMENTS_BUCKET, key)
    }
}

/// What a device replicates unless told otherwise: the accounts the user is an active member
/// of; for door staff, who belong to none, the events they work the door of (`rpc/door_events`).
pub fn default_scopes(client: &mut Client, user_id: &str) -> Result<Vec<Scope>, RemoteError> {
    let rows =
        client.rows(&format!("/rest/v1/account_users?select=account_id&status=eq.active&user_id=eq.{user_id}"))?;
    let accounts: Vec<Scope> =
        rows.iter().filter_map(|r| r.get("account_id")?.as_str()).map(|id| Scope::Account(id.to_owned())).collect();
    if !accounts.is_empty() {
        return Ok(accounts);
    }
    match client.rpc("door_events", &json!({}))? {
        Value::Array(ids) => Ok(ids.iter().filter_map(Value::as_str).map(|id| Scope::Event(id.to_owned())).collect()),
        Value::Null => Ok(Vec::new()),
        other => Err(RemoteError::Refused(format!("door_events: unexpected answer {other}"))),
    }
}

/// Something the user could replicate, named for people; for an account, the user's role in it
/// (what the account's row-level security will let its replica hold).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeOption {
    pub scope: Scope,
    pub label: String,
    pub role: Option<String>,
}

/// What the user could replicate: their accounts (`account:<uuid>`, named after the account,
/// with their role) and those accounts' events plus the events they work the door of
/// (`event:<uuid>`, named after the event, soonest first).
pub fn scope_choices(client: &mut Client, user_id: &str) -> Result<Vec<ScopeOption>, RemoteError> {
    let text = |row: &Row, key: &str| row.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
    let roles: Vec<(String, String)> = client
        .rows(&format!("/rest/v1/account_users?select=account_id,role&status=eq.active&user_id=eq.{user_id}"))?
        .iter()
        .map(|r| (text(r, "account_id"), text(r, "role")))
        .collect();
    let (mut accounts, mut door) = (Vec::new(), Vec::new());
    for scope in default_scopes(client, user_id)? {
        match scope {
            Scope::Account(id) => accounts.push(id),
            Scope::Event(id) => door.push(id),
        }
    }
    let mut choices = Vec::new();
    if !accounts.is_empty() {
        for row in
            client.rows(&format!("/rest/v1/accounts?select=id,name&id=in.({})&order=name", accounts.join(",")))?
        {
            let id = text(&row, "id");
            let role = roles.iter().find(|(account, _)| *account == id).map(|(_, role)| role.clone());
            choices.push(ScopeOption { scope: Scope::Account(id), label: text(&row, "name"), role });
        }
    }
    let filter = match (accounts.is_empty(), door.is_empty()) {
        (true, true) => return Ok(choices),
        (false, _) => format!("account_id=in.({})", accounts.join(",")),
        (true, false) => format!("id=in.({})", door.join(",")),
    };
    for row in client.rows(&format!("/rest/v1/events?select=id,name,start_at&{filter}&order=start_at"))? {
        let label = format!("{} ({})", text(&row, "name"), text(&row, "start_at").get(..10).unwrap_or_default());
        choices.push(ScopeOption { scope: Scope::Event(text(&row, "id")), label, role: None });
    }
    Ok(choices)
}
