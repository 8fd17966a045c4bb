//! A throwaway Supabase-like PostgreSQL for tests (`scripts/local-supabase.sh`), stopped and
//! removed when dropped, and `psql` to talk to it. Test infrastructure only.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

pub type Result<T, E = String> = std::result::Result<T, E>;

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/local-supabase.sh")
}

/// A running cluster with Supabase's roles, auth schema, and our migrations applied.
pub struct Postgres {
    dir: PathBuf,
    env: Vec<(String, String)>,
}

impl Postgres {
    pub fn start() -> Result<Postgres> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        // Under /tmp with searchable parents: the server runs as the postgres user.
        let dir = std::env::temp_dir().join(format!(
            "eventos-pg-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let out = Command::new(script()).arg("start").arg(&dir).output().map_err(|e| e.to_string())?;
        let mut postgres = Postgres { dir, env: Vec::new() };
        if !out.status.success() {
            return Err(format!("local-supabase.sh start failed: {}", String::from_utf8_lossy(&out.stderr)));
        }
        postgres.env = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| l.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())))
            .collect();
        Ok(postgres)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Runs SQL through `psql` (stops at the first error) and returns its unaligned output.
    pub fn psql(&self, sql: &str) -> Result<String> {
        self.session(&[sql])
    }

    /// Runs several commands in order on one connection (so a transaction can span them).
    fn session(&self, commands: &[&str]) -> Result<String> {
        let mut psql = Command::new("psql");
        psql.envs(self.env.iter().map(|(k, v)| (k, v))).args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"]);
        for command in commands {
            psql.args(["-c", command]);
        }
        let out = psql.output().map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
        }
    }

    /// Runs SQL as PostgREST would for a request with these JWT claims: one transaction, the
    /// claims and the role set locally.
    pub fn as_request(&self, claims: &str, sql: &str) -> Result<String> {
        let role = if claims.contains("\"role\":\"authenticated\"") { "authenticated" } else { "anon" };
        let set_claims = format!("DO $$ BEGIN PERFORM set_config('request.jwt.claims', '{claims}', true); END $$");
        let set_role = format!("SET LOCAL ROLE {role}");
        self.session(&["BEGIN", &set_claims, &set_role, sql, "COMMIT"])
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = Command::new(script()).arg("stop").arg(&self.dir).output();
    }
}
