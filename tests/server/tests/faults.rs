//! The randomized run: five devices and the web app edit one account's venues for 1,000 steps,
//! going offline and syncing in random order, while a proxy between the devices and the API
//! drops requests, loses responses after the server committed, sends requests twice, answers
//! 5xx, and hands the API an expired access token. At the end every replica equals the server,
//! and every row made and not deleted is there. Seeded: a failure replays with the same seed
//! (`FAULTS_SEED=…`).
//!
//! Nothing here depends on time: faults are drawn per request from the seed, and access tokens
//! expire when the seed says so (the proxy sends the server a token that has expired, and the
//! server refuses it as it refuses any expired token), not every few seconds of wall clock,
//! which would make the requests, and so the faults, differ from one run to the next.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, PoisonError};

use eventos_server_tests::Postgres;
use eventos_store::{Row, Store};
use eventos_supabase::{Client, Project};
use eventos_supabase_emulator::{Config, Emulator, time};
use serde_json::json;

const ACCOUNT: &str = "aa000001-0000-4000-8000-000000000001";
const DEVICES: usize = 5;
const STEPS: usize = 1000;
/// Syncs a device may try before one goes through the faults (each resumes where the last
/// one stopped); reaching it means something other than the faults is wrong.
const SYNC_TRIES: usize = 500;

/// SplitMix64: small, seeded, the same sequence everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// What the proxy does to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    Pass,
    /// Never reaches the server.
    Drop,
    /// Reaches the server (which commits), but the answer is lost.
    LoseAnswer,
    /// Reaches the server twice; the second answer comes back.
    Twice,
    /// A 503 from the gateway, the server untouched.
    Unavailable,
    /// Reaches the server with an access token that has expired (the server answers 401 "JWT
    /// expired", and the client refreshes): only requests that carry the user's token.
    Expired,
}

/// An HTTP proxy in front of the API that injects faults, chosen by a seeded generator. It
/// never panics: a request it cannot forward gets a 502 (as a drop does) and is counted, so
/// that a broken upstream fails the test with a message instead of hanging it.
struct FaultyProxy {
    url: String,
    faults: Arc<Mutex<Vec<Fault>>>,
    upstream_errors: Arc<Mutex<Vec<String>>>,
    thread: std::thread::JoinHandle<()>,
}

/// One answer from the API: status, headers, body.
type Answer = (u16, Vec<(String, String)>, Vec<u8>);

impl FaultyProxy {
    fn start(upstream: &str, seed: u64, expired_token: String) -> FaultyProxy {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let url = format!("http://{}", server.server_addr().to_ip().unwrap());
        let upstream = upstream.to_owned();
        let faults = Arc::new(Mutex::new(Vec::new()));
        let upstream_errors = Arc::new(Mutex::new(Vec::new()));
        let (seen, errors) = (Arc::clone(&faults), Arc::clone(&upstream_errors));
        let thread = std::thread::spawn(move || {
            let mut rng = Rng(seed);
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .timeout_global(Some(std::time::Duration::from_secs(60)))
                .build()
                .into();
            for mut request in server.incoming_requests() {
                let authorized = request.url().starts_with("/rest/v1/")
                    && request.headers().iter().any(|h| h.field.equiv("Authorization"));
                let fault = match rng.below(100) {
                    0..8 => Fault::Drop,
                    8..16 => Fault::LoseAnswer,
                    16..21 => Fault::Twice,
                    21..26 => Fault::Unavailable,
                    26..30 if authorized => Fault::Expired,
                    _ => Fault::Pass,
                };
                seen.lock().unwrap_or_else(PoisonError::into_inner).push(fault);
                let mut body = Vec::new();
                let read = request.as_reader().read_to_end(&mut body);
                let forward = |body: &[u8], bearer: Option<&str>| -> Result<Answer, String> {
                    let url = format!("{upstream}{}", request.url());
                    let mut builder = ureq::http::Request::builder().method(request.method().as_str()).uri(url);
                    for header in request.headers() {
                        let name = header.field.as_str().as_str();
                        if name.eq_ignore_ascii_case("host") || name.eq_ignore_ascii_case("content-length") {
                            continue;
                        }
                        match bearer {
                            Some(token) if name.eq_ignore_ascii_case("authorization") => {
                                builder = builder.header(name, format!("Bearer {token}"));
                            }
                            _ => builder = builder.header(name, header.value.as_str()),
                        }
                    }
                    let request = builder.body(body.to_vec()).map_err(|e| e.to_string())?;
                    let response = agent.run(request).map_err(|e| e.to_string())?;
                    let status = response.status().as_u16();
                    let headers: Vec<(String, String)> = response
                        .headers()
                        .iter()
                        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
                        .collect();
                    let text = response.into_body().read_to_vec().map_err(|e| e.to_string())?;
                    Ok((status, headers, text))
                };
                let answer = match read {
                    Err(e) => Err(format!("reading the request: {e}")),
                    Ok(_) => match fault {
                        Fault::Drop | Fault::Unavailable => Ok(None),
                        Fault::LoseAnswer => forward(&body, None).map(|_| None),
                        Fault::Twice => forward(&body, None).and_then(|_| forward(&body, None)).map(Some),
                        Fault::Expired => forward(&body, Some(&expired_token)).map(Some),
                        Fault::Pass => forward(&body, None).map(Some),
                    },
                };
                let response = match answer {
                    Ok(Some((status, headers, text))) => {
                        let mut response = tiny_http::Response::from_data(text).with_status_code(status);
                        for (k, v) in headers {
                            if k.eq_ignore_ascii_case("content-length") || k.eq_ignore_ascii_case("transfer-encoding") {
                                continue;
                            }
                            if let Ok(header) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
                                response.add_header(header);
                            }
                        }
                        response
                    }
                    Ok(None) => tiny_http::Response::from_string("gateway fault")
                        .with_status_code(if fault == Fault::Unavailable { 503 } else { 502 }),
                    Err(e) => {
                        let e = format!("{} {}: {e}", request.method(), request.url());
                        errors.lock().unwrap_or_else(PoisonError::into_inner).push(e);
                        tiny_http::Response::from_string("the proxy could not reach the API").with_status_code(502)
                    }
                };
                let _ = request.respond(response);
            }
        });
        FaultyProxy { url, faults, upstream_errors, thread }
    }

    /// What to say when the devices cannot get through: whether the proxy still runs, and the
    /// errors it met forwarding (besides the faults it made on purpose).
    fn health(&self) -> String {
        let errors = self.upstream_errors.lock().unwrap_or_else(PoisonError::into_inner);
        let state = if self.thread.is_finished() { "the proxy has stopped" } else { "the proxy runs" };
        format!(
            "{state}; {} requests could not be forwarded, the last ones: {:?}",
            errors.len(),
            errors.iter().rev().take(3).collect::<Vec<_>>()
        )
    }
}

struct Device {
    _dir: tempfile::TempDir,
    store: Store,
    client: Client,
    online: bool,
}

impl Device {
    /// Signs in (again, if the session ended: a refresh's answer lost for good ends it, as on
    /// the real service) until the proxy lets it through.
    fn sign_in(&mut self) {
        for _ in 0..50 {
            if self.client.sign_in("organizer@demo.eventos.test", "eventos-demo").is_ok() {
                return;
            }
        }
        panic!("could not sign in through the proxy in 50 tries");
    }

    /// One sync; a failure (network, ended session) is what the fault injection is for.
    fn sync(&mut self) -> bool {
        match eventos_sync::sync(&mut self.store, &mut self.client, &mut |_| {}) {
            Ok(_) => true,
            Err(eventos_sync::SyncError::Remote(eventos_sync::RemoteError::Unauthorized(_))) => {
                self.sign_in();
                false
            }
            Err(eventos_sync::SyncError::Remote(_)) => false,
            Err(other) => panic!("sync failed for a reason that is not the network: {other}"),
        }
    }

    /// Syncs until one sync goes through the faults, at most [`SYNC_TRIES`] times.
    /// Returns how many tries it took.
    fn sync_through(&mut self, what: &str, seed: u64, proxy: &FaultyProxy) -> usize {
        for tries in 1..=SYNC_TRIES {
            if self.sync() {
                return tries;
            }
        }
        panic!("{what}: no sync went through in {SYNC_TRIES} tries (FAULTS_SEED={seed}); {}", proxy.health());
    }

    fn venues(&self) -> BTreeSet<String> {
        let mut stmt = self
            .store
            .connection()
            .prepare(
                "SELECT id || '|' || name || '|' || coalesce(city, '') || '|' || coalesce(capacity, '') FROM venues",
            )
            .unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    }
}

#[test]
fn five_devices_and_the_web_converge_through_faults() {
    let seed: u64 = std::env::var("FAULTS_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20_261_122);
    let pg = Postgres::start().unwrap();
    // Tokens that live an hour (GoTrue's default): none expires by itself during the run.
    let emulator = Emulator::start(Config::new(pg.connection_string())).unwrap();
    // An access token that expired an hour ago, signed with the same secret: the one the proxy
    // sends in place of a device's when the seed says the device's has expired.
    let expired_token = {
        let expiring = Emulator::start(Config {
            access_token_ttl: time::Duration::hours(-1),
            ..Config::new(pg.connection_string())
        })
        .unwrap();
        let project = Project { url: expiring.url().to_owned(), anon_key: expiring.anon_key().to_owned() };
        Client::new(project).unwrap().sign_in("organizer@demo.eventos.test", "eventos-demo").unwrap().access_token
    };
    let proxy = FaultyProxy::start(emulator.url(), seed, expired_token);
    let mut rng = Rng(seed ^ 0xdead_beef);

    let mut most_tries = 0;
    let mut devices: Vec<Device> = (0..DEVICES)
        .map(|n| {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open(&dir.path().join("eventos.db")).unwrap();
            store.add_scope(&format!("account:{ACCOUNT}")).unwrap();
            store.set_capture(true).unwrap();
            let client =
                Client::new(Project { url: proxy.url.clone(), anon_key: emulator.anon_key().to_owned() }).unwrap();
            let mut device = Device { _dir: dir, store, client, online: true };
            device.sign_in();
            most_tries = most_tries.max(device.sync_through(&format!("bootstrapping device {n}"), seed, &proxy));
            device
        })
        .collect();

    let owner = pg.psql("SELECT id FROM auth.users WHERE email = 'owner@demo.eventos.test'").unwrap();
    let (mut made, mut deleted) = (BTreeSet::new(), BTreeSet::new());
    let steps = std::env::var("FAULTS_STEPS").ok().and_then(|s| s.parse().ok()).unwrap_or(STEPS);
    let started = std::time::Instant::now();
    for step in 0..steps {
        let d = rng.below(DEVICES as u64) as usize;
        let device = &mut devices[d];
        let known: Vec<String> = device.venues().into_iter().map(|v| v.split('|').next().unwrap().to_owned()).collect();
        match rng.below(100) {
            0..25 => {
                let row: Row = json!({"account_id": ACCOUNT, "name": format!("Step {step}"), "capacity": 10 + step})
                    .as_object()
                    .unwrap()
                    .clone();
                made.insert(device.store.write(|w| w.insert("venues", row)).unwrap());
            }
            25..55 if !known.is_empty() => {
                let id = &known[rng.below(known.len() as u64) as usize];
                let patch = match rng.below(3) {
                    0 => json!({"name": format!("Renamed at {step} on {d}")}),
                    1 => json!({"city": format!("City {step}")}),
                    _ => json!({"capacity": 100 + step}),
                };
                device.store.write(|w| w.update("venues", id, patch.as_object().unwrap().clone())).unwrap();
            }
            55..60 if !known.is_empty() => {
                let id = known[rng.below(known.len() as u64) as usize].clone();
                // Events may point at the venue: the delete sets their venue_id to NULL.
                device.store.write(|w| w.delete("venues", &id)).unwrap();
                deleted.insert(id);
            }
            60..65 if !known.is_empty() => {
                // The web app writes directly (as PostgREST would run it).
                let id = &known[rng.below(known.len() as u64) as usize];
                let _ = pg.as_request(
                    &format!(r#"{{"sub":"{owner}","role":"authenticated"}}"#),
                    &format!("UPDATE public.venues SET city = 'Web {step}' WHERE id = '{id}'"),
                );
            }
            65..72 => device.online = !device.online,
            _ => {
                if device.online {
                    device.sync();
                }
            }
        }
    }

    eprintln!("{steps} steps in {:.1} s", started.elapsed().as_secs_f64());
    // Everyone back online; sync until every outbox is empty, then once more so that each
    // device pulls what the others pushed last.
    for device in &mut devices {
        device.online = true;
    }
    for round in 0.. {
        assert!(round < 100, "the devices did not settle in 100 rounds (FAULTS_SEED={seed}); {}", proxy.health());
        for device in &mut devices {
            device.sync();
        }
        let waiting: i64 = devices.iter().map(|d| d.store.outbox_counts().unwrap().0).sum();
        let failed: Vec<_> =
            devices.iter().flat_map(|d| d.store.outbox().unwrap()).filter(|c| c.error.is_some()).collect();
        // A change to a row another device deleted is refused for good: the user would discard it.
        for change in &failed {
            assert!(
                deleted.contains(&change.row_id),
                "a change was refused although its row was not deleted: {change:?}"
            );
        }
        if waiting == failed.len() as i64 {
            break;
        }
    }
    for (n, device) in devices.iter_mut().enumerate() {
        most_tries = most_tries.max(device.sync_through(&format!("the last sync of device {n}"), seed, &proxy));
    }

    let server: BTreeSet<String> = pg
        .psql(&format!(
            "SELECT id || '|' || name || '|' || coalesce(city, '') || '|' || coalesce(capacity::text, '') \
             FROM public.venues WHERE account_id = '{ACCOUNT}'"
        ))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    for (n, device) in devices.iter().enumerate() {
        assert_eq!(device.venues(), server, "device {n} differs from the server");
        let integrity: String =
            device.store.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok");
    }
    let on_server: BTreeSet<String> = server.iter().map(|v| v.split('|').next().unwrap().to_owned()).collect();
    let expected: BTreeSet<String> = made.difference(&deleted).cloned().collect();
    assert_eq!(
        expected.difference(&on_server).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "rows made and never deleted were lost"
    );
    assert!(on_server.iter().all(|id| !deleted.contains(id)), "a deleted row came back");
    let faults = proxy.faults.lock().unwrap();
    let injected = faults.iter().filter(|f| **f != Fault::Pass).count();
    let expired = faults.iter().filter(|f| **f == Fault::Expired).count();
    eprintln!(
        "{} requests through the proxy, {injected} faults, {expired} expired tokens; a sync took up to {most_tries} tries",
        faults.len()
    );
    assert!(injected > 100, "the proxy injected only {injected} faults in {} requests", faults.len());
    assert!(expired >= 5, "the proxy expired only {expired} access tokens in {} requests", faults.len());
}
