//! The demo workspace: deterministic, coherent, and a fair fixture for every table.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;

use eventos_demo::{DEMO_USERS, DemoOptions, generate};
use eventos_model::schema;
use eventos_store::Store;
use rusqlite::types::Value;
use time::macros::date;

fn demo(seed: u64, attendees: u64) -> (tempfile::TempDir, Store, eventos_demo::DemoReport) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
    let report = generate(&mut store, &DemoOptions { attendees, seed, today: date!(2026 - 11 - 22) }).unwrap();
    (dir, store, report)
}

fn dump(store: &Store) -> Vec<(String, Vec<Vec<Value>>)> {
    schema::tables()
        .iter()
        .map(|t| {
            let mut stmt = store.connection().prepare(&format!("SELECT * FROM {} ORDER BY id", t.name)).unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
                .unwrap()
                .collect::<Result<Vec<_>, _>>()
                .unwrap();
            (t.name.to_owned(), rows)
        })
        .collect()
}

fn count(store: &Store, sql: &str) -> i64 {
    store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn the_same_seed_and_day_give_the_same_database_and_another_seed_does_not() {
    let (_a, first, _) = demo(7, 300);
    let (_b, second, _) = demo(7, 300);
    let (_c, other, _) = demo(8, 300);
    let first = dump(&first);
    for ((table, a), (_, b)) in first.iter().zip(dump(&second)) {
        assert_eq!(a.len(), b.len(), "{table}: row counts differ");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x, y, "{table}: rows differ");
        }
    }
    let tickets = |d: &[(String, Vec<Vec<Value>>)]| d.iter().find(|(t, _)| t == "tickets").unwrap().1.clone();
    assert_ne!(tickets(&first), tickets(&dump(&other)));
}

#[test]
fn every_table_has_rows_and_the_counts_are_as_asked() {
    let (_dir, store, report) = demo(1, 400);
    for (table, rows) in store.table_counts().unwrap() {
        assert!(rows > 0, "the demo leaves {table} empty");
    }
    assert_eq!(count(&store, "SELECT count(*) FROM attendees"), 400);
    assert_eq!(count(&store, "SELECT count(*) FROM tickets"), 400);
    assert_eq!(count(&store, "SELECT sum(quantity) FROM orders"), 400);
    assert_eq!(report.attendees, 400);
}

#[test]
fn it_is_a_real_business_people_phases_pipeline() {
    let (_dir, store, report) = demo(1, 400);
    let roles: HashMap<String, String> = store
        .connection()
        .prepare("SELECT p.email, au.role FROM account_users au JOIN profiles p ON p.id = au.user_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (email, _, role) in DEMO_USERS {
        assert_eq!(roles.get(*email).map(String::as_str), Some(*role), "{email}");
    }
    let roles_used: std::collections::BTreeSet<&str> = roles.values().map(String::as_str).collect();
    assert_eq!(roles_used.len(), 5, "every role: {roles_used:?}");

    // Past, live today, upcoming; draft and published.
    let live = store.event_stats(&report.live_event_slug).unwrap();
    assert!(live.tickets_used > 0 && live.tickets_active > 0, "{live:?}");
    let today = "2026-11-22";
    assert_eq!(count(&store, &format!("SELECT count(*) FROM events WHERE substr(start_at, 1, 10) = '{today}'")), 1);
    assert!(
        count(&store, &format!("SELECT count(*) FROM events WHERE end_at < '{today}' AND status = 'completed'")) >= 1
    );
    assert!(
        count(&store, &format!("SELECT count(*) FROM events WHERE start_at > '{today}' AND status = 'published'")) >= 2
    );
    assert_eq!(count(&store, "SELECT count(*) FROM events WHERE status = 'draft'"), 1);
    assert!(count(&store, "SELECT count(*) FROM tickets WHERE status = 'cancelled'") > 0);
    assert!(count(&store, "SELECT count(*) FROM tickets WHERE status = 'refunded'") > 0);
    // Each check-in is a fact for one used ticket, scanned with that ticket's code.
    assert_eq!(
        count(&store, "SELECT count(*) FROM event_checkins"),
        count(&store, "SELECT count(*) FROM tickets WHERE status = 'used'")
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM event_checkins c JOIN tickets t ON t.qr_code = c.qr_code_scanned \
                       AND t.attendee_id = c.attendee_id AND t.status = 'used'"
        ),
        count(&store, "SELECT count(*) FROM event_checkins")
    );
    // The pipeline: the seed's six stages, an opportunity in each.
    assert_eq!(count(&store, "SELECT count(*) FROM crm_pipeline_stages"), 6);
    assert_eq!(count(&store, "SELECT count(DISTINCT stage_id) FROM crm_opportunities"), 6);
    assert!(count(&store, "SELECT count(*) FROM crm_activities WHERE is_task = 1 AND task_status = 'pending'") > 0);
    assert!(count(&store, "SELECT count(*) FROM crm_contacts WHERE is_primary = 1") == 12);
}

#[test]
fn event_stats_match_counts_made_independently() {
    let (_dir, store, report) = demo(3, 1_000);
    let mut by_event: HashMap<String, HashMap<String, i64>> = HashMap::new();
    let mut stmt = store.connection().prepare("SELECT event_id, status FROM tickets").unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).unwrap();
    for row in rows {
        let (event, status) = row.unwrap();
        *by_event.entry(event).or_default().entry(status).or_default() += 1;
    }
    for event in &report.events {
        let counts = by_event.get(&event.id).cloned().unwrap_or_default();
        let n = |s: &str| counts.get(s).copied().unwrap_or(0);
        let capacity: i64 = store
            .connection()
            .query_row("SELECT capacity FROM events WHERE id = ?1", [&event.id], |r| r.get(0))
            .unwrap();
        let stats = store.event_stats(&event.slug).unwrap();
        assert_eq!(stats.event_name, event.name);
        assert_eq!(stats.capacity, capacity);
        assert_eq!(stats.tickets_sold, n("active") + n("used"), "{}", event.name);
        assert_eq!(stats.tickets_available, capacity - n("active") - n("used"));
        assert_eq!(stats.tickets_active, n("active"));
        assert_eq!(stats.tickets_used, n("used"));
        assert_eq!(stats.tickets_cancelled, n("cancelled"));
    }
}

#[test]
fn a_database_with_data_is_refused_and_left_alone() {
    let (_dir, mut store, _) = demo(1, 50);
    let before = store.table_counts().unwrap();
    let err = generate(&mut store, &DemoOptions::default()).unwrap_err();
    assert!(err.to_string().contains("already holds a workspace"), "{err}");
    assert_eq!(store.table_counts().unwrap(), before);
}

#[test]
fn progress_rises_to_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("p.db")).unwrap();
    let mut seen = Vec::new();
    let options = DemoOptions { attendees: 500, seed: 2, today: date!(2026 - 11 - 22) };
    eventos_demo::generate_with_progress(&mut store, &options, &mut |done, total| seen.push((done, total))).unwrap();
    assert!(seen.len() >= 5, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "strictly rising, no repeats: {seen:?}");
    assert_eq!(seen.last(), Some(&(500, 500)));
}
