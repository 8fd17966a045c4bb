//! The facade's use cases over a real replica in a temporary data folder, without Tauri.
#![allow(clippy::unwrap_used)]

use eventos_app::events::{EventQuery, EventSort};
use eventos_app::sync::SessionStore;
use eventos_app::{App, ErrorCode, WorkspaceState};
use time::macros::{date, datetime};

const TORONTO_WINTER: i32 = -300;

fn demo() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::open_with(dir.path(), SessionStore::File);
    assert_eq!(app.status().state, WorkspaceState::FirstRun);
    assert_eq!(app.open_demo_on(date!(2026 - 11 - 22)).unwrap().state, WorkspaceState::Ready);
    (dir, app)
}

fn sql_i64(app_dir: &std::path::Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(app_dir.join("eventos.db")).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_first_run_has_no_workspace_until_one_is_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open_with(dir.path().join("new-folder"), SessionStore::File);
    let status = app.status();
    assert_eq!(status.state, WorkspaceState::FirstRun);
    assert!(status.data_dir.ends_with("new-folder"));
    assert_eq!(app.dashboard(0).unwrap_err().code, ErrorCode::NoWorkspace);
    assert!(!dir.path().join("new-folder/eventos.db").exists(), "nothing is created before the choice");
}

#[test]
fn the_dashboard_shows_today_upcoming_money_and_sales() {
    let (dir, app) = demo();
    // Noon in Toronto on the demo's day.
    let board = app.dashboard_at(datetime!(2026-11-22 17:00 UTC), TORONTO_WINTER).unwrap();
    let names: Vec<&str> = board.today.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["AI & Machine Learning Summit"]);
    let live = &board.today[0];
    let sold = sql_i64(
        dir.path(),
        &format!("SELECT count(*) FROM tickets WHERE event_id = '{}' AND status IN ('active','used')", live.id),
    );
    assert_eq!(live.tickets_sold, sold);
    assert!(live.tickets_used > 0 && live.tickets_used < live.tickets_sold);
    assert!(!board.upcoming.is_empty() && board.upcoming.len() <= 6);
    assert!(board.upcoming.windows(2).all(|w| w[0].start_at <= w[1].start_at));
    assert!(board.upcoming.iter().all(|e| e.start_at.as_str() > "2026-11-23T05:00:00"));
    assert_eq!(
        board.revenue_cents,
        sql_i64(
            dir.path(),
            "SELECT sum(o.total_cents - o.unit_price_cents * (SELECT count(*) FROM tickets t \
             WHERE t.order_id = o.id AND t.status = 'refunded')) FROM orders o WHERE o.payment_status = 'paid'"
        ),
        "paid orders less their refunded tickets"
    );
    assert_eq!(board.sales.len(), 30);
    assert_eq!(board.sales.last().unwrap().date, "2026-11-22");
    assert_eq!(board.sales.first().unwrap().date, "2026-10-24");
    assert!(board.sales.iter().map(|d| d.tickets).sum::<i64>() > 0);
    let checked_in = sql_i64(
        dir.path(),
        "SELECT count(*) FROM tickets WHERE status = 'used' AND checked_in_at >= '2026-11-22T05:00:00' \
         AND checked_in_at < '2026-11-23T05:00:00'",
    );
    assert!(checked_in > 0);
    assert_eq!(board.checked_in_today, checked_in);
    assert_eq!(app.dashboard(26 * 60).unwrap_err().code, ErrorCode::Invalid, "not a UTC offset");
}

#[test]
fn events_search_sort_and_detail() {
    let (_dir, app) = demo();
    let query = |search: &str, sort, descending| EventQuery { search: search.into(), sort, descending };
    let all = app.events(&query("", EventSort::StartAt, false)).unwrap();
    assert_eq!(all.len(), 7);
    assert!(all.windows(2).all(|w| w[0].start_at <= w[1].start_at));
    let summits = app.events(&query("summit", EventSort::Name, false)).unwrap();
    let names: Vec<&str> = summits.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["AI & Machine Learning Summit", "Toronto Tech Summit"]);
    let by_venue = app.events(&query("Steam Whistle", EventSort::Name, false)).unwrap();
    assert_eq!(by_venue.len(), 1);
    assert!(app.events(&query("100%_", EventSort::Name, false)).unwrap().is_empty(), "LIKE wildcards are literal");
    let busiest = app.events(&query("", EventSort::TicketsSold, true)).unwrap();
    assert!(busiest.windows(2).all(|w| w[0].tickets_sold >= w[1].tickets_sold));

    let detail = app.event(&summits[0].id).unwrap();
    assert_eq!(detail.summary.name, "AI & Machine Learning Summit");
    assert_eq!(detail.tickets.sold, detail.summary.tickets_sold);
    assert_eq!(detail.tickets.available, detail.tickets.capacity - detail.tickets.sold);
    assert_eq!(detail.sessions.len(), 4);
    assert!(detail.sessions.iter().all(|s| s.speaker_name.is_some()));
    assert_eq!(detail.venue_address.as_deref(), Some("255 Front St W, Toronto"));
    assert_eq!(app.event("nope").unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn companies_with_contacts_and_exact_open_pipeline() {
    let (dir, app) = demo();
    let companies = app.companies().unwrap();
    assert_eq!(companies.len(), 12);
    assert!(companies.windows(2).all(|w| w[0].company_name.to_lowercase() <= w[1].company_name.to_lowercase()));
    let conn = rusqlite::Connection::open(dir.path().join("eventos.db")).unwrap();
    for c in &companies {
        let contacts: i64 =
            conn.query_row("SELECT count(*) FROM crm_contacts WHERE organizer_id = ?1", [&c.id], |r| r.get(0)).unwrap();
        assert_eq!(c.contacts, contacts, "{}", c.company_name);
        // Independently, in integer cents.
        let cents: i64 = conn
            .query_row(
                "SELECT COALESCE(sum(CAST(replace(value, '.', '') AS INTEGER)), 0) FROM crm_opportunities \
                 WHERE organizer_id = ?1 AND status = 'open'",
                [&c.id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(c.open_pipeline, format!("{}.{:02}", cents / 100, cents % 100), "{}", c.company_name);
    }
    assert!(companies.iter().any(|c| c.open_opportunities > 0));
    assert!(companies.iter().any(|c| c.owner_name.as_deref() == Some("Marcus Reid")));
}

#[test]
fn start_empty_gives_an_empty_dashboard_and_the_choice_is_made_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::open_with(dir.path(), SessionStore::File);
    assert_eq!(app.start_empty().unwrap().state, WorkspaceState::Ready);
    let board = app.dashboard(0).unwrap();
    assert!(board.today.is_empty() && board.upcoming.is_empty());
    assert_eq!((board.revenue_cents, board.tickets_sold), (0, 0));
    assert!(app.companies().unwrap().is_empty());
    assert_eq!(app.open_demo(0).unwrap_err().code, ErrorCode::WorkspaceExists);
    // Reopening the folder finds the workspace.
    assert_eq!(App::open_with(dir.path(), SessionStore::File).status().state, WorkspaceState::Ready);
}

#[test]
fn a_broken_database_is_reported_then_moved_aside_never_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = b"not a database at all".repeat(500);
    std::fs::write(dir.path().join("eventos.db"), &garbage).unwrap();
    let mut app = App::open_with(dir.path(), SessionStore::File);
    let status = app.status();
    assert_eq!(status.state, WorkspaceState::Broken);
    assert_eq!(status.problem.as_ref().unwrap().code, ErrorCode::CorruptDatabase);
    assert_eq!(app.dashboard(0).unwrap_err().code, ErrorCode::CorruptDatabase);

    let moved = app.move_aside_and_start_fresh().unwrap();
    assert_eq!(moved.state, WorkspaceState::FirstRun);
    let moved_to = moved.moved_to.unwrap();
    assert_eq!(std::fs::read(&moved_to).unwrap(), garbage, "the damaged file is kept, byte for byte");
    assert!(!dir.path().join("eventos.db").exists());
    assert_eq!(app.open_demo_on(date!(2026 - 11 - 22)).unwrap().state, WorkspaceState::Ready);
    assert_eq!(app.move_aside_and_start_fresh().unwrap_err().code, ErrorCode::WorkspaceExists);
}

#[test]
fn damage_found_while_in_use_also_leads_to_moving_the_file_aside() {
    let (dir, mut app) = demo();
    app.note_failure(&eventos_app::AppError::new(ErrorCode::Busy, "another program"));
    assert_eq!(app.status().state, WorkspaceState::Ready, "a busy file is not damaged");
    app.note_failure(&eventos_app::AppError::new(ErrorCode::CorruptDatabase, "database disk image is malformed"));
    let status = app.status();
    assert_eq!(status.state, WorkspaceState::Broken);
    assert_eq!(app.companies().unwrap_err().code, ErrorCode::CorruptDatabase);
    let moved = app.move_aside_and_start_fresh().unwrap();
    assert!(std::path::Path::new(&moved.moved_to.unwrap()).exists());
    assert!(!dir.path().join("eventos.db").exists());
}
