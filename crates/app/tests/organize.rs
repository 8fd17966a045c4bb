//! The organizer's event workflows through the facade, offline over the demo replica:
//! creating an event with its venue in the venue's time zone, its status steps (a
//! cancellation cancels the unused tickets, which doors then refuse), and duplicating it with
//! its programme moved on the wall clock.
#![allow(clippy::unwrap_used)]

mod common;

use common::{demo, scalar};

use eventos_app::box_office::{Holder, Payment, SaleRequest};
use eventos_app::door::{DoorMode, DoorScan, DoorSetup, ScanMethod, VerdictKind};
use eventos_app::organize::{EventDraft, VenueChoice};
use eventos_app::{App, ErrorCode};

fn draft(venue: VenueChoice, starts: &str, ends: &str) -> EventDraft {
    EventDraft {
        name: " Lisbon Data Summit ".into(),
        kind: "conference".into(),
        venue,
        starts: starts.into(),
        ends: ends.into(),
        capacity: 120,
        price_cents: 4_500,
        visibility: "public".into(),
        description: None,
    }
}

fn lisbon() -> VenueChoice {
    VenueChoice::New {
        name: "LX Factory".into(),
        address: Some("R. Rodrigues de Faria 103".into()),
        city: Some("Lisboa".into()),
        timezone: Some("Europe/Lisbon".into()),
    }
}

#[test]
fn an_event_is_created_with_its_venue_in_the_venues_time_zone() {
    let (dir, mut app) = demo();
    let event = app.create_event(&draft(lisbon(), "2026-07-10T09:00", "2026-07-10T18:00")).unwrap();
    assert_eq!(event.summary.name, "Lisbon Data Summit");
    assert_eq!(event.summary.status, "draft");
    assert_eq!(event.summary.start_at, "2026-07-10T08:00:00.000000Z", "09:00 in Lisbon in summer is 08:00 UTC");
    assert_eq!(event.summary.venue_name.as_deref(), Some("LX Factory"));
    let zone: String = scalar(&dir, "SELECT timezone FROM venues WHERE name = 'LX Factory'");
    assert_eq!(zone, "Europe/Lisbon");
    let organizer: String = scalar(
        &dir,
        &format!(
            "SELECT role FROM account_users au JOIN events e ON e.organizer_id = au.user_id AND e.account_id = au.account_id WHERE e.id = '{}'",
            event.summary.id
        ),
    );
    assert_eq!(organizer, "owner", "a workspace never connected is its owner's");

    // An existing venue lends its zone: Toronto's venues are America/Toronto.
    let venue: String = scalar(&dir, "SELECT id FROM venues WHERE timezone = 'America/Toronto' ORDER BY id LIMIT 1");
    let winter =
        app.create_event(&draft(VenueChoice::Existing { id: venue }, "2026-12-01T09:00", "2026-12-01T17:00")).unwrap();
    assert_eq!(winter.summary.start_at, "2026-12-01T14:00:00.000000Z");
}

#[test]
fn a_bad_event_is_refused_naming_the_field_and_nothing_is_written() {
    let (dir, mut app) = demo();
    let count = "SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM venues)";
    let before: i64 = scalar(&dir, count);
    let field = |app: &mut App, d: EventDraft| app.create_event(&d).unwrap_err().field;
    let mut nameless = draft(lisbon(), "2026-07-10T09:00", "2026-07-10T18:00");
    nameless.name = "  ".into();
    assert_eq!(field(&mut app, nameless).as_deref(), Some("name"));
    assert_eq!(field(&mut app, draft(lisbon(), "10 July", "2026-07-10T18:00")).as_deref(), Some("start_at"));
    assert_eq!(field(&mut app, draft(lisbon(), "2026-07-10T18:00", "2026-07-10T09:00")).as_deref(), Some("end_at"));
    let mut crowded = draft(lisbon(), "2026-07-10T09:00", "2026-07-10T18:00");
    crowded.capacity = 5;
    assert_eq!(field(&mut app, crowded).as_deref(), Some("capacity"));
    let toronto =
        VenueChoice::New { name: "Hall".into(), address: None, city: None, timezone: Some("America/Toronto".into()) };
    let gap = app.create_event(&draft(toronto, "2026-03-08T02:30", "2026-03-08T09:00")).unwrap_err();
    assert_eq!(gap.field.as_deref(), Some("start_at"));
    assert!(gap.message.contains("clocks go forward"), "{}", gap.message);
    let nowhere =
        VenueChoice::New { name: "Hall".into(), address: None, city: None, timezone: Some("Mars/Olympus".into()) };
    let e = app.create_event(&draft(nowhere, "2026-07-10T09:00", "2026-07-10T18:00")).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("timezone"), "{}", e.message);
    let missing = VenueChoice::Existing { id: "00000000-0000-4000-8000-000000000000".into() };
    let e = app.create_event(&draft(missing, "2026-07-10T09:00", "2026-07-10T18:00")).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::NotFound, Some("venue_id")));
    assert_eq!(scalar::<i64>(&dir, count), before);
}

#[test]
fn an_event_is_published_sold_and_cancelled_and_doors_refuse_its_tickets() {
    let (dir, mut app) = demo();
    let id = app.create_event(&draft(lisbon(), "2026-12-10T09:00", "2026-12-10T18:00")).unwrap().summary.id;
    let sale = SaleRequest {
        event: id.clone(),
        quantity: 2,
        buyer: Holder { name: "Rui Costa".into(), email: "rui@example.com".into() },
        holders: vec![],
        payment: Payment::Cash,
    };
    assert!(app.sell(&sale).unwrap_err().message.contains("draft"), "a draft does not sell");
    assert_eq!(app.set_event_status(&id, "published").unwrap().summary.status, "published");
    let sold = app.sell(&sale).unwrap();

    let back = app.set_event_status(&id, "draft").unwrap_err();
    assert!(back.message.contains("2 tickets are sold"), "{}", back.message);
    let plan = app.status_plan(&id, "cancelled").unwrap();
    assert_eq!((plan.refused.as_deref(), plan.active_tickets), (None, 2));
    assert!(plan.consequence.contains("2 tickets"), "{}", plan.consequence);

    // The edit form does not change a status behind its step's back.
    let edit = eventos_app::events::EventEdit {
        name: "Lisbon Data Summit".into(),
        description: None,
        capacity: 120,
        status: "cancelled".into(),
    };
    assert_eq!(app.update_event(&id, &edit).unwrap_err().field.as_deref(), Some("status"));
    assert_eq!(app.set_event_status(&id, "cancelled").unwrap().summary.status, "cancelled");
    let reasons: String = scalar(
        &dir,
        &format!("SELECT group_concat(DISTINCT status || ': ' || status_reason) FROM tickets WHERE event_id = '{id}'"),
    );
    assert_eq!(reasons, "cancelled: The event was cancelled");
    let door = DoorSetup { event_id: id.clone(), gate: "A".into(), mode: DoorMode::Entry, session_id: None };
    let scan = DoorScan { door, method: ScanMethod::QrCode, payload: sold.tickets[0].payload.clone() };
    assert_eq!(app.check_in(&scan).unwrap().kind, VerdictKind::Cancelled);
    assert!(app.set_event_status(&id, "published").unwrap_err().message.contains("stays cancelled"));
}

#[test]
fn a_duplicate_takes_the_programme_to_the_new_date_but_no_orders() {
    let (dir, mut app) = demo();
    // The demo event with the most sessions that have a speaker.
    let source: String = scalar(
        &dir,
        "SELECT event_id FROM sessions WHERE speaker_id IS NOT NULL GROUP BY event_id ORDER BY count(*) DESC, event_id LIMIT 1",
    );
    let count = |table: &str, event: &str| -> i64 {
        scalar(&dir, &format!("SELECT count(*) FROM {table} WHERE event_id = '{event}'"))
    };
    let zone: String = scalar(
        &dir,
        &format!(
            "SELECT coalesce(v.timezone, 'UTC') FROM events e LEFT JOIN venues v ON v.id = e.venue_id WHERE e.id = '{source}'"
        ),
    );
    let start: String = scalar(&dir, &format!("SELECT start_at FROM events WHERE id = '{source}'"));
    let local = eventos_store::zones::utc_to_local(&start, &zone).unwrap();
    // The same wall-clock time, 364 days later (same weekday).
    let later = {
        let (day, time) = local.split_once('T').unwrap();
        let date = time::Date::parse(day, &time::format_description::well_known::Iso8601::DATE).unwrap()
            + time::Duration::days(364);
        format!("{date}T{time}")
    };
    let copy = app.duplicate_event(&source, &later).unwrap();
    let id = copy.summary.id.clone();
    assert!(copy.summary.name.ends_with(" (copy)"));
    assert_eq!(copy.summary.status, "draft");
    assert_eq!(eventos_store::zones::utc_to_local(&copy.summary.start_at, &zone).unwrap(), later);
    for table in ["sessions", "speakers", "sponsors", "event_teams"] {
        assert_eq!(count(table, &id), count(table, &source), "{table}");
    }
    for table in ["orders", "tickets", "attendees", "event_checkins"] {
        assert_eq!(count(table, &id), 0, "{table}");
    }
    let foreign: i64 = scalar(
        &dir,
        &format!(
            "SELECT count(*) FROM sessions s JOIN speakers sp ON sp.id = s.speaker_id WHERE s.event_id = '{id}' AND sp.event_id <> '{id}'"
        ),
    );
    assert_eq!(foreign, 0, "the copy's sessions name the copy's speakers");
    let first = |event: &str| -> String {
        scalar(&dir, &format!("SELECT start_time FROM sessions WHERE event_id = '{event}' ORDER BY start_time LIMIT 1"))
    };
    let (old, new) = (first(&source), first(&id));
    let wall = |utc: &str| eventos_store::zones::utc_to_local(utc, &zone).unwrap();
    assert_eq!(wall(&new)[11..], wall(&old)[11..], "the first session keeps its time of day");
}

/// The Budget screen's result and the replica's `event_roi` view agree to the cent for every
/// event, and the view's return and cost per attendee are the figures worked out here.
#[test]
fn the_roi_view_agrees_with_the_budget_and_works_out_its_return() {
    let (dir, app) = common::demo();
    let events: Vec<String> = {
        let db = rusqlite::Connection::open(dir.path().join("eventos.db")).unwrap();
        let mut stmt = db.prepare("SELECT id FROM events ORDER BY id").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    };
    let mut with_return = 0;
    for event in &events {
        let budget = app.budget(event).unwrap();
        let roi = &budget.roi;
        assert_eq!(roi.result_cents, budget.result_cents, "{event}");
        let expenses = budget.committed_cents;
        let expected = (expenses != 0).then(|| {
            let ratio = budget.result_cents as f64 * 10_000.0 / expenses as f64;
            ratio.round() as i64
        });
        assert_eq!(roi.roi_basis_points, expected, "{event}");
        let checked_in: i64 = common::scalar(
            &dir,
            &format!("SELECT count(*) FROM tickets WHERE event_id = '{event}' AND checked_in_at IS NOT NULL"),
        );
        assert_eq!(roi.checked_in, checked_in);
        let per_person = (checked_in != 0).then(|| (expenses as f64 / checked_in as f64).round() as i64);
        assert_eq!(roi.cost_per_attendee_cents, per_person, "{event}");
        with_return += usize::from(roi.roi_basis_points.is_some());
    }
    assert!(with_return >= 3, "events with expenses: {with_return}");
    // The fashion show's fees agreed with its models and its media partner, shown apart.
    let show: String = common::scalar(&dir, "SELECT id FROM events WHERE type = 'fashion_show'");
    let fees: i64 = common::scalar(
        &dir,
        &format!(
            "SELECT (SELECT coalesce(sum(fee_cents), 0) FROM production_run_models WHERE event_id = '{show}') \
             + (SELECT coalesce(sum(fee_cents), 0) FROM media_partners WHERE event_id = '{show}')"
        ),
    );
    assert!(fees > 0);
    assert_eq!(app.budget(&show).unwrap().roi.committed_fees_cents, fees);
}
