//! A replica whose process is killed (SIGKILL) at random moments while it edits and syncs,
//! many times: on restart nothing is lost, nothing is applied twice, the file is sound.
#![allow(clippy::unwrap_used)]

use std::process::{Command, Stdio};
use std::time::Duration;

use eventos_server_tests::Postgres;
use eventos_store::Store;
use eventos_supabase_emulator::{Config, Emulator};

const ACCOUNT: &str = "aa000001-0000-4000-8000-000000000001";
const TAG: &str = "Crash Hall";

#[test]
fn killed_mid_sync_many_times_nothing_is_lost_or_doubled() {
    let pg = Postgres::start().unwrap();
    let emulator = Emulator::start(Config::new(pg.connection_string())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("eventos.db");
    // The device process, making `edits` edits.
    let device = |edits: usize| {
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
            .arg(edits.to_string());
        command
    };
    // A fixed sequence of kill times (ms), so a failure replays.
    let mut state: u64 = 0x5eed;
    for _ in 0..25 {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let after = Duration::from_millis(50 + (state >> 33) % 700);
        let mut child = device(40).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(after);
        let _ = child.kill(); // SIGKILL; it may have finished already
        child.wait().unwrap();
    }
    // A last run that is left to finish: everything still waiting goes up.
    let last = device(1).output().unwrap();
    assert!(last.status.success(), "the last run failed: {}", String::from_utf8_lossy(&last.stderr));

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
    assert!(local.len() > 25, "the runs made edits ({} venues)", local.len());
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
