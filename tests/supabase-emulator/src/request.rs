//! One HTTP request as the handlers see it, who it speaks for (from its `Authorization` JWT), and
//! the transaction PostgREST opens for it: role and request GUCs set locally, then the statement.

use postgres::{Client, IsolationLevel, Transaction};
use serde_json::{Map, Value};

use crate::errors::ApiError;
use crate::filters::parse_pairs;
use crate::jwt;

#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub method: String,
    /// The path without the query string, e.g. `/rest/v1/notes`.
    pub path: String,
    /// The raw query string (after `?`), possibly empty.
    pub query: String,
    /// Header names lower-cased, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn headers_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn query_pairs(&self) -> Vec<(String, String)> {
        parse_pairs(&self.query)
    }

    /// The headers as PostgREST exposes them in `request.headers`: one JSON object.
    pub fn headers_json(&self) -> String {
        let mut map = Map::new();
        for (k, v) in &self.headers {
            map.insert(k.clone(), Value::from(v.as_str()));
        }
        Value::Object(map).to_string()
    }
}

/// The database role a request runs as, and the claims it carries.
#[derive(Debug, Clone)]
pub struct Identity {
    pub role: String,
    pub claims_json: String,
    /// PostgREST's "authenticated": the role is not the anonymous one (decides 401 vs 403).
    pub authenticated: bool,
}

pub const ANON_ROLE: &str = "anon";

/// Reads `Authorization: Bearer <jwt>` as PostgREST does: no bearer token means the anonymous
/// role; a token must verify; a token without a `role` claim also means the anonymous role.
pub fn identify(req: &HttpRequest, secret: &[u8], now: i64) -> Result<Identity, ApiError> {
    let token = req.header("authorization").and_then(|value| {
        let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
        scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
    });
    let Some(token) = token else {
        return Ok(Identity {
            role: ANON_ROLE.to_owned(),
            claims_json: format!("{{\"role\":\"{ANON_ROLE}\"}}"),
            authenticated: false,
        });
    };
    let verified = jwt::verify(secret, token, now).map_err(|e| ApiError::jwt(&e))?;
    match verified.claims.get("role").and_then(Value::as_str) {
        Some(role) if !role.is_empty() => {
            Ok(Identity { role: role.to_owned(), claims_json: verified.claims_json, authenticated: role != ANON_ROLE })
        }
        _ => {
            let mut claims = verified.claims;
            claims.insert("role".into(), Value::from(ANON_ROLE));
            Ok(Identity {
                role: ANON_ROLE.to_owned(),
                claims_json: Value::Object(claims).to_string(),
                authenticated: false,
            })
        }
    }
}

/// Opens the request's transaction as PostgREST does: READ COMMITTED (read-only for reads),
/// then `set_config(..., true)` for the search path, role, claims, method, path, headers and
/// cookies, so everything reverts at commit or rollback.
pub fn begin<'a>(
    client: &'a mut Client,
    read_only: bool,
    identity: &Identity,
    req: &HttpRequest,
    pgrst_path: &str,
) -> Result<Transaction<'a>, postgres::Error> {
    let mut tx =
        client.build_transaction().isolation_level(IsolationLevel::ReadCommitted).read_only(read_only).start()?;
    tx.execute(
        "SELECT set_config('search_path', '\"public\", \"extensions\"', true),
                set_config('role', $1::text, true),
                set_config('request.jwt.claims', $2::text, true),
                set_config('request.method', $3::text, true),
                set_config('request.path', $4::text, true),
                set_config('request.headers', $5::text, true),
                set_config('request.cookies', '{}', true)",
        &[&identity.role, &identity.claims_json, &req.method, &pgrst_path, &req.headers_json()],
    )?;
    Ok(tx)
}

/// Query parameters, all passed as text and cast in the SQL (values are never interpolated).
#[derive(Debug, Default)]
pub struct Params {
    values: Vec<String>,
}

impl Params {
    /// Adds a value and returns its placeholder, typed text: `$3::text`.
    pub fn push(&mut self, value: impl Into<String>) -> String {
        self.values.push(value.into());
        format!("${}::text", self.values.len())
    }

    pub fn refs(&self) -> Vec<&(dyn postgres::types::ToSql + Sync)> {
        self.values.iter().map(|v| v as &(dyn postgres::types::ToSql + Sync)).collect()
    }
}
