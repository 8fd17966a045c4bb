//! The record layer on the 100k-attendee demo (WAVE-2's bars): a table's first page (≤ 50 ms),
//! a filter or sort change (≤ 100 ms p95), a record page with its children (≤ 50 ms p95), the
//! CSV export of every attendee (≤ 3 s).
//! Prints percentiles per operation.
//!
//! `cargo bench -p eventos-demo --bench records` (EVENTOS_BENCH_ATTENDEES changes 100000).
#![allow(clippy::unwrap_used)]

use std::time::Instant;

#[path = "support/percentiles.rs"]
mod percentiles;
use eventos_demo::{DemoOptions, generate};
use eventos_model::schema;
use eventos_store::{Filter, FilterOp, RecordQuery, Sort, Store};
use percentiles::{percentiles, timed};
use serde_json::json;

const RUNS: usize = 40;

fn main() {
    let attendees = std::env::var("EVENTOS_BENCH_ATTENDEES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
    let started = Instant::now();
    generate(&mut store, &DemoOptions { attendees, seed: 1, ..DemoOptions::default() }).unwrap();
    eprintln!("fixture: {attendees} attendees in {:.1} s", started.elapsed().as_secs_f64());

    // The first page of every table, as the Data area opens it.
    let mut first_pages = Vec::new();
    for table in schema::tables() {
        first_pages.extend(timed(5, |_| {
            store.list(table.name, &RecordQuery::default()).unwrap();
        }));
    }
    percentiles("first page, every table", first_pages);

    let page = |query: RecordQuery| move |store: &Store| store.list("attendees", &query).unwrap();
    let sorts = ["full_name", "email", "created_at", "event_id"];
    let by_sort = timed(RUNS, |i| {
        let sort = Some(Sort { field: sorts[i % sorts.len()].into(), descending: i % 2 == 1 });
        page(RecordQuery { sort, ..RecordQuery::default() })(&store);
    });
    percentiles("attendees, sort change", by_sort);

    let event: String = store
        .connection()
        .query_row("SELECT event_id FROM attendees GROUP BY event_id ORDER BY count(*) DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let by_filter = timed(RUNS, |i| {
        let mut filters = vec![Filter { field: "event_id".into(), op: FilterOp::Is, value: Some(json!(event)) }];
        if i % 2 == 1 {
            filters.push(Filter { field: "email".into(), op: FilterOp::Contains, value: Some(json!("example")) });
        }
        page(RecordQuery { filters, ..RecordQuery::default() })(&store);
    });
    percentiles("attendees, filter change", by_filter);

    let searches = ["ann", "priya patel", "chen", "tremblay", "garcia"];
    let by_search = timed(RUNS, |i| {
        page(RecordQuery { search: Some(searches[i % searches.len()].into()), ..RecordQuery::default() })(&store);
    });
    percentiles("attendees, search", by_search);

    let orders = timed(RUNS, |i| {
        let value = if i % 2 == 0 { "paid" } else { "refunded" };
        let filters = vec![Filter { field: "payment_status".into(), op: FilterOp::Is, value: Some(json!(value)) }];
        let sort = Some(Sort { field: "total_cents".into(), descending: true });
        store.list("orders", &RecordQuery { filters, sort, ..RecordQuery::default() }).unwrap();
    });
    percentiles("orders, filter + sort", orders);

    // Paging deep into a sorted table: each page starts from the last one's cursor.
    let mut query =
        RecordQuery { sort: Some(Sort { field: "email".into(), descending: false }), ..RecordQuery::default() };
    let next_pages = timed(RUNS, |_| {
        let page = store.list("attendees", &query).unwrap();
        query.after = page.next;
    });
    percentiles("attendees, next page", next_pages);

    let ids: Vec<String> = store
        .connection()
        .prepare("SELECT id FROM events ORDER BY random() LIMIT 16")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let record_pages = timed(RUNS, |i| {
        let id = &ids[i % ids.len()];
        store.get("events", id).unwrap();
        store.children("events", id, 5).unwrap();
    });
    percentiles("event page with children", record_pages);

    // The CSV export of every attendee (bar: ≤ 3 s for 100k), into a real file.
    let exports = timed(3, |i| {
        let path = dir.path().join(format!("attendees-{i}.csv"));
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        store.export_csv("attendees", &RecordQuery::default(), &[], &mut file, &mut |_, _| {}).unwrap();
    });
    percentiles("CSV export, all attendees", exports);
}
