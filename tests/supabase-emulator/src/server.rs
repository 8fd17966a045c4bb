//! The HTTP side: a few worker threads take requests from `tiny_http`, the gateway checks the
//! `apikey`, and `/auth/v1/*` goes to GoTrue's handler, `/rest/v1/*` to PostgREST's, `/storage/v1/*` to
//! Storage's.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::errors::{self, ApiError, Reply};
use crate::filters::{parse_query, percent_decode};
use crate::pool::Pool;
use crate::request::{HttpRequest, identify};
use crate::{auth, jwt, rest, rpc, storage};

/// What every request handler shares.
pub struct State {
    pub url: String,
    pub jwt_secret: String,
    pub access_token_ttl: time::Duration,
    pub refresh_token_reuse_interval: Duration,
    /// Connections as `authenticator` (PostgREST's login role).
    pub rest_pool: Pool,
    /// Connections as the configured user (GoTrue's side: `auth.*`).
    pub admin_pool: Pool,
}

pub fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Serves until `stop` is set.
pub fn serve(server: &tiny_http::Server, state: &State, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        let request = match server.recv_timeout(Duration::from_millis(200)) {
            Ok(Some(request)) => request,
            Ok(None) => continue,
            Err(_) => break,
        };
        respond(state, request);
    }
}

fn respond(state: &State, mut request: tiny_http::Request) {
    let mut body = Vec::new();
    let read = request.as_reader().read_to_end(&mut body);
    let url = request.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
    let req = HttpRequest {
        method: request.method().as_str().to_ascii_uppercase(),
        path: path.to_owned(),
        query: query.to_owned(),
        headers: request
            .headers()
            .iter()
            .map(|h| (h.field.as_str().as_str().to_ascii_lowercase(), h.value.as_str().to_owned()))
            .collect(),
        body,
    };
    let reply = if read.is_err() {
        ApiError::invalid_body("Could not read the request body").into_reply()
    } else {
        handle(state, &req)
    };
    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    for (name, value) in reply.headers {
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    // The client may have gone away; nothing to do about it.
    let _ = request.respond(response);
}

/// Routes one request: the gateway's `apikey` check, then GoTrue or PostgREST.
pub fn handle(state: &State, req: &HttpRequest) -> Reply {
    let (service, rest) = if let Some(rest) = strip_service(&req.path, "/auth/v1") {
        ("auth", rest)
    } else if let Some(rest) = strip_service(&req.path, "/rest/v1") {
        ("rest", rest)
    } else if let Some(rest) = strip_service(&req.path, "/storage/v1") {
        ("storage", rest)
    } else {
        return errors::no_route();
    };
    if let Some(reply) = check_api_key(state, req) {
        return reply;
    }
    match service {
        "auth" => auth::handle(state, req, rest),
        "storage" => storage::handle(state, req, rest),
        _ => rest_handle(state, req, rest).unwrap_or_else(ApiError::into_reply),
    }
}

fn strip_service<'a>(path: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = path.strip_prefix(prefix)?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}

/// The gateway lets a request through only with the project's anon or service_role key, in the
/// `apikey` header or the `apikey` query parameter.
fn check_api_key(state: &State, req: &HttpRequest) -> Option<Reply> {
    let from_query = || req.query_pairs().into_iter().find(|(k, _)| k == "apikey").map(|(_, v)| v);
    let Some(key) = req.header("apikey").map(str::to_owned).or_else(from_query) else {
        return Some(errors::missing_api_key());
    };
    let valid = jwt::verify(state.jwt_secret.as_bytes(), &key, unix_now())
        .ok()
        .is_some_and(|v| matches!(v.claims.get("role").and_then(Value::as_str), Some("anon" | "service_role")));
    (!valid).then(errors::invalid_api_key)
}

fn rest_handle(state: &State, req: &HttpRequest, path: &str) -> Result<Reply, ApiError> {
    // PostgREST checks the JWT before it looks at the request itself.
    let identity = identify(req, state.jwt_secret.as_bytes(), unix_now())?;
    // Accept-Profile (reads) / Content-Profile (writes) pick the schema: only `public` is exposed.
    let profile = if matches!(req.method.as_str(), "GET" | "HEAD") { "accept-profile" } else { "content-profile" };
    if let Some(schema) = req.header(profile).filter(|s| *s != "public") {
        return Err(ApiError::schema_not_exposed(schema));
    }
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match segments.as_slice() {
        [""] => Err(ApiError::not_implemented("the OpenAPI root is not served by the Supabase emulator")),
        ["rpc", function] if !function.is_empty() => rpc::handle(state, req, &identity, &percent_decode(function)),
        [table] => rest::handle(state, req, &identity, &percent_decode(table), parse_query(&req.query_pairs())?),
        _ => Err(ApiError::new(404, "PGRST125", "Invalid path specified in request URL")),
    }
}

/// Worker threads sharing one listener.
pub struct Workers {
    pub server: Arc<tiny_http::Server>,
    pub stop: Arc<AtomicBool>,
    pub threads: Vec<std::thread::JoinHandle<()>>,
}

impl Workers {
    pub fn start(server: tiny_http::Server, state: State, count: usize) -> Workers {
        let server = Arc::new(server);
        let state = Arc::new(state);
        let stop = Arc::new(AtomicBool::new(false));
        let threads = (0..count)
            .map(|_| {
                let (server, state, stop) = (server.clone(), state.clone(), stop.clone());
                std::thread::spawn(move || serve(&server, &state, &stop))
            })
            .collect();
        Workers { server, stop, threads }
    }

    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for _ in &self.threads {
            self.server.unblock();
        }
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}
