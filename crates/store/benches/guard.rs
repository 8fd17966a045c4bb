//! What the write guard costs a bootstrap: pulled rows applied through the Writer, 5,000 a
//! transaction, with the guard triggers in place and with them dropped (as before the guard).
//! `cargo bench -p eventos-store --bench guard`; figures in docs/PERFORMANCE.md.

use std::time::Instant;

use eventos_store::{GUARD_FUNCTION, Row, Store};
use serde_json::json;

const ROWS: usize = 100_000;
const PER_TRANSACTION: usize = 5_000;

fn main() {
    let mut times: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    for round in 0..6 {
        let guarded = round % 2 == 0;
        times[usize::from(guarded)].push(run(guarded));
    }
    for (guarded, label) in [(true, "with the guard"), (false, "without it")] {
        let mut t = times[usize::from(guarded)].clone();
        t.sort_by(f64::total_cmp);
        let rate = ROWS as f64 / t[t.len() / 2];
        println!("apply {ROWS} pulled rows {label}: median {:.2} s ({rate:.0} rows/s), runs {t:.2?}", t[t.len() / 2]);
    }
}

fn run(guarded: bool) -> f64 {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("bench.db");
    let mut store = Store::open(&path).expect("the replica opens");
    let account = store
        .write(|w| {
            w.insert("accounts", json!({"name": "Bench", "slug": "bench"}).as_object().cloned().unwrap_or_default())
        })
        .expect("an account");
    if !guarded {
        let raw = rusqlite::Connection::open(&path).expect("a plain connection");
        raw.create_scalar_function(GUARD_FUNCTION, 0, rusqlite::functions::FunctionFlags::SQLITE_UTF8, |_| Ok(true))
            .expect("the function");
        let names: Vec<String> = raw
            .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_guard_*'")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("the guards");
        for name in names {
            raw.execute_batch(&format!("DROP TRIGGER {name}")).expect("dropped");
        }
    }
    let rows: Vec<Row> = (0..ROWS)
        .map(|i| {
            let row = json!({
                "id": format!("{:08x}-0000-4000-8000-{:012x}", i, i), "account_id": account,
                "name": format!("Venue {i}"), "city": "Toronto", "capacity": 100 + i % 900,
                "created_at": "2026-01-01T00:00:00.000000Z", "updated_at": "2026-01-01T00:00:00.000000Z",
            });
            row.as_object().cloned().unwrap_or_default()
        })
        .collect();
    let started = Instant::now();
    for chunk in rows.chunks(PER_TRANSACTION) {
        store
            .write(|w| {
                w.defer_foreign_keys()?;
                chunk.iter().try_for_each(|r| w.apply_pulled("venues", r))
            })
            .expect("applied");
    }
    started.elapsed().as_secs_f64()
}
