//! Paper through the facade, read back with poppler: the pipeline report's figures are the
//! board's, to the cent, and every page says "page x of y".
#![allow(clippy::unwrap_used)]

mod common;

use common::demo;
use eventos_app::crm::BoardQuery;
use eventos_print::Paper;
use eventos_print::readback::drawn_pages;

/// Money as the screens show it: "$530,004.96", "-$12.00".
fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.abs();
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}${grouped}.{:02}", cents % 100)
}

#[test]
fn the_pipeline_report_gives_the_boards_figures_to_the_cent() {
    let (dir, app) = demo();
    let board = app.pipeline_board(&BoardQuery::default()).unwrap();
    assert_eq!((app.pdf_progress().done, app.pdf_progress().total), (0, 0), "no PDF made yet");
    let printed = app.pipeline_report_job(Paper::A4).unwrap().pdf().unwrap();
    // Every page drawn was counted, for the screen waiting on it.
    let progress = app.pdf_progress();
    assert_eq!((progress.done as usize, progress.total as usize), (printed.pages, printed.pages));
    let pdf = dir.path().join("pipeline.pdf");
    std::fs::write(&pdf, &printed.bytes).unwrap();
    let pages = drawn_pages(&pdf).unwrap();
    assert_eq!(pages.len(), printed.pages);
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Page {} of {}", i + 1, pages.len())), "{page}");
    }
    let text = pages.join(" ");
    assert!(text.contains(&money(board.open_cents)) && text.contains(&money(board.weighted_cents)), "{text}");
    for column in board.columns.iter().filter(|c| !c.is_closed) {
        let line = format!(
            "{} ({}%) {} {} {}",
            column.name,
            column.probability,
            column.count,
            money(column.total_cents),
            money(column.weighted_cents)
        );
        assert!(text.contains(&line), "{line:?} not in {text}");
    }
    for month in &board.months {
        let figures = format!("{} {} {}", month.deals, money(month.total_cents), money(month.weighted_cents));
        assert!(text.contains(&figures), "{figures:?} not in {text}");
    }
    // The owners' rows add up to the total row.
    let owners: std::collections::BTreeSet<_> =
        board.columns.iter().filter(|c| !c.is_closed).flat_map(|c| &c.cards).map(|c| c.owner_name.clone()).collect();
    for owner in owners.iter().flatten() {
        assert!(text.contains(owner), "{owner}");
    }
}

#[test]
fn the_event_report_gives_the_screens_figures() {
    let (dir, app) = demo();
    let event: String = common::scalar(
        &dir,
        "SELECT event_id FROM tickets WHERE status IN ('active', 'used') GROUP BY event_id ORDER BY count(*) DESC LIMIT 1",
    );
    let detail = app.event(&event).unwrap();
    let analytics = app.event_analytics(&event).unwrap();
    let budget = app.budget(&event).unwrap();
    let printed = app.event_report_job(&event, Paper::Letter).unwrap().pdf().unwrap();
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&pdf, &printed.bytes).unwrap();
    let pages = drawn_pages(&pdf).unwrap();
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Page {} of {}", i + 1, pages.len())), "{page}");
    }
    let text = pages.join(" ");
    assert!(text.contains(&detail.summary.name));
    let t = &detail.tickets;
    for line in [
        format!("REVENUE {}", money(detail.summary.revenue_cents)),
        format!("Sold (active or used) {}", t.sold),
        format!("Used (checked in) {}", t.used),
        format!("Cancelled or refunded {}", t.cancelled),
        format!("RESULT {}", money(budget.result_cents)),
        format!("TICKET REVENUE {}", money(budget.ticket_revenue_cents)),
        format!(
            "Total {} {} {}",
            analytics.sales_per_day.iter().map(|d| d.orders).sum::<i64>(),
            analytics.sales_per_day.iter().map(|d| d.tickets).sum::<i64>(),
            money(detail.summary.revenue_cents)
        ),
    ] {
        assert!(text.contains(&line), "{line:?} not in {text}");
    }
    assert!(!analytics.sales_per_day.is_empty());
    for day in &analytics.sales_per_day {
        let line = format!("{} {} {} {}", day.date, day.orders, day.tickets, money(day.revenue_cents));
        assert!(text.contains(&line), "{line:?} not in {text}");
    }
    let b = &budget.totals;
    let total = format!(
        "Total {} {} {} {}",
        money(b.pending_cents),
        money(b.approved_cents),
        money(b.paid_cents),
        money(b.rejected_cents)
    );
    assert!(text.contains(&total), "the expenses' total row {total:?} not in {text}");
    for session in &analytics.sessions {
        assert!(text.contains(&session.title), "{}", session.title);
    }
}

#[test]
fn an_attendees_tickets_and_badge_print_with_their_name_and_codes() {
    use eventos_app::paper::{BadgesOf, TicketsOf};
    let (dir, app) = demo();
    let (attendee, name): (String, String) = {
        let db = rusqlite::Connection::open(dir.path().join("eventos.db")).unwrap();
        db.query_row(
            "SELECT a.id, a.full_name FROM attendees a JOIN tickets t ON t.attendee_id = a.id \
             WHERE t.status = 'active' ORDER BY a.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    };
    let tickets = app.tickets_job(&TicketsOf::Attendee(attendee.clone()), Paper::A4).unwrap();
    assert_eq!(tickets.file_name(), format!("Tickets {name}.pdf"));
    let pdf = dir.path().join("attendee.pdf");
    std::fs::write(&pdf, tickets.pdf().unwrap().bytes).unwrap();
    assert!(drawn_pages(&pdf).unwrap().iter().all(|p| p.contains(&name)));
    let event: String = common::scalar(&dir, &format!("SELECT event_id FROM attendees WHERE id = '{attendee}'"));
    let of = BadgesOf { event, attendees: Some(vec![attendee]), ticket: None, layout: "thermal-90x54".into() };
    let badge = app.badges_job(&of).unwrap().pdf().unwrap();
    assert_eq!(badge.pages, 1, "one attendee, one badge");
    let missing = app.tickets_job(&TicketsOf::Attendee("00000000-0000-4000-8000-000000000000".into()), Paper::A4);
    assert_eq!(missing.err().unwrap().code, eventos_app::ErrorCode::NotFound);
}
