//! The sync contract over HTTP, exactly as the desktop client calls it: GoTrue's
//! `/auth/v1/token`, PostgREST's `/rest/v1/<table>` and `/rest/v1/rpc/{sync_cursor,
//! pull_changes, push_changes}` with the project's `apikey` and the user's bearer token.
//!
//! Two targets, the same tests:
//! - by default a fresh seeded Supabase-like Postgres (`Postgres::start()`) behind the in-process
//!   emulator (test infrastructure), one per test;
//! - with `SUPABASE_URL` and `SUPABASE_ANON_KEY` set (and `EVENTOS_TEST_PASSWORD`, by default
//!   `eventos-demo`), a real Supabase project with `supabase/migrations` and `supabase/seed.sql`
//!   applied. Then the tests use HTTP only (no SQL), make their rows with fresh ids, delete them
//!   afterwards where row-level security lets them, and tolerate other runs writing at the same
//!   time. The tests of one run share that project and run in parallel.
//!
//! They rely only on the seed's fixed ids (its header), never on what a run left behind.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use eventos_model::timestamp;
use eventos_server_tests::Postgres;
use eventos_supabase_emulator::time::OffsetDateTime;
use eventos_supabase_emulator::{Config, Emulator};
use serde_json::{Value, json};

/// The seed's fixed ids (supabase/seed.sql, header).
const DEMO_ACCOUNT: &str = "aa000001-0000-4000-8000-000000000001";
/// The live event: door@ works its door ('registration' on its team).
const LIVE_EVENT: &str = "e0000001-0000-4000-8000-000000000001";
const LIVE_EVENT_TICKETS: [&str; 6] = [
    "50000001-0000-4000-8000-000000000001",
    "50000002-0000-4000-8000-000000000002",
    "50000003-0000-4000-8000-000000000003",
    "50000004-0000-4000-8000-000000000004",
    "50000005-0000-4000-8000-000000000005",
    "50000006-0000-4000-8000-000000000006",
];
const OWNER: &str = "owner@demo.eventos.test";
const ORGANIZER: &str = "organizer@demo.eventos.test";
const SALES: &str = "sales@demo.eventos.test";
const DOOR: &str = "door@demo.eventos.test";
const DOOR_ID: &str = "10000005-0000-4000-8000-000000000005";

// ---------------------------------------------------------------------------------------------
// The target
// ---------------------------------------------------------------------------------------------

/// A real project's settings, from the environment; `None` when the run is local. Setting only
/// one of the two variables is a mistake, not a local run.
fn real_project_settings() -> Option<(String, String, String)> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    match (var("SUPABASE_URL"), var("SUPABASE_ANON_KEY")) {
        (Some(url), Some(key)) => {
            let password = var("EVENTOS_TEST_PASSWORD").unwrap_or_else(|| "eventos-demo".to_owned());
            Some((url.trim_end_matches('/').to_owned(), key, password))
        }
        (None, None) => None,
        (url, _) => panic!(
            "set both SUPABASE_URL and SUPABASE_ANON_KEY to test a real Supabase project, or neither to test \
             locally (only {} is set)",
            if url.is_some() { "SUPABASE_URL" } else { "SUPABASE_ANON_KEY" }
        ),
    }
}

/// The local target's parts; the emulator is declared first so that it stops before the
/// database does.
struct Local {
    emulator: Emulator,
    pg: Postgres,
}

/// Where the tests send their requests: a Supabase project's URL and anon key, and the demo
/// users' password.
struct Target {
    url: String,
    anon_key: String,
    password: String,
    agent: ureq::Agent,
    /// How long a pull may have to wait for a committed change: on a real project other
    /// sessions' transactions can hold the pull horizon back for a moment; locally nothing runs
    /// but the test, so the first pull must already see it.
    horizon_wait: Duration,
    local: Option<Local>,
}

/// A signed-in user, as GoTrue's password or refresh grant answered.
#[derive(Clone, Debug)]
struct Session {
    access_token: String,
    refresh_token: String,
    user_id: String,
}

/// One HTTP answer: status, headers, and the body as JSON (`Null` when empty, a JSON string
/// when the body is not JSON).
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    json: Value,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body, after checking the status.
    fn expect(self, status: u16, what: &str) -> Value {
        assert_eq!(self.status, status, "{what}: {self:#?}");
        self.json
    }

    /// The body of a 200 answer that holds an array.
    fn rows(self, what: &str) -> Vec<Value> {
        match self.expect(200, what) {
            Value::Array(rows) => rows,
            other => panic!("{what}: not an array: {other}"),
        }
    }
}

impl Target {
    /// The real project when its variables are set, else a fresh local one.
    fn start() -> Target {
        match real_project_settings() {
            Some((url, anon_key, password)) => {
                Target { url, anon_key, password, agent: agent(), horizon_wait: Duration::from_secs(30), local: None }
            }
            None => {
                let pg = Postgres::start().unwrap();
                let emulator = Emulator::start(Config::new(pg.connection_string())).unwrap();
                Target {
                    url: emulator.url().to_owned(),
                    anon_key: emulator.anon_key().to_owned(),
                    password: "eventos-demo".to_owned(),
                    agent: agent(),
                    horizon_wait: Duration::ZERO,
                    local: Some(Local { emulator, pg }),
                }
            }
        }
    }

    fn is_real(&self) -> bool {
        self.local.is_none()
    }

    /// One request to `base` (this target, or another emulator on the same database) with the
    /// `apikey` header, a bearer token if given, and a JSON body if given.
    #[allow(clippy::too_many_arguments)]
    fn call_at(
        &self,
        base: &str,
        api_key: &str,
        method: &str,
        path: &str,
        bearer: Option<&str>,
        body: Option<&Value>,
        prefer: Option<&str>,
    ) -> Reply {
        let url = format!("{base}{path}");
        let mut headers = vec![("apikey".to_owned(), api_key.to_owned()), ("Accept".into(), "application/json".into())];
        if let Some(token) = bearer {
            headers.push(("Authorization".into(), format!("Bearer {token}")));
        }
        if let Some(prefer) = prefer {
            headers.push(("Prefer".into(), prefer.to_owned()));
        }
        let result = match body {
            None => {
                let mut request = match method {
                    "GET" => self.agent.get(&url),
                    "DELETE" => self.agent.delete(&url),
                    _ => panic!("{method} without a body"),
                };
                for (k, v) in &headers {
                    request = request.header(k, v);
                }
                request.call()
            }
            Some(body) => {
                let mut request = match method {
                    "POST" => self.agent.post(&url),
                    "PATCH" => self.agent.patch(&url),
                    _ => panic!("{method} with a body"),
                };
                request = request.header("Content-Type", "application/json");
                for (k, v) in &headers {
                    request = request.header(k, v);
                }
                request.send(body.to_string())
            }
        };
        let mut response = result.unwrap_or_else(|e| panic!("{method} {url}: {e}"));
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        let text = response.body_mut().read_to_string().unwrap();
        let json =
            if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
        Reply { status: response.status().as_u16(), headers, json }
    }

    fn call(
        &self,
        method: &str,
        path: &str,
        bearer: Option<&str>,
        body: Option<&Value>,
        prefer: Option<&str>,
    ) -> Reply {
        self.call_at(&self.url, &self.anon_key, method, path, bearer, body, prefer)
    }

    /// `POST /auth/v1/token?grant_type=password` with the demo password.
    fn sign_in(&self, email: &str) -> Session {
        let body = json!({"email": email, "password": self.password});
        let answer = self
            .call("POST", "/auth/v1/token?grant_type=password", None, Some(&body), None)
            .expect(200, &format!("sign in as {email}"));
        session_of(&answer)
    }

    /// `POST /auth/v1/token?grant_type=refresh_token`.
    fn refresh(&self, refresh_token: &str) -> Reply {
        let body = json!({"refresh_token": refresh_token});
        self.call("POST", "/auth/v1/token?grant_type=refresh_token", None, Some(&body), None)
    }

    fn get(&self, who: &Session, path: &str) -> Reply {
        self.call("GET", path, Some(&who.access_token), None, None)
    }

    fn patch(&self, who: &Session, path: &str, body: &Value) -> Reply {
        self.call("PATCH", path, Some(&who.access_token), Some(body), None)
    }

    fn post(&self, who: &Session, path: &str, body: &Value, prefer: &str) -> Reply {
        self.call("POST", path, Some(&who.access_token), Some(body), Some(prefer))
    }

    fn delete(&self, who: &Session, path: &str) -> Reply {
        self.call("DELETE", path, Some(&who.access_token), None, None)
    }

    /// `POST /rest/v1/rpc/<function>` with named arguments.
    fn rpc(&self, who: &Session, function: &str, args: &Value) -> Reply {
        self.call("POST", &format!("/rest/v1/rpc/{function}"), Some(&who.access_token), Some(args), None)
    }

    /// `rpc/sync_cursor`: the cursor a bootstrap takes before it reads.
    fn sync_cursor(&self, who: &Session) -> String {
        let cursor = self.rpc(who, "sync_cursor", &json!({})).expect(200, "sync_cursor");
        let cursor = cursor.as_str().unwrap_or_else(|| panic!("sync_cursor is not a string: {cursor}")).to_owned();
        assert!(is_cursor(&cursor), "sync_cursor answered {cursor:?}");
        cursor
    }

    /// One `rpc/pull_changes` page.
    fn pull(&self, who: &Session, cursor: &str, scopes: &Value, limit: u32) -> Value {
        let page = self
            .rpc(who, "pull_changes", &json!({"cursor": cursor, "scopes": scopes, "limit": limit}))
            .expect(200, "pull_changes");
        for key in ["changes", "next", "has_more", "lost_scopes"] {
            assert!(page.get(key).is_some(), "pull_changes answered without {key}: {page}");
        }
        assert!(is_cursor(page["next"].as_str().unwrap()), "{page}");
        page
    }

    /// Pulls as the client does (until `has_more` is false) and again, while the target's
    /// horizon wait allows, until `arrived` holds for everything pulled; returns it all.
    fn pull_until(
        &self,
        who: &Session,
        cursor: &str,
        scopes: &Value,
        arrived: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        let deadline = Instant::now() + self.horizon_wait;
        let (mut changes, mut cursor) = (Vec::new(), cursor.to_owned());
        loop {
            loop {
                let page = self.pull(who, &cursor, scopes, 100);
                changes.extend(page["changes"].as_array().unwrap().iter().cloned());
                cursor = page["next"].as_str().unwrap().to_owned();
                if page["has_more"] == false {
                    break;
                }
            }
            if arrived(&changes) || Instant::now() >= deadline {
                return changes;
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    }

    /// An access token that has already expired, when the target can make one: the local target
    /// signs in through a second emulator on the same database whose tokens live -60 s. A real
    /// project's tokens live an hour, and its secret is not ours to sign with.
    fn expired_access_token(&self, email: &str) -> Option<String> {
        let local = self.local.as_ref()?;
        let expiring = Emulator::start(Config {
            access_token_ttl: eventos_supabase_emulator::time::Duration::seconds(-60),
            ..Config::new(local.pg.connection_string())
        })
        .unwrap();
        let body = json!({"email": email, "password": self.password});
        let answer = self
            .call_at(
                expiring.url(),
                expiring.anon_key(),
                "POST",
                "/auth/v1/token?grant_type=password",
                None,
                Some(&body),
                None,
            )
            .expect(200, "sign in for an expired token");
        assert_eq!(self.anon_key, local.emulator.anon_key(), "both emulators sign with the same secret");
        Some(session_of(&answer).access_token)
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn session_of(answer: &Value) -> Session {
    let text = |v: &Value| v.as_str().unwrap_or_else(|| panic!("not a GoTrue session: {answer}")).to_owned();
    Session {
        access_token: text(&answer["access_token"]),
        refresh_token: text(&answer["refresh_token"]),
        user_id: text(&answer["user"]["id"]),
    }
}

/// The claims of an access token (not checked: the server does that).
fn claims(access_token: &str) -> Value {
    let payload = access_token.split('.').nth(1).unwrap();
    serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

/// "txid:id", as pull_changes and sync_cursor make them.
fn is_cursor(text: &str) -> bool {
    text.split_once(':')
        .is_some_and(|(txid, id)| [txid, id].iter().all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn now_ms() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis()
}

/// A device clock as the client makes it: this machine's time, a counter, the device's node.
fn hlc(node: &str) -> String {
    format!("{:013}-00000-{node}", now_ms())
}

/// A push change `{change_id, table, op, id, hlc, data}`.
fn change(table: &str, op: &str, id: &str, hlc: &str, data: Value) -> Value {
    json!({"change_id": new_id(), "table": table, "op": op, "id": id, "hlc": hlc, "data": data})
}

fn statuses(results: &Value) -> Vec<&str> {
    results["results"]
        .as_array()
        .unwrap_or_else(|| panic!("push_changes answered without results: {results}"))
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect()
}

fn ids(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|r| r["id"].as_str().unwrap()).collect()
}

/// The changes of one row, in the order they were pulled.
fn changes_of<'c>(changes: &'c [Value], table: &str, id: &str) -> Vec<&'c Value> {
    changes.iter().filter(|c| c["table"] == table && c["id"] == id).collect()
}

/// Rows a test made, deleted when it ends (even when it fails) as the user who made them.
struct Cleanup<'t> {
    target: &'t Target,
    who: Session,
    paths: Vec<String>,
}

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        for path in self.paths.iter().rev() {
            let answer = self.target.delete(&self.who, path);
            if answer.status != 204 && answer.status != 200 {
                let message = format!("cleanup DELETE {path} failed: {answer:?}");
                if std::thread::panicking() {
                    eprintln!("{message}");
                } else {
                    panic!("{message}");
                }
            }
        }
    }
}

/// A box-office sale at the live event made the way the web app makes it (plain inserts by
/// organizer@, child rows without account_id): an order, its attendee and their ticket, with
/// fresh ids. Deleting the order on drop takes the attendee, the ticket and its check-ins with it.
struct Sale<'t> {
    attendee: String,
    ticket: Value,
    _cleanup: Cleanup<'t>,
}

impl<'t> Sale<'t> {
    fn new(target: &'t Target, organizer: &Session) -> Sale<'t> {
        let (order, attendee, ticket) = (new_id(), new_id(), new_id());
        let minimal = "return=minimal";
        let mut cleanup = Cleanup { target, who: organizer.clone(), paths: Vec::new() };
        let order_row = json!({"id": order, "event_id": LIVE_EVENT, "quantity": 1, "unit_price_cents": 0, "payment_status": "paid"});
        target.post(organizer, "/rest/v1/orders", &order_row, minimal).expect(201, "a box-office order");
        cleanup.paths.push(format!("/rest/v1/orders?id=eq.{order}"));
        let short = &attendee[..8];
        let attendee_row = json!({"id": attendee, "order_id": order, "event_id": LIVE_EVENT,
            "full_name": format!("Contract Test {short}"), "email": format!("contract-{short}@example.test")});
        target.post(organizer, "/rest/v1/attendees", &attendee_row, minimal).expect(201, "its attendee");
        let ticket_row = json!({"id": ticket, "event_id": LIVE_EVENT, "order_id": order, "attendee_id": attendee});
        let ticket = target
            .post(organizer, "/rest/v1/tickets", &ticket_row, "return=representation")
            .expect(201, "their ticket");
        let ticket = ticket.as_array().and_then(|rows| rows.first()).cloned().unwrap();
        assert_eq!((ticket["status"].as_str(), ticket["qr_code"].as_str().map(str::len)), (Some("active"), Some(44)));
        Sale { attendee, ticket, _cleanup: cleanup }
    }

    fn ticket_id(&self) -> &str {
        self.ticket["id"].as_str().unwrap()
    }
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

#[test]
fn real_supabase_project() {
    if real_project_settings().is_none() {
        eprintln!(
            "real_supabase_project: SKIPPED, not run against a real Supabase project: SUPABASE_URL and \
             SUPABASE_ANON_KEY are not set, so every contract test ran against a local seeded Postgres behind the \
             in-process Supabase emulator instead. Set both (and EVENTOS_TEST_PASSWORD if the demo users' \
             password is not eventos-demo) to run them against a project with supabase/migrations and \
             supabase/seed.sql applied."
        );
        return;
    }
    // The project is the one the tests expect: our migrations and the demo seed.
    let target = Target::start();
    let owner = target.sign_in(OWNER);
    assert_eq!(owner.user_id, "10000001-0000-4000-8000-000000000001", "the seed's owner@");
    let accounts =
        target.get(&owner, &format!("/rest/v1/accounts?id=eq.{DEMO_ACCOUNT}&select=id,name")).rows("accounts");
    assert_eq!(accounts, [json!({"id": DEMO_ACCOUNT, "name": "EventOS Demo"})]);
    let cursor = target.sync_cursor(&owner);
    let page = target.pull(&owner, &cursor, &json!([{"account_id": DEMO_ACCOUNT}]), 1);
    assert_eq!(page["lost_scopes"], json!([]));
    eprintln!("real_supabase_project: ran against {}", target.url);
}

/// The "Done when": door staff read their event's tickets, and nothing of the CRM or
/// the box office.
#[test]
fn door_staff_read_their_events_tickets_but_not_the_crm() {
    let target = Target::start();
    let door = target.sign_in(DOOR);
    assert_eq!(door.user_id, DOOR_ID);
    assert_eq!(claims(&door.access_token)["role"], "authenticated");

    let tickets = target
        .get(&door, &format!("/rest/v1/tickets?event_id=eq.{LIVE_EVENT}&select=id,ticket_number,status"))
        .rows("the live event's tickets");
    assert!(!tickets.is_empty());
    let seen = ids(&tickets);
    for seeded in LIVE_EVENT_TICKETS {
        assert!(seen.contains(&seeded), "door@ misses ticket {seeded}: {tickets:#?}");
    }
    assert!(tickets.iter().all(|t| t["ticket_number"].as_str().is_some_and(|n| n.starts_with("TKT-"))));
    assert!(tickets.iter().all(|t| t["status"].is_string()));
    // Only that event's: unfiltered, door@ gets the same event's tickets and no other's.
    let all = target.get(&door, "/rest/v1/tickets?select=id,event_id").rows("every ticket door@ sees");
    assert!(all.iter().all(|t| t["event_id"] == LIVE_EVENT), "{all:#?}");

    assert_eq!(target.get(&door, "/rest/v1/crm_organizers?select=id").rows("crm_organizers"), Vec::<Value>::new());
    assert_eq!(target.get(&door, "/rest/v1/orders?select=id").rows("orders"), Vec::<Value>::new());
}

/// A write made by the web app (a plain PATCH through PostgREST, no clocks) is logged by the
/// triggers, stamped with a server clock, and pulled by the desktop.
#[test]
fn a_web_app_patch_arrives_in_the_next_pull_with_a_server_clock() {
    let target = Target::start();
    let organizer = target.sign_in(ORGANIZER);
    let owner = target.sign_in(OWNER);
    let venue = new_id();
    let name = format!("Contract Hall {}", &venue[..8]);
    target
        .post(
            &organizer,
            "/rest/v1/venues",
            &json!({"id": venue, "account_id": DEMO_ACCOUNT, "name": name}),
            "return=minimal",
        )
        .expect(201, "the web app adds a venue");
    let _cleanup =
        Cleanup { target: &target, who: organizer.clone(), paths: vec![format!("/rest/v1/venues?id=eq.{venue}")] };

    let cursor = target.sync_cursor(&owner);
    let city = format!("Oakville {}", &new_id()[..8]);
    let before_patch = now_ms();
    target
        .patch(&organizer, &format!("/rest/v1/venues?id=eq.{venue}"), &json!({"city": city}))
        .expect(204, "the web app's PATCH");

    let scopes = json!([{"account_id": DEMO_ACCOUNT}]);
    let changes = target.pull_until(&owner, &cursor, &scopes, |c| !changes_of(c, "venues", &venue).is_empty());
    let ours = changes_of(&changes, "venues", &venue);
    let last = ours.last().unwrap_or_else(|| panic!("the PATCH did not arrive: {changes:#?}"));
    assert_eq!(last["op"], "upsert", "{last:#}");
    let row = &last["row"];
    assert_eq!((row["id"].as_str(), row["name"].as_str()), (Some(venue.as_str()), Some(name.as_str())));
    assert_eq!(row["city"], city.as_str(), "the new value");
    assert_eq!(row["account_id"], DEMO_ACCOUNT);

    // The server stamped the changed field, and only it, later than the row's insert clock.
    let clocks = &row["_hlc"];
    let city_clock = clocks["city"].as_str().unwrap_or_else(|| panic!("no clock for city: {clocks}"));
    let (millis, rest) = city_clock.split_once('-').unwrap();
    assert!(millis.len() == 13 && millis.bytes().all(|b| b.is_ascii_digit()), "{city_clock}");
    assert!(rest.len() == 12 && rest.ends_with("-server") && rest[..5].bytes().all(|b| b.is_ascii_digit()));
    let skew: u128 = 5 * 60 * 1000;
    let millis: u128 = millis.parse().unwrap();
    assert!(millis + skew >= before_patch && millis <= now_ms() + skew, "a server clock of now: {city_clock}");
    assert!(city_clock > clocks["*"].as_str().unwrap(), "{clocks}");
    assert!(clocks.get("name").is_none(), "an unchanged field keeps no clock of its own: {clocks}");
}

/// Check-ins are facts: two doors' check-ins of one ticket arrive in any order, the earliest
/// one wins, and a replayed batch changes nothing.
#[test]
fn pushed_check_ins_keep_the_earliest_entry_and_a_replay_is_a_duplicate() {
    let target = Target::start();
    let organizer = target.sign_in(ORGANIZER);
    let door = target.sign_in(DOOR);
    let sale = Sale::new(&target, &organizer);
    let qr = sale.ticket["qr_code"].as_str().unwrap();

    let now = OffsetDateTime::now_utc();
    let (earlier, later) = (now - Duration::from_secs(10 * 60), now - Duration::from_secs(5 * 60));
    let scan = |at: OffsetDateTime, node: &str| {
        change(
            "event_checkins",
            "insert",
            &new_id(),
            &hlc(node),
            json!({"event_id": LIVE_EVENT, "attendee_id": sale.attendee, "qr_code_scanned": qr,
                   "check_in_time": timestamp::format(at), "check_in_method": "qr_code", "location": "Contract door"}),
        )
    };
    // Door B scanned later but pushes first.
    let (b, a) = (scan(later, "contract-door-b"), scan(earlier, "contract-door-a"));
    let first = target.rpc(&door, "push_changes", &json!({"changes": [b]})).expect(200, "door B's push");
    assert_eq!(statuses(&first), ["applied"], "{first}");
    let second = target.rpc(&door, "push_changes", &json!({"changes": [a]})).expect(200, "door A's push");
    assert_eq!(statuses(&second), ["applied"], "{second}");
    assert_eq!(second["results"][0]["change_id"], a["change_id"]);

    let ticket_path = format!("/rest/v1/tickets?id=eq.{}&select=status,checked_in_at", sale.ticket_id());
    let check = || {
        let rows = target.get(&door, &ticket_path).rows("the ticket");
        assert_eq!(rows.len(), 1, "{rows:#?}");
        assert_eq!(rows[0]["status"], "used", "{rows:#?}");
        let at = timestamp::parse(rows[0]["checked_in_at"].as_str().unwrap()).unwrap();
        assert_eq!(timestamp::format(at), timestamp::format(earlier), "the earlier entry wins: {rows:#?}");
    };
    check();
    let entries = target
        .get(&door, &format!("/rest/v1/event_checkins?attendee_id=eq.{}&select=id&order=id", sale.attendee))
        .rows("the check-ins");
    let mut expected = vec![a["id"].as_str().unwrap(), b["id"].as_str().unwrap()];
    expected.sort_unstable();
    assert_eq!(ids(&entries), expected, "both facts are kept");

    // The client lost the answers and pushes the same changes again.
    let replay = target.rpc(&door, "push_changes", &json!({"changes": [b, a]})).expect(200, "the replay");
    assert_eq!(statuses(&replay), ["duplicate", "duplicate"], "{replay}");
    assert_eq!(replay["results"][0]["change_id"], b["change_id"]);
    check();
    let again = target
        .get(&door, &format!("/rest/v1/event_checkins?attendee_id=eq.{}&select=id", sale.attendee))
        .rows("the check-ins after the replay");
    assert_eq!(again.len(), 2, "a replay inserts nothing: {again:#?}");
}

/// A bootstrap as the client does it: the cursor first, then the scope's rows page by page in
/// id order (keyset), then incremental pulls from that cursor.
#[test]
fn bootstrap_pages_every_ticket_once_then_pulls_what_changed_after_the_cursor() {
    let target = Target::start();
    let door = target.sign_in(DOOR);
    let organizer = target.sign_in(ORGANIZER);
    let listing = || {
        target
            .get(&door, &format!("/rest/v1/tickets?event_id=eq.{LIVE_EVENT}&select=id&order=id.asc"))
            .rows("the event's tickets in one request")
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };

    let cursor = target.sync_cursor(&door);
    let before = listing();
    const PAGE: usize = 3;
    let (mut paged, mut pages, mut last) = (Vec::<Value>::new(), 0, None::<String>);
    loop {
        let after = last.as_ref().map_or(String::new(), |id| format!("&id=gt.{id}"));
        let page = target
            .get(&door, &format!("/rest/v1/tickets?event_id=eq.{LIVE_EVENT}&order=id.asc{after}&limit={PAGE}"))
            .rows("a snapshot page");
        pages += 1;
        assert!(page.len() <= PAGE, "limit is honoured: {page:#?}");
        assert!(page.iter().all(|t| t["event_id"] == LIVE_EVENT && t["_hlc"].is_object()), "{page:#?}");
        paged.extend(page.iter().cloned());
        if page.len() < PAGE {
            break;
        }
        last = page.last().map(|t| t["id"].as_str().unwrap().to_owned());
        assert!(pages < 10_000, "the pages do not end");
    }
    let after = listing();
    assert!(pages >= 3, "{} tickets in pages of {PAGE} take several pages, took {pages}", paged.len());

    // Every ticket exactly once, in id order. On a real project other runs may add or remove
    // tickets meanwhile: those listed both before and after must be there, nothing else may be.
    let paged_ids: Vec<&str> = ids(&paged);
    assert!(paged_ids.windows(2).all(|w| w[0] < w[1]), "ascending, no ticket twice: {paged_ids:#?}");
    for id in before.iter().filter(|id| after.contains(id)) {
        assert!(paged_ids.contains(&id.as_str()), "ticket {id} was not paged: {paged_ids:#?}");
    }
    assert!(paged_ids.iter().all(|id| before.iter().chain(&after).any(|l| l == id)), "{paged_ids:#?}");
    for seeded in LIVE_EVENT_TICKETS {
        assert!(paged_ids.contains(&seeded), "seeded ticket {seeded} missing");
    }
    if !target.is_real() {
        assert_eq!(paged_ids, before, "locally nothing else writes");
    }

    // A sale made after the cursor arrives through pull_changes of the event scope.
    let sale = Sale::new(&target, &organizer);
    let scopes = json!([{"event_id": LIVE_EVENT}]);
    let changes =
        target.pull_until(&door, &cursor, &scopes, |c| !changes_of(c, "tickets", sale.ticket_id()).is_empty());
    let ticket = changes_of(&changes, "tickets", sale.ticket_id());
    let ticket = ticket.last().unwrap_or_else(|| panic!("the new ticket did not arrive: {changes:#?}"));
    assert_eq!(ticket["op"], "upsert", "{ticket:#}");
    assert_eq!(ticket["row"]["event_id"], LIVE_EVENT);
    assert_eq!(ticket["row"]["qr_code"], sale.ticket["qr_code"]);
    assert_eq!(ticket["row"]["attendee_id"], sale.attendee.as_str());
    let attendee = changes_of(&changes, "attendees", &sale.attendee);
    assert_eq!(attendee.last().map(|c| &c["op"]), Some(&json!("upsert")), "the attendee too: {changes:#?}");
    // Nothing of the CRM reaches door staff.
    assert!(changes.iter().all(|c| c["op"] == "delete" || !c["table"].as_str().unwrap().starts_with("crm_")));
    assert!(changes.iter().all(|c| c["op"] == "delete" || c["table"] != "orders"), "door@ reads no orders");
}

/// Rotating refresh tokens, and what PostgREST says about a bad access token.
#[test]
fn refresh_rotates_the_pair_and_a_bad_access_token_gets_a_postgrest_401() {
    let target = Target::start();
    let first = target.sign_in(SALES);

    let refreshed = target.refresh(&first.refresh_token).expect(200, "refresh");
    let second = session_of(&refreshed);
    // The old token again (the client lost the answer), before anything else: its child is
    // still the session's active token, and GoTrue's refresh grant hands that back, which does
    // not depend on the reuse interval (a wall-clock window: 10 s by default, not ours to set
    // on a real project). Sent at once all the same, in case a real project's GoTrue checks it.
    let retried = target.refresh(&first.refresh_token).expect(200, "the old refresh token again at once");
    let retried = session_of(&retried);
    assert_ne!(second.refresh_token, first.refresh_token, "a new refresh token");
    assert_eq!(second.user_id, first.user_id);
    assert_eq!(claims(&second.access_token)["sub"], first.user_id.as_str());
    assert_eq!(claims(&second.access_token)["session_id"], claims(&first.access_token)["session_id"], "same session");
    let accounts = format!("/rest/v1/accounts?id=eq.{DEMO_ACCOUNT}&select=id");
    assert_eq!(target.get(&second, &accounts).rows("with the new access token").len(), 1);

    assert_eq!(retried.user_id, first.user_id);
    if !target.is_real() {
        // The emulator answers as GoTrue's legacy-token grant does: the active child again,
        // whenever it is asked (so this test holds however slow the run).
        assert_eq!(retried.refresh_token, second.refresh_token, "the active child again, no new token");
    }
    assert_eq!(target.get(&retried, &accounts).rows("with the retried session's token").len(), 1);

    // Bad access tokens: PostgREST's 401 and error body.
    let postgrest_401 = |reply: Reply, code: &str, what: &str| {
        let body = reply.expect(401, what);
        assert_eq!(body["code"], code, "{what}: {body}");
        assert!(body["message"].is_string(), "{what}: {body}");
        assert!(body.get("details").is_some() && body.get("hint").is_some(), "{what}: {body}");
    };
    postgrest_401(target.call("GET", &accounts, Some("not-a-jwt"), None, None), "PGRST301", "a garbage token");
    let mut forged = second.access_token.clone();
    let signature_start = forged.rfind('.').unwrap() + 1;
    let flipped = if forged.as_bytes()[signature_start] == b'A' { "B" } else { "A" };
    forged.replace_range(signature_start..=signature_start, flipped);
    postgrest_401(target.call("GET", &accounts, Some(&forged), None, None), "PGRST301", "a forged signature");
    match target.expired_access_token(SALES) {
        Some(expired) => {
            let reply = target.call("GET", &accounts, Some(&expired), None, None);
            assert_eq!(reply.header("www-authenticate").map(|h| h.contains("JWT expired")), Some(true), "{reply:?}");
            assert_eq!(
                reply.expect(401, "an expired token"),
                json!({"code": "PGRST303", "details": null, "hint": null, "message": "JWT expired"})
            );
        }
        None => eprintln!("expired access token: not checked against a real project (its tokens live an hour)"),
    }
}

/// Errors as the client sees them: status and PostgREST's `{code, message, details, hint}`.
#[test]
fn rpc_errors_come_with_postgrest_statuses_and_bodies() {
    let target = Target::start();
    let door = target.sign_in(DOOR);

    let not_an_array = target.rpc(&door, "push_changes", &json!({"changes": {"change_id": new_id()}}));
    assert_eq!(
        not_an_array.expect(400, "push_changes with an object"),
        json!({"code": "22023", "message": "changes must be a JSON array", "details": null, "hint": null})
    );
    let bad_cursor = target
        .rpc(&door, "pull_changes", &json!({"cursor": "yesterday", "scopes": [], "limit": 10}))
        .expect(400, "pull_changes with a bad cursor");
    assert_eq!(bad_cursor["code"], "22023");
    assert_eq!(bad_cursor["message"], "invalid sync cursor: yesterday");
    assert!(bad_cursor["hint"].as_str().is_some_and(|h| h.contains("sync_cursor")), "{bad_cursor}");

    // Without a bearer token the request runs as anon, who may not call the sync functions.
    for function in ["pull_changes", "push_changes", "sync_cursor"] {
        let args = match function {
            "pull_changes" => json!({"cursor": "0:0", "scopes": [], "limit": 10}),
            "push_changes" => json!({"changes": []}),
            _ => json!({}),
        };
        let anon = target.call("POST", &format!("/rest/v1/rpc/{function}"), None, Some(&args), None);
        let body = anon.expect(401, &format!("{function} as anon"));
        assert_eq!(body["code"], "42501", "{body}");
        assert_eq!(body["message"], format!("permission denied for function {function}"), "{body}");
    }

    let unknown = target.rpc(&door, "contract_no_such_function", &json!({})).expect(404, "an unknown function");
    assert_eq!(unknown["code"], "PGRST202", "{unknown}");
    assert!(unknown["message"].as_str().is_some_and(|m| m.contains("contract_no_such_function")), "{unknown}");
}
