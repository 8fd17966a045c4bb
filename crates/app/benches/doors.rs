//! Doors talking to each other, through the app facade on the demo fixture (100k attendees unless
//! `EVENTOS_BENCH_ATTENDEES` says), three door laptops in one process with their exchanges on
//! this computer's network stack (real sockets, real encryption; separate hosts are the test's,
//! `tests/server/tests/doors.rs`):
//! - a check-in reaching the other door: from its verdict at one door to its row in the other
//!   door's replica (bar: p95 ≤ 500 ms);
//! - the CPU an idle exchange costs (two doors connected, nothing scanned, for 10 s);
//! - a door that was away catching up 10,000 check-ins it missed.
//!
//! `cargo bench -p eventos-app --bench doors` (`make bench-doors`).
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use eventos_app::App;
use eventos_app::door::{DoorMode, DoorScan, DoorSetup, ScanMethod, VerdictKind};
use eventos_app::sync::SessionStore;
use rusqlite::{Connection, OpenFlags};

#[path = "support/fixture.rs"]
mod fixture;
// Its `timed` is for operations timed alone; these wait for another door.
#[allow(dead_code)]
#[path = "../../demo/benches/support/percentiles.rs"]
mod percentiles;
use percentiles::percentiles;

const LATENCY_SCANS: usize = 400;
const CATCH_UP: usize = 10_000;

struct Door {
    dir: tempfile::TempDir,
    app: App,
    setup: DoorSetup,
}

impl Door {
    fn new(gate: &str) -> Door {
        let (dir, _) = fixture::connected_demo(|_| "00000000-0000-4000-8000-000000000001".into());
        let app = App::open_with(dir.path(), SessionStore::File);
        let event_id = read(dir.path())
            .query_row(
                "SELECT event_id FROM tickets WHERE status = 'active' GROUP BY event_id ORDER BY count(*) DESC, event_id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        Door { dir, app, setup: DoorSetup { event_id, gate: gate.into(), mode: DoorMode::Entry, session_id: None } }
    }

    fn scan(&mut self, ticket: &str, mode: DoorMode) -> VerdictKind {
        let door = DoorSetup { mode, ..self.setup.clone() };
        self.app.check_in(&DoorScan { door, method: ScanMethod::Manual, payload: ticket.into() }).unwrap().kind
    }

    fn checkins(&self) -> i64 {
        read(self.dir.path())
            .query_row("SELECT count(*) FROM event_checkins WHERE event_id = ?1", [&self.setup.event_id], |r| r.get(0))
            .unwrap()
    }
}

fn read(dir: &Path) -> Connection {
    Connection::open_with_flags(dir.join("eventos.db"), OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let limit = Instant::now() + Duration::from_secs(120);
    while !done() {
        assert!(Instant::now() < limit, "never happened: {what}");
        std::thread::sleep(Duration::from_micros(500));
    }
}

/// This process's CPU time (user + system), from /proc.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap().split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    Duration::from_millis(ticks * 10)
}

fn main() {
    let mut a = Door::new("Gate A");
    let mut b = Door::new("Gate B");
    let tickets: Vec<String> = {
        let db = read(a.dir.path());
        let mut stmt = db
            .prepare(
                "SELECT ticket_number FROM tickets WHERE event_id = ?1 AND status = 'active' ORDER BY ticket_number",
            )
            .unwrap();
        stmt.query_map([&a.setup.event_id], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    };
    eprintln!("{} active tickets at the busiest event", tickets.len());
    a.app.open_exchange(&a.setup.clone()).unwrap();
    b.app.open_exchange(&b.setup.clone()).unwrap();
    let code = a.app.exchange_pairing_code().unwrap();
    b.app.exchange_pair(&code.text).unwrap();
    wait_for("a and b connected", || b.app.exchange().unwrap().peers.iter().any(|p| p.connected));

    // A check-in reaching the other door, both ways in turn.
    let mut samples = Vec::with_capacity(LATENCY_SCANS);
    for (i, ticket) in tickets.iter().take(LATENCY_SCANS).enumerate() {
        let (from, to) = if i % 2 == 0 { (&mut a, &b) } else { (&mut b, &a) };
        let before = to.checkins();
        assert_eq!(from.scan(ticket, DoorMode::Entry), VerdictKind::Admitted);
        let decided = Instant::now();
        wait_for("the other door holds the check-in", || to.checkins() > before);
        samples.push(decided.elapsed());
    }
    percentiles("check-in reaches the other door", samples);

    // An idle exchange: two doors connected, pinging every second.
    let idle = Duration::from_secs(10);
    let (cpu, wall) = (cpu_time(), Instant::now());
    std::thread::sleep(idle);
    let used = cpu_time() - cpu;
    println!(
        "idle exchange, two doors          {:.2} % of one core for both ({} ms of CPU in {:.1} s)",
        used.as_secs_f64() * 100.0 / wall.elapsed().as_secs_f64(),
        used.as_millis(),
        wall.elapsed().as_secs_f64()
    );

    // A third door, away while 10,000 check-ins happen, then back.
    let mut c = Door::new("Gate C");
    let target = a.checkins() + CATCH_UP as i64;
    let started = Instant::now();
    let mut made = 0;
    'rounds: loop {
        for mode in [DoorMode::Exit, DoorMode::Entry] {
            for ticket in &tickets {
                if matches!(a.scan(ticket, mode), VerdictKind::Admitted | VerdictKind::Exited) {
                    made += 1;
                    if made == CATCH_UP {
                        break 'rounds;
                    }
                }
            }
        }
    }
    eprintln!("{CATCH_UP} check-ins made at door A in {:.1} s", started.elapsed().as_secs_f64());
    wait_for("b holds them too", || b.checkins() == target);
    let started = Instant::now();
    c.app.open_exchange(&c.setup.clone()).unwrap();
    let code = a.app.exchange_pairing_code().unwrap();
    c.app.exchange_pair(&code.text).unwrap();
    wait_for("c caught up", || c.checkins() >= target);
    println!(
        "a door back after 10,000 check-ins catches up in {:.2} s (from opening its exchange)",
        started.elapsed().as_secs_f64()
    );
}
