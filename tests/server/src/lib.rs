//! A throwaway Supabase-like PostgreSQL for tests (`scripts/local-supabase.sh`), stopped and
//! removed when dropped, and `psql` to talk to it. Test infrastructure only.

mod cable;
mod device;
pub mod doors;

pub use cable::Cable;
pub use device::Device;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

pub type Result<T, E = String> = std::result::Result<T, E>;

/// Polls `found` until it returns something, failing the test after a minute (patient: a
/// loaded machine, a debug build); `what` names what never came. For waiting on an event the
/// test cannot be told of — never a fixed sleep.
pub fn wait_until<T>(what: &str, mut found: impl FnMut() -> Option<T>) -> T {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        if let Some(value) = found() {
            return value;
        }
        assert!(std::time::Instant::now() < deadline, "waited a minute, never {what}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

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
        let out = Command::new(script()).arg("db").arg(&dir).output().map_err(|e| e.to_string())?;
        let mut postgres = Postgres { dir, env: Vec::new() };
        if !out.status.success() {
            return Err(format!("local-supabase.sh db failed: {}", String::from_utf8_lossy(&out.stderr)));
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

    /// A libpq URL for the cluster, as its superuser (for clients other than psql).
    pub fn connection_string(&self) -> String {
        let get = |key: &str| self.env.iter().find(|(k, _)| k == key).map_or("", |(_, v)| v.as_str());
        format!("postgresql://{}@{}:{}/{}", get("PGUSER"), get("PGHOST"), get("PGPORT"), get("PGDATABASE"))
    }

    /// Runs SQL through `psql` (stops at the first error) and returns its unaligned output.
    pub fn psql(&self, sql: &str) -> Result<String> {
        self.run_commands(&[sql])
    }

    /// Runs several commands in order on one connection (so a transaction can span them).
    fn run_commands(&self, commands: &[&str]) -> Result<String> {
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
        self.run_commands(&["BEGIN", &set_claims, &set_role, sql, "COMMIT"])
    }
}

/// A psql connection kept open between commands, so a test can hold a transaction open while
/// others commit.
pub struct Session {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

const END_OF_COMMAND: &str = "--end-of-command--";

impl Postgres {
    pub fn open_session(&self) -> Result<Session> {
        let mut child = Command::new("psql")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=0"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
        let input = child.stdin.take().ok_or("psql has no stdin")?;
        let output = BufReader::new(child.stdout.take().ok_or("psql has no stdout")?);
        Ok(Session { child, input, output })
    }
}

impl Session {
    /// Runs one command and waits for it; returns its output, or the error's message.
    pub fn run(&mut self, sql: &str) -> Result<String> {
        // psql's ERROR and LAST_ERROR_MESSAGE variables tell how the command ended.
        writeln!(self.input, "{sql};\n\\echo {END_OF_COMMAND} :ERROR :LAST_ERROR_MESSAGE")
            .and_then(|()| self.input.flush())
            .map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        loop {
            let mut line = String::new();
            if self.output.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
                return Err("psql ended".into());
            }
            if let Some(status) = line.trim_end().strip_prefix(END_OF_COMMAND) {
                return match status.trim().split_once(' ') {
                    Some(("true", message)) => Err(message.to_owned()),
                    _ => Ok(out.join("\n")),
                };
            }
            out.push(line.trim_end().to_owned());
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = Command::new(script()).arg("stop").arg(&self.dir).output();
    }
}

/// One published event of the demo account with `rows` paid orders, attendees and tickets
/// (made through the real tables: triggers and change log on), and door@ on its team. For
/// benchmarks.
pub struct BigEvent {
    pub event: String,
    pub account: String,
    pub owner: String,
    pub door: String,
}

pub fn big_event(pg: &Postgres, rows: u32) -> BigEvent {
    let one = |sql: &str| pg.psql(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    let owner = one("SELECT id FROM auth.users WHERE email = 'owner@demo.eventos.test'");
    let door = one("SELECT id FROM auth.users WHERE email = 'door@demo.eventos.test'");
    let account = one("SELECT id FROM public.accounts WHERE name = 'EventOS Demo'");
    let event = "0000b0b0-0000-4000-8000-000000000001".to_owned();
    // Ids differ in their first 8 digits: order and ticket numbers are made from them.
    let id = |tag: &str| format!("(lpad(to_hex(n), 8, '0') || '-{tag}-4000-8000-000000000000')::uuid");
    let (order, attendee, ticket) = (id("b0b1"), id("b0b2"), id("b0b3"));
    one(&format!(
        "INSERT INTO public.events (id, account_id, organizer_id, name, type, start_at, end_at, capacity, status) \
         VALUES ('{event}', '{account}', '{owner}', 'Benchmark Expo', 'conference', now(), now() + interval '8 hours', 10000, 'published');
         INSERT INTO public.event_teams (event_id, member_id, role) VALUES ('{event}', '{door}', 'registration');
         INSERT INTO public.orders (id, event_id, quantity, unit_price_cents, total_cents, payment_status)
           SELECT {order}, '{event}', 1, 5000, 5000, 'paid' FROM generate_series(1, {rows}) n;
         INSERT INTO public.attendees (id, order_id, event_id, full_name, email)
           SELECT {attendee}, {order}, '{event}', 'Guest ' || n, 'guest' || n || '@example.com' FROM generate_series(1, {rows}) n;
         INSERT INTO public.tickets (id, event_id, order_id, attendee_id)
           SELECT {ticket}, '{event}', {order}, {attendee} FROM generate_series(1, {rows}) n;
         ANALYZE;"
    ));
    BigEvent { event, account, owner, door }
}
