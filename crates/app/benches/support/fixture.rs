//! The benches' replica: the demo with `EVENTOS_BENCH_ATTENDEES` attendees (100,000 unless
//! set), connected to a server that is never there as `user_id(store)`, so local writes also
//! write their outbox rows as on a real laptop.

use std::time::Instant;

use eventos_store::Store;

pub fn connected_demo(user_id: impl FnOnce(&Store) -> String) -> (tempfile::TempDir, u64) {
    let attendees = std::env::var("EVENTOS_BENCH_ATTENDEES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let mut store = Store::open(&dir.path().join("eventos.db")).unwrap();
    let options = eventos_demo::DemoOptions { attendees, seed: 1, ..Default::default() };
    eventos_demo::generate(&mut store, &options).unwrap();
    let user = user_id(&store);
    store.connect("http://127.0.0.1:9", "anon", "bench@example.com", &user).unwrap();
    eprintln!("fixture: {attendees} attendees in {:.1} s", started.elapsed().as_secs_f64());
    (dir, attendees)
}
