//! The replica's hot reads on the 100k-attendee demo (the benchmark fixture):
//! ticket lookup by QR code and by ticket number (bar: p99 ≤ 2 ms), and attendee search by
//! name/email (bar: p95 ≤ 20 ms). Prints per-operation percentiles first (the bars are
//! percentiles), then runs criterion for stable means.
//!
//! `cargo bench -p eventos-demo --bench replica` (set EVENTOS_BENCH_ATTENDEES to change 100000).
#![allow(clippy::unwrap_used)]

use std::time::Instant;

use criterion::Criterion;

#[path = "support/percentiles.rs"]
mod percentiles;
use eventos_demo::{DemoOptions, generate};
use eventos_store::Store;
use percentiles::{percentiles, timed};

const SEARCHES: &[&str] = &[
    "ann",
    "priya patel",
    "chen",
    "tremblay",
    "jose garcia",
    "sofia",
    "ch",
    "o'brien",
    "müller",
    "liam smith",
    "example.ca",
    "mira ho",
    "kowalski",
    "zo",
    "nadia kh",
    "deepa",
    "samuel rossi",
    "wen li",
    "grace",
    "haddad",
];

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    qr_codes: Vec<String>,
    numbers: Vec<String>,
}

fn fixture() -> Fixture {
    let attendees = std::env::var("EVENTOS_BENCH_ATTENDEES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = Store::open(&dir.path().join("bench.db")).expect("the replica opens");
    let started = Instant::now();
    generate(&mut store, &DemoOptions { attendees, seed: 1, ..DemoOptions::default() }).expect("the demo writes");
    eprintln!("fixture: {attendees} attendees in {:.1} s", started.elapsed().as_secs_f64());
    // A spread of real tickets, in random order (rowid order would flatter the page cache).
    let sample = |column: &str| -> Vec<String> {
        let sql = format!("SELECT {column} FROM tickets ORDER BY random() LIMIT 2000");
        let mut stmt = store.connection().prepare(&sql).expect("sample query");
        stmt.query_map([], |r| r.get(0)).expect("sample").collect::<Result<_, _>>().expect("sample rows")
    };
    let (qr_codes, numbers) = (sample("qr_code"), sample("ticket_number"));
    Fixture { _dir: dir, store, qr_codes, numbers }
}

fn main() {
    let f = fixture();
    let hits: usize = SEARCHES.iter().map(|q| f.store.search_attendees(q, None, 25).expect("search").len()).sum();
    assert!(hits > 0, "the searches find people");

    println!("--- per-operation percentiles ({} tickets sampled) ---", f.qr_codes.len());
    percentiles(
        "ticket_by_qr_code",
        timed(20_000, |i| {
            assert!(f.store.ticket_by_qr_code(&f.qr_codes[i % f.qr_codes.len()]).expect("lookup").is_some());
        }),
    );
    percentiles(
        "ticket_by_number",
        timed(20_000, |i| {
            assert!(f.store.ticket_by_number(&f.numbers[i % f.numbers.len()]).expect("lookup").is_some());
        }),
    );
    percentiles(
        "search_attendees (top 25)",
        timed(2_000, |i| {
            f.store.search_attendees(SEARCHES[i % SEARCHES.len()], None, 25).expect("search");
        }),
    );

    let mut c = Criterion::default().configure_from_args();
    let mut i = 0;
    c.bench_function("ticket_by_qr_code", |b| {
        b.iter(|| {
            i += 1;
            f.store.ticket_by_qr_code(&f.qr_codes[i % f.qr_codes.len()]).expect("lookup")
        })
    });
    c.bench_function("ticket_by_number", |b| {
        b.iter(|| {
            i += 1;
            f.store.ticket_by_number(&f.numbers[i % f.numbers.len()]).expect("lookup")
        })
    });
    c.bench_function("search_attendees", |b| {
        b.iter(|| {
            i += 1;
            f.store.search_attendees(SEARCHES[i % SEARCHES.len()], None, 25).expect("search")
        })
    });
    c.final_summary();
}
