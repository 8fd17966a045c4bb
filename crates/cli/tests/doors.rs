//! Door stations on separate hosts: network namespaces joined by veth pairs and a bridge, each
//! running `eventos-cli door` on its own replica, no server anywhere. Needs root and iproute2
//! (CI has both); elsewhere each test says it is skipped.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Hosts of one test: a bridge namespace and one namespace per door (10.77.N.i/24).
struct Net {
    bridge: String,
    doors: Vec<String>,
}

impl Net {
    /// `None` (and a line saying why) where namespaces cannot be made here.
    fn make(tag: &str, doors: usize) -> Option<Net> {
        let id = format!("{}{tag}", std::process::id() % 100_000);
        let net = Net { bridge: format!("eos{id}b"), doors: (1..=doors).map(|i| format!("eos{id}d{i}")).collect() };
        if !ip(&["netns", "add", &net.bridge]) {
            eprintln!("skipped: network namespaces cannot be made here (needs root and iproute2)");
            return None;
        }
        assert!(ip(&["-n", &net.bridge, "link", "add", "br0", "type", "bridge"]));
        assert!(ip(&["-n", &net.bridge, "link", "set", "br0", "up"]));
        let subnet = tag.as_bytes()[0] % 200;
        for (i, ns) in net.doors.iter().enumerate() {
            assert!(ip(&["netns", "add", ns]));
            let (inside, outside) = (format!("v{id}i{i}"), format!("v{id}o{i}"));
            assert!(ip(&[
                "link",
                "add",
                &inside,
                "netns",
                ns,
                "type",
                "veth",
                "peer",
                "name",
                &outside,
                "netns",
                &net.bridge
            ]));
            assert!(ip(&["-n", &net.bridge, "link", "set", &outside, "master", "br0"]));
            assert!(ip(&["-n", &net.bridge, "link", "set", &outside, "up"]));
            assert!(ip(&["-n", ns, "addr", "add", &format!("10.77.{subnet}.{}/24", i + 1), "dev", &inside]));
            assert!(ip(&["-n", ns, "link", "set", &inside, "up"]));
            assert!(ip(&["-n", ns, "link", "set", "lo", "up"]));
        }
        Some(net)
    }

    fn port(&self, door: usize) -> String {
        let ns = &self.doors[door];
        let id = &ns[3..ns.len() - 2];
        format!("v{id}o{door}")
    }

    /// Pulls door's cable out, or puts it back.
    fn cable(&self, door: usize, plugged: bool) {
        assert!(ip(&["-n", &self.bridge, "link", "set", &self.port(door), if plugged { "up" } else { "down" }]));
    }

    /// A guest Wi-Fi: the door's interface takes no multicast, so DNS-SD finds nobody.
    fn block_multicast(&self, door: usize) {
        let ns = &self.doors[door];
        let id = &ns[3..ns.len() - 2];
        assert!(ip(&["-n", ns, "link", "set", &format!("v{id}i{door}"), "multicast", "off"]));
    }
}

impl Drop for Net {
    fn drop(&mut self) {
        for ns in self.doors.iter().chain([&self.bridge]) {
            ip(&["netns", "del", ns]);
        }
    }
}

fn ip(args: &[&str]) -> bool {
    Command::new("ip").args(args).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// One `eventos-cli door` process in a namespace.
struct Door {
    child: Child,
    stdin: ChildStdin,
    verdicts: Receiver<Value>,
    said: Arc<Mutex<Vec<String>>>,
}

impl Door {
    fn start(ns: &str, db: &Path, event: &str, gate: &str, extra: &[&str]) -> Door {
        let mut child = Command::new("ip")
            .args(["netns", "exec", ns, env!("CARGO_BIN_EXE_eventos-cli"), "--db"])
            .arg(db)
            .args(["door", event, "--gate", gate, "--json"])
            .args(extra)
            .env("EVENTOS_SECRET_STORE", "file")
            .env("EVENTOS_DOOR_NAME", format!("{gate} laptop"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let (tx, verdicts) = channel();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                let _ = tx.send(serde_json::from_str(&line).unwrap_or(Value::String(line)));
            }
        });
        let said = Arc::new(Mutex::new(Vec::new()));
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let lines = said.clone();
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line);
            }
        });
        let door = Door { child, stdin, verdicts, said };
        door.wait_said("is open");
        door
    }

    fn scan(&mut self, code: &str) -> Value {
        writeln!(self.stdin, "{code}").unwrap();
        self.verdicts.recv_timeout(Duration::from_secs(60)).unwrap_or_else(|_| panic!("no verdict: {:?}", self.said()))
    }

    fn said(&self) -> Vec<String> {
        self.said.lock().unwrap().clone()
    }

    fn count_said(&self, words: &str) -> usize {
        self.said().iter().filter(|l| l.contains(words)).count()
    }

    fn wait_said(&self, words: &str) -> String {
        let mut found = None;
        wait_for(&format!("a door to say {words:?}"), || {
            found = self.said().into_iter().find(|l| l.contains(words));
            found.is_some()
        });
        found.unwrap()
    }

    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Ctrl+C: the station closes cleanly too (`ip netns exec` runs the CLI in its place).
    fn interrupt(self) {
        let Door { mut child, stdin, said, .. } = self;
        assert!(Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap().success());
        assert!(child.wait().unwrap().success());
        drop(stdin);
        wait_for("the door says it closed", || said.lock().unwrap().iter().any(|l| l.ends_with("closed.")));
    }

    /// End of input: the station closes cleanly.
    fn finish(self) {
        let Door { mut child, stdin, .. } = self;
        drop(stdin);
        assert!(child.wait().unwrap().success());
    }
}

/// Waits for a state the test's own action brings about; the limit only turns a hang into a
/// failure.
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let limit = Instant::now() + Duration::from_secs(90);
    while !done() {
        assert!(Instant::now() < limit, "never happened: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A demo replica per door (the same seed and day: the same events and tickets; each its own
/// computer, with its own node).
fn replicas(dir: &Path, doors: usize) -> Vec<PathBuf> {
    (0..doors)
        .map(|i| {
            let db = dir.join(format!("door{i}/eventos.db"));
            let out = Command::new(env!("CARGO_BIN_EXE_eventos-cli"))
                .env("EVENTOS_SECRET_STORE", "file")
                .arg("--db")
                .arg(&db)
                .args(["demo", "--attendees", "300", "--seed", "16", "--today", "2026-12-07"])
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            db
        })
        .collect()
}

/// The event with the most valid tickets, and their numbers.
fn busiest_event(db: &Path) -> (String, Vec<String>) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let event: String = conn
        .query_row(
            "SELECT event_id FROM tickets WHERE status IN ('active', 'used') GROUP BY event_id ORDER BY count(*) DESC, event_id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut stmt = conn
        .prepare("SELECT ticket_number FROM tickets WHERE event_id = ?1 AND status = 'active' ORDER BY ticket_number")
        .unwrap();
    let tickets = stmt.query_map([&event], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
    (event, tickets)
}

fn checkins(db: &Path, event: &str) -> BTreeSet<String> {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn.prepare("SELECT id FROM event_checkins WHERE event_id = ?1").unwrap();
    stmt.query_map([event], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

fn has_checkin_of(db: &Path, ticket_number: &str) -> bool {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM event_checkins c JOIN tickets t ON t.id = c.ticket_id WHERE t.ticket_number = ?1)",
        [ticket_number],
        |r| r.get(0),
    )
    .unwrap()
}

fn duplicates(db: &Path, event: &str) -> Vec<eventos_store::DuplicateEntry> {
    eventos_store::Store::open_read_only(db).unwrap().duplicate_entries(event).unwrap()
}

/// The event's door key as the replica has it (from the server; here, the demo's).
fn replica_key(db: &Path, event: &str) -> String {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("SELECT door_key FROM event_door_keys WHERE event_id = ?1", [event], |r| r.get(0)).unwrap()
}

/// A replica the event's key has not reached (an event made offline, say): this test's own
/// connection may write past the app's guard, on purpose.
fn forget_key(db: &Path, event: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.create_scalar_function(
        eventos_store::GUARD_FUNCTION,
        0,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8,
        |_| Ok(true),
    )
    .unwrap();
    assert_eq!(conn.execute("DELETE FROM event_door_keys WHERE event_id = ?1", [event]).unwrap(), 1);
}

/// A small deterministic generator, so a failure can be replayed.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn three_doors_on_separate_hosts_agree_through_cuts_and_a_crash() {
    let Some(net) = Net::make("a", 3) else { return };
    let dir = tempfile::tempdir().unwrap();
    let dbs = replicas(dir.path(), 3);
    let (event, tickets) = busiest_event(&dbs[0]);
    let before = checkins(&dbs[0], &event);
    let gates = ["Gate 1", "Gate 2", "Exit 3"];
    // The event's door key came with each replica (the demo's, like the server's).
    assert!(dbs.iter().all(|db| replica_key(db, &event) == replica_key(&dbs[0], &event)));
    let mut doors = vec![Door::start(&net.doors[0], &dbs[0], &event, gates[0], &[])];
    doors.push(Door::start(&net.doors[1], &dbs[1], &event, gates[1], &[]));
    doors.push(Door::start(&net.doors[2], &dbs[2], &event, gates[2], &["--exit"]));
    // DNS-SD alone: each door hears the two others.
    for door in &doors {
        wait_for("every door connected to the two others", || {
            door.said().iter().filter(|l| l.ends_with(" connected")).count() >= 2
        });
    }

    // One ticket at two connected doors: the second says it is already in, and where.
    let twice = &tickets[0];
    assert_eq!(doors[0].scan(twice)["kind"], "admitted");
    wait_for("the check-in reaches door 2", || has_checkin_of(&dbs[1], twice));
    let second = doors[1].scan(twice);
    assert_eq!(second["kind"], "already_checked_in", "{second}");
    assert!(second["detail"].as_str().unwrap().contains("at Gate 1"), "{second}");
    let mut recorded = 1;

    // 1,000 scans at random doors. Every 100 scans one of the entry doors loses its cable for
    // 50 scans (the others wait to see it gone, so what it checks in meanwhile must catch up
    // when it is back); the exit door's process is killed at 400 and started again at 600.
    let mut dice = Dice(0x5eed_0016);
    let mut cut: Option<usize> = None;
    for scan in 0..1000 {
        let witness =
            |doors: &[Door], not: usize| doors.iter().enumerate().find(|(i, _)| *i != not).map(|(i, _)| i).unwrap();
        match scan {
            400 => {
                let seen = doors[0].count_said("Exit 3 (Exit 3 laptop) gone");
                doors.pop().unwrap().kill();
                wait_for("the doors see the exit door gone", || {
                    doors[0].count_said("Exit 3 (Exit 3 laptop) gone") > seen
                });
            }
            600 => {
                let seen = doors[0].count_said("Exit 3 (Exit 3 laptop) connected");
                doors.push(Door::start(&net.doors[2], &dbs[2], &event, gates[2], &["--exit"]));
                wait_for("the exit door back", || doors[0].count_said("Exit 3 (Exit 3 laptop) connected") > seen);
            }
            s if s % 100 == 25 => {
                let door = dice.below(2);
                let words = format!("{} ({} laptop) gone", gates[door], gates[door]);
                let other = witness(&doors, door);
                let seen = doors[other].count_said(&words);
                net.cable(door, false);
                wait_for("the others see the door gone", || doors[other].count_said(&words) > seen);
                cut = Some(door);
            }
            s if s % 100 == 75 => {
                let door = cut.take().unwrap();
                let words = format!("{} ({} laptop) connected", gates[door], gates[door]);
                let other = witness(&doors, door);
                let seen = doors[other].count_said(&words);
                net.cable(door, true);
                wait_for("the door back in the exchange", || doors[other].count_said(&words) > seen);
            }
            _ => {}
        }
        let door = dice.below(doors.len());
        let ticket = &tickets[dice.below(tickets.len().min(120))];
        let verdict = doors[door].scan(ticket);
        let kind = verdict["kind"].as_str().unwrap_or_default().to_owned();
        assert!(
            ["admitted", "exited", "already_checked_in", "not_inside"].contains(&kind.as_str()),
            "door {door}: {verdict}"
        );
        recorded += usize::from(kind == "admitted" || kind == "exited");
    }

    let expected = before.len() + recorded;
    wait_for("every door holds every check-in", || dbs.iter().all(|db| checkins(db, &event).len() == expected));
    let sets: Vec<_> = dbs.iter().map(|db| checkins(db, &event)).collect();
    assert!(sets.windows(2).all(|w| w[0] == w[1]));
    let reports: Vec<_> = dbs.iter().map(|db| duplicates(db, &event)).collect();
    eprintln!("{recorded} check-ins recorded, {} duplicate entries on every door", reports[0].len());
    assert!(reports.windows(2).all(|w| w[0] == w[1]), "the doors' duplicate reports differ");
    for door in doors {
        door.finish();
    }
}

#[test]
fn doors_that_cannot_see_each_other_pair_by_code() {
    let Some(net) = Net::make("p", 2) else { return };
    net.block_multicast(0);
    net.block_multicast(1);
    let dir = tempfile::tempdir().unwrap();
    let dbs = replicas(dir.path(), 2);
    let (event, tickets) = busiest_event(&dbs[0]);
    forget_key(&dbs[1], &event);
    let mut first = Door::start(&net.doors[0], &dbs[0], &event, "Main", &["--pairing-code"]);
    let line = first.wait_said("Pairing code");
    let code = line.rsplit(": ").next().unwrap().to_owned();
    let mut second = Door::start(&net.doors[1], &dbs[1], &event, "Side", &["--pair", &code]);
    second.wait_said("Main (Main laptop) connected");
    first.wait_said("Side (Side laptop) connected");

    assert_eq!(first.scan(&tickets[1])["kind"], "admitted");
    wait_for("the check-in crosses", || has_checkin_of(&dbs[1], &tickets[1]));
    assert_eq!(second.scan(&tickets[1])["kind"], "already_checked_in");
    // The key came with the code and was kept: the second door, whose replica had none, holds
    // the first's (the server's) for next time.
    let kept = std::fs::read_to_string(dbs[1].parent().unwrap().join(format!("door-key-{event}.secret"))).unwrap();
    assert_eq!(kept, replica_key(&dbs[0], &event));
    first.finish();
    second.interrupt();
}
