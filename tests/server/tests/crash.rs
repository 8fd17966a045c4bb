//! A replica whose process is killed (SIGKILL) while it edits and syncs, many times: on
//! restart nothing is lost, nothing is applied twice, the file is sound.
//!
//! The kills are placed by the device's own progress (src/bin/sync-device.rs prints a line for
//! each step it completes), never by elapsed time: on a loaded machine a fixed delay may fall
//! before the device has done anything. A seeded sequence chooses after which line to kill.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};

use eventos_server_tests::Postgres;
use eventos_store::Store;
use eventos_supabase_emulator::{Config, Emulator};

const ACCOUNT: &str = "aa000001-0000-4000-8000-000000000001";
const TAG: &str = "Crash Hall";
/// Runs that stop at the chosen line and wait there to be killed: the point of the kill
/// replays exactly with the seed.
const STOPPED_RUNS: usize = 20;
/// Runs killed once the chosen line has been read, while they carry on: the kill lands
/// somewhere after it, inside a transaction or a request as likely as between them.
const RUNNING_RUNS: usize = 10;

/// How one run ended: the lines it printed (all of them, read to the end after the kill) and
/// whether the kill came before it ended by itself.
struct Run {
    lines: Vec<String>,
    killed: bool,
}

/// Reads the child's progress until `kill_after` lines, kills it (SIGKILL) there, and reads
/// what it printed before it died. A child that ends by itself before that must have finished.
fn run_and_kill(mut child: Child, kill_after: usize) -> Run {
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    while lines.len() < kill_after {
        let mut line = String::new();
        if stdout.read_line(&mut line).unwrap() == 0 {
            break;
        }
        lines.push(line.trim_end().to_owned());
    }
    let killed = lines.len() == kill_after;
    if killed {
        child.kill().unwrap(); // SIGKILL; the child cannot have ended: it had more to print
    }
    let status = child.wait().unwrap();
    for line in stdout.lines() {
        lines.push(line.unwrap());
    }
    if !killed {
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        assert!(
            status.success() && lines.last().map(String::as_str) == Some("done"),
            "the device ended by itself before line {kill_after} without finishing ({status}): {lines:?}\n{stderr}"
        );
    }
    Run { lines, killed }
}

/// The venue numbers a run reported as committed (`edit <n>`).
fn edits(lines: &[String]) -> impl Iterator<Item = u64> + '_ {
    lines.iter().filter_map(|l| l.strip_prefix("edit ")).map(|n| n.parse().unwrap())
}

/// A line printed from inside a sync (its progress callback): a kill there is mid-sync.
fn inside_a_sync(line: &str) -> bool {
    ["pushed ", "pulled ", "bootstrapped "].iter().any(|p| line.starts_with(p))
}

#[test]
fn killed_mid_sync_many_times_nothing_is_lost_or_doubled() {
    let pg = Postgres::start().unwrap();
    let emulator = Emulator::start(Config::new(pg.connection_string())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("eventos.db");
    // The device process, making `edits` edits, stopping after `stop_after` lines if given.
    let device = |edits: usize, stop_after: Option<usize>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_sync-device"));
        command
            .args([
                db.to_str().unwrap(),
                emulator.url(),
                emulator.anon_key(),
                "organizer@demo.eventos.test",
                ACCOUNT,
                TAG,
            ])
            .arg(edits.to_string())
            .args(stop_after.map(|n| n.to_string()))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    };
    // A fixed sequence of kill points (progress lines), so a failure replays. A run of 40
    // edits prints about 100 lines: every run is killed before it ends.
    let mut state: u64 = 0x5eed;
    let mut next_kill = || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        1 + ((state >> 33) % 60) as usize
    };
    let mut reported: Vec<u64> = Vec::new();
    let mut killed_inside_a_sync = 0;
    for _ in 0..STOPPED_RUNS {
        let kill_after = next_kill();
        let run = run_and_kill(device(40, Some(kill_after)).spawn().unwrap(), kill_after);
        assert!(run.killed, "a run stopped at line {kill_after} ended instead: {:?}", run.lines);
        assert_eq!(run.lines.len(), kill_after, "a stopped run prints nothing after its line");
        killed_inside_a_sync += usize::from(run.lines.last().is_some_and(|l| inside_a_sync(l)));
        reported.extend(edits(&run.lines));
    }
    for _ in 0..RUNNING_RUNS {
        let kill_after = next_kill();
        let run = run_and_kill(device(40, None).spawn().unwrap(), kill_after);
        reported.extend(edits(&run.lines));
    }
    // A last run that is left to finish: everything still waiting goes up.
    let last = device(1, None).output().unwrap();
    let last_lines: Vec<String> = String::from_utf8_lossy(&last.stdout).lines().map(str::to_owned).collect();
    assert!(
        last.status.success() && last_lines.last().map(String::as_str) == Some("done"),
        "the last run failed: {last_lines:?}\n{}",
        String::from_utf8_lossy(&last.stderr)
    );
    reported.extend(edits(&last_lines));
    eprintln!(
        "{} runs killed, {killed_inside_a_sync} of the {STOPPED_RUNS} stopped ones inside a sync; {} edits reported",
        STOPPED_RUNS + RUNNING_RUNS,
        reported.len()
    );
    // The seeded points are what make this a crash test: most runs die with work in hand, and
    // several of them inside a sync, between its steps.
    assert!(killed_inside_a_sync >= 3, "only {killed_inside_a_sync} of the stopped runs were killed inside a sync");

    let store = Store::open(&db).unwrap();
    let integrity: String = store.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    assert_eq!(store.outbox().unwrap(), [], "every local edit went up");

    // Names are made from the local count, so a lost or doubled insert shows as a gap or a twin.
    let local: Vec<String> = {
        let mut stmt = store
            .connection()
            .prepare("SELECT name || '|' || coalesce(city, '') FROM venues WHERE name GLOB ?1 ORDER BY id")
            .unwrap();
        stmt.query_map([format!("{TAG} *")], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    };
    let numbers: BTreeSet<u64> =
        local.iter().map(|v| v.split('|').next().unwrap()[TAG.len() + 1..].parse().unwrap()).collect();
    assert_eq!(numbers.len(), local.len(), "no venue number twice: {local:?}");
    assert_eq!(numbers, (0..local.len() as u64).collect(), "no venue number missing: {local:?}");
    // Every edit a device reported committed survived the kills that came after it.
    let reported: BTreeSet<u64> = reported.into_iter().collect();
    assert!(reported.len() > 25, "the runs reported only {} edits", reported.len());
    let lost: Vec<_> = reported.difference(&numbers).collect();
    assert!(lost.is_empty(), "edits reported committed are gone: {lost:?}");

    let server = pg
        .psql(&format!(
            "SELECT string_agg(name || '|' || coalesce(city, ''), E'\\n' ORDER BY id) FROM public.venues WHERE name LIKE '{TAG} %'"
        ))
        .unwrap();
    assert_eq!(server, local.join("\n"), "the server holds exactly the replica's venues");
    let distinct = pg
        .psql(&format!("SELECT count(DISTINCT name) = count(*) FROM public.venues WHERE name LIKE '{TAG} %'"))
        .unwrap();
    assert_eq!(distinct, "t", "no venue was made twice");
}
