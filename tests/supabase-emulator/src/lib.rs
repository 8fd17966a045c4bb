//! **Test infrastructure, not a product.** A small HTTP emulator of the part of the Supabase API
//! the EventOS desktop client uses, in front of a real PostgreSQL prepared like a Supabase project
//! (`supabase/test/supabase-base.sql`):
//!
//! - the API gateway's `apikey` check (the project's anon or service_role key);
//! - GoTrue's `POST /auth/v1/token` with `grant_type=password` and `grant_type=refresh_token`
//!   (sessions and rotating refresh tokens in `auth.sessions` / `auth.refresh_tokens`);
//! - PostgREST's `/rest/v1/<table>` (GET/HEAD, POST, PATCH, DELETE) and `POST /rest/v1/rpc/<fn>`
//!   on schema `public`, each request in one transaction with the JWT's role and claims set
//!   locally, so row-level security, grants, constraints and triggers are PostgreSQL's own;
//! - Storage's object upload, download and delete (`/storage/v1/object/…`), the caller's
//!   statement on `storage.objects` under the project's policies, the bytes kept in the database.
//!
//! No real GoTrue or PostgREST can run on the project's build machines; this stands in for them
//! in tests. Where it simplifies what the real services do, `README.md` says so.
//!
//! ```no_run
//! use eventos_supabase_emulator::{Config, Emulator};
//! let emulator = Emulator::start(Config::new("postgresql://postgres@127.0.0.1:5432/postgres")).unwrap();
//! println!("{} {}", emulator.url(), emulator.anon_key());
//! ```

mod auth;
mod catalog;
mod errors;
mod filters;
mod jwt;
mod media;
mod pool;
mod request;
mod rest;
mod rpc;
mod server;
mod storage;

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// The `time` crate, for [`Config::access_token_ttl`] (a signed duration).
pub use time;

/// The Supabase CLI's default JWT secret for local projects.
pub const DEFAULT_JWT_SECRET: &str = "super-secret-jwt-token-with-at-least-32-characters-long";

/// How many requests are served at once.
const WORKERS: usize = 4;

#[derive(Debug, Clone)]
pub struct Config {
    /// A libpq-style URL or key/value string. GoTrue's side (`auth.*`) connects as this URL's
    /// user; PostgREST's side connects to the same server as `authenticator`.
    pub database_url: String,
    /// The HS256 secret for the API keys and access tokens.
    pub jwt_secret: String,
    /// Where to listen, e.g. `127.0.0.1:0` for a free port.
    pub bind: String,
    /// Lifetime of the access tokens GoTrue issues (GoTrue's `JWT_EXP`, 3600 s by default).
    /// May be negative, to get an already expired token in tests.
    pub access_token_ttl: time::Duration,
    /// GoTrue's `REFRESH_TOKEN_REUSE_INTERVAL` (10 s by default).
    pub refresh_token_reuse_interval: Duration,
}

impl Config {
    /// The defaults: the CLI's JWT secret, a free port on 127.0.0.1, GoTrue's token lifetimes.
    pub fn new(database_url: impl Into<String>) -> Config {
        Config {
            database_url: database_url.into(),
            jwt_secret: DEFAULT_JWT_SECRET.to_owned(),
            bind: "127.0.0.1:0".to_owned(),
            access_token_ttl: time::Duration::seconds(3600),
            refresh_token_reuse_interval: Duration::from_secs(10),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A running emulator; it stops (and its threads end) when dropped.
pub struct Emulator {
    url: String,
    anon_key: String,
    service_role_key: String,
    workers: server::Workers,
}

impl Emulator {
    pub fn start(config: Config) -> Result<Emulator> {
        let admin = postgres::Config::from_str(&config.database_url)
            .map_err(|e| Error(format!("invalid database URL: {e}")))?;
        let mut rest = admin.clone();
        rest.user("authenticator").password("authenticator");
        // Fail now rather than on the first request if the database or its roles are missing.
        for (config, who) in [(&admin, "the configured user"), (&rest, "authenticator")] {
            config
                .connect(postgres::NoTls)
                .map_err(|e| Error(format!("cannot connect to PostgreSQL as {who}: {e}")))?;
        }
        let server = tiny_http::Server::http(config.bind.as_str())
            .map_err(|e| Error(format!("cannot listen on {}: {e}", config.bind)))?;
        let port = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .ok_or_else(|| Error("the listener has no IP address".to_owned()))?;
        let host = config.bind.rsplit_once(':').map_or("127.0.0.1", |(h, _)| h);
        let host = if host == "0.0.0.0" || host.is_empty() { "127.0.0.1" } else { host };
        let url = format!("http://{host}:{port}");
        let secret = config.jwt_secret.as_bytes();
        let anon_key = jwt::api_key(secret, "anon");
        let service_role_key = jwt::api_key(secret, "service_role");
        let state = server::State {
            url: url.clone(),
            jwt_secret: config.jwt_secret.clone(),
            access_token_ttl: config.access_token_ttl,
            refresh_token_reuse_interval: config.refresh_token_reuse_interval,
            rest_pool: pool::Pool::new(rest),
            admin_pool: pool::Pool::new(admin),
        };
        let workers = server::Workers::start(server, state, WORKERS);
        Ok(Emulator { url, anon_key, service_role_key, workers })
    }

    /// `http://127.0.0.1:PORT`, the `SUPABASE_URL` to give clients.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The anon (publishable) API key.
    pub fn anon_key(&self) -> &str {
        &self.anon_key
    }

    /// The service_role API key (bypasses row-level security).
    pub fn service_role_key(&self) -> &str {
        &self.service_role_key
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.workers.stop();
    }
}
