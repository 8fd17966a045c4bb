//! Running an event through the facade, offline over the demo replica: the programme with its
//! warnings on the venue's clock, the budget's approval steps and the event's result in exact
//! cents, announcements' steps, and the analytics from what was sold and scanned.
#![allow(clippy::unwrap_used)]

mod common;

use common::{demo, row, scalar};

use eventos_app::box_office::{Holder, Payment, SaleRequest, VoidKind};
use eventos_app::door::{DoorMode, DoorScan, DoorSetup, ScanMethod, VerdictKind};
use eventos_app::organize::{EventDraft, VenueChoice, WarningKind};
use eventos_app::{App, ErrorCode};
use serde_json::{Value, json};

/// A published event in Lisbon on 10 July 2026, 09:00–18:00 local (08:00–17:00 UTC), at 45.00.
fn lisbon_event(app: &mut App) -> String {
    let venue = VenueChoice::New {
        name: "LX Factory".into(),
        address: None,
        city: Some("Lisboa".into()),
        timezone: Some("Europe/Lisbon".into()),
    };
    let draft = EventDraft {
        name: "Lisbon Data Summit".into(),
        kind: "conference".into(),
        venue,
        starts: "2026-07-10T09:00".into(),
        ends: "2026-07-10T18:00".into(),
        capacity: 120,
        price_cents: 4_500,
        visibility: "public".into(),
        description: None,
    };
    let id = app.create_event(&draft).unwrap().summary.id;
    app.set_event_status(&id, "published").unwrap();
    id
}

fn create(app: &mut App, table: &str, value: Value) -> String {
    app.create_record(table, row(value)).unwrap()["id"].as_str().unwrap().to_owned()
}

#[test]
fn the_programme_shows_the_venues_clock_and_warns_of_every_clash() {
    let (dir, mut app) = demo();
    let event = lisbon_event(&mut app);
    let room = create(&mut app, "venues", json!({"name": "Sala 1", "capacity": 50, "timezone": "Europe/Lisbon"}));
    let profile: String = scalar(&dir, "SELECT id FROM profiles WHERE full_name IS NOT NULL ORDER BY id LIMIT 1");
    let name: String = scalar(&dir, &format!("SELECT full_name FROM profiles WHERE id = '{profile}'"));
    let speaker =
        create(&mut app, "speakers", json!({"event_id": event, "profile_id": profile, "status": "confirmed"}));
    let session = |title: &str, start: &str, end: &str, extra: Value| {
        let mut value = json!({"event_id": event, "title": title, "start_time": start, "end_time": end});
        value.as_object_mut().unwrap().extend(extra.as_object().cloned().unwrap());
        value
    };
    let opening = create(
        &mut app,
        "sessions",
        session(
            "Opening",
            "2026-07-10T08:00:00Z",
            "2026-07-10T09:00:00Z",
            json!({"venue_id": room, "speaker_id": speaker}),
        ),
    );
    let panel = create(
        &mut app,
        "sessions",
        session(
            "Panel",
            "2026-07-10T08:30:00Z",
            "2026-07-10T09:30:00Z",
            json!({"venue_id": room, "speaker_id": speaker}),
        ),
    );
    let late =
        create(&mut app, "sessions", session("After party", "2026-07-10T17:00:00Z", "2026-07-10T19:00:00Z", json!({})));
    let big = create(
        &mut app,
        "sessions",
        session(
            "Workshop",
            "2026-07-10T10:00:00Z",
            "2026-07-10T11:00:00Z",
            json!({"venue_id": room, "max_attendees": 80}),
        ),
    );
    // Cancelled: it takes no room and no speaker.
    create(
        &mut app,
        "sessions",
        session(
            "Dropped",
            "2026-07-10T08:00:00Z",
            "2026-07-10T09:00:00Z",
            json!({"venue_id": room, "speaker_id": speaker, "status": "cancelled"}),
        ),
    );

    let plan = app.programme(&event).unwrap();
    assert_eq!(plan.zone, "Europe/Lisbon");
    assert_eq!(plan.starts_local, "2026-07-10T09:00");
    assert_eq!(plan.days.len(), 1);
    let day = &plan.days[0];
    assert_eq!(day.date, "2026-07-10");
    let opening_line = day.sessions.iter().find(|s| s.id == opening).unwrap();
    assert_eq!(
        (opening_line.start_local.as_str(), opening_line.end_local.as_str()),
        ("2026-07-10T09:00", "2026-07-10T10:00")
    );
    assert_eq!(opening_line.speaker_name.as_deref(), Some(name.as_str()));
    assert_eq!(plan.rooms.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Sala 1", "No room"]);

    let kinds = |id: &str| day.sessions.iter().find(|s| s.id == id).unwrap().warnings.clone();
    assert_eq!(kinds(&opening), [WarningKind::SpeakerDoubleBooked, WarningKind::RoomDoubleBooked]);
    assert_eq!(kinds(&panel), [WarningKind::SpeakerDoubleBooked, WarningKind::RoomDoubleBooked]);
    assert_eq!(kinds(&late), [WarningKind::OutsideEventDates]);
    assert_eq!(kinds(&big), [WarningKind::OverRoomCapacity]);
    assert_eq!(plan.warnings.len(), 4, "{:#?}", plan.warnings);
    let capacity = plan.warnings.iter().find(|w| w.kind == WarningKind::OverRoomCapacity).unwrap();
    assert_eq!(capacity.message, "Workshop expects 80 people but Sala 1 holds 50");

    assert_eq!(plan.speakers.len(), 1);
    assert_eq!(plan.speakers[0].sessions, ["Dropped", "Opening", "Panel"]);

    // Sponsors by tier, the confirmed amounts exact.
    create(
        &mut app,
        "sponsors",
        json!({"event_id": event, "company_name": "Acme", "sponsorship_tier": "gold", "sponsorship_amount": "2500.10", "status": "confirmed"}),
    );
    create(
        &mut app,
        "sponsors",
        json!({"event_id": event, "company_name": "Bolt", "sponsorship_tier": "gold", "sponsorship_amount": "999.99", "status": "confirmed"}),
    );
    create(
        &mut app,
        "sponsors",
        json!({"event_id": event, "company_name": "Core", "sponsorship_tier": "platinum", "sponsorship_amount": "10000", "status": "pending"}),
    );
    let tiers = app.programme(&event).unwrap().sponsor_tiers;
    assert_eq!(tiers.iter().map(|t| t.tier.as_str()).collect::<Vec<_>>(), ["platinum", "gold"]);
    assert_eq!(tiers[0].confirmed_cents, 0, "a pending sponsor is not counted");
    assert_eq!(tiers[1].confirmed_cents, 350_009);

    // Moving the panel away clears the clashes.
    app.update_record(
        "sessions",
        &panel,
        row(json!({"start_time": "2026-07-10T11:00:00.000000Z", "end_time": "2026-07-10T12:00:00.000000Z"})),
    )
    .unwrap();
    let after = app.programme(&event).unwrap();
    assert!(
        after
            .warnings
            .iter()
            .all(|w| !matches!(w.kind, WarningKind::SpeakerDoubleBooked | WarningKind::RoomDoubleBooked))
    );
    // The reads off the lock answer the same.
    assert_eq!(app.reads().programme(&event).unwrap(), after);
}

#[test]
fn expenses_follow_their_approval_steps_and_the_result_is_exact() {
    let (dir, mut app) = demo();
    let event = lisbon_event(&mut app);
    let expense = |app: &mut App, name: &str, category: &str, amount: &str| {
        create(
            app,
            "event_expenses",
            json!({"event_id": event, "expense_name": name, "expense_category": category, "amount": amount}),
        )
    };
    let hall = expense(&mut app, "Hall", "venue", "1000.50");
    let lunch = expense(&mut app, "Lunch", "catering", "250.25");
    let ads = expense(&mut app, "Ads", "marketing", "99.99");
    let fees = expense(&mut app, "Speaker fees", "speakers", "400");

    let steps: Vec<String> = app.record_steps("event_expenses", &hall).unwrap().into_iter().map(|s| s.to).collect();
    assert_eq!(steps, ["approved", "rejected"]);
    let approved = app.step_record("event_expenses", &hall, "approved").unwrap();
    assert_eq!(approved["status"], "approved");
    let owner: String =
        scalar(&dir, "SELECT user_id FROM account_users WHERE role = 'owner' ORDER BY account_id LIMIT 1");
    assert_eq!(approved["approved_by"], owner.as_str(), "the owner of a workspace never connected");
    assert!(approved["approved_at"].is_string());
    app.step_record("event_expenses", &ads, "rejected").unwrap();
    app.step_record("event_expenses", &fees, "approved").unwrap();
    let paid = app.step_record("event_expenses", &fees, "paid").unwrap();
    assert_eq!(paid["payment_date"].as_str().unwrap().len(), 10);

    // A step the workflow does not have is refused, naming the field; nothing changes.
    let refused = app.step_record("event_expenses", &lunch, "paid").unwrap_err();
    assert_eq!((refused.code, refused.field.as_deref()), (ErrorCode::Invalid, Some("status")));
    assert!(refused.message.contains("approved or rejected"), "{}", refused.message);
    assert!(app.step_record("event_expenses", &fees, "pending").is_err(), "paid is the end");
    assert!(app.record_steps("event_expenses", &fees).unwrap().is_empty());
    // Reopening a rejected expense clears who decided.
    let reopened = app.step_record("event_expenses", &ads, "pending").unwrap();
    assert_eq!(reopened["approved_by"], Value::Null);
    app.step_record("event_expenses", &ads, "rejected").unwrap();

    // Revenue: two tickets sold, one refunded; sponsorship: one confirmed sponsor.
    let buyer = Holder { name: "Rita Sousa".into(), email: "rita@example.pt".into() };
    let sale = SaleRequest { event: event.clone(), quantity: 2, buyer, holders: vec![], payment: Payment::Card };
    let sold = app.sell(&sale).unwrap();
    app.void_ticket(&sold.tickets[0].ticket_number, VoidKind::Refund, Some("ill")).unwrap();
    create(
        &mut app,
        "sponsors",
        json!({"event_id": event, "company_name": "Acme", "sponsorship_amount": "2000.00", "status": "confirmed"}),
    );

    let budget = app.budget(&event).unwrap();
    assert_eq!(budget.totals.approved_cents, 100_050);
    assert_eq!(budget.totals.pending_cents, 25_025);
    assert_eq!(budget.totals.rejected_cents, 9_999);
    assert_eq!(budget.totals.paid_cents, 40_000);
    let catering = budget.categories.iter().find(|c| c.category == "catering").unwrap();
    assert_eq!(catering.totals.pending_cents, 25_025);
    assert_eq!(budget.ticket_revenue_cents, 4_500, "the refunded ticket's price is not revenue");
    assert_eq!(budget.sponsorship_cents, 200_000);
    assert_eq!(budget.committed_cents, 140_050);
    assert_eq!(budget.result_cents, 4_500 + 200_000 - 140_050);
    assert_eq!(budget.expenses.len(), 4);

    // The steps are stored: the replica file says so on a connection of its own.
    let status: String =
        scalar(&dir, &format!("SELECT status || ' ' || payment_date FROM event_expenses WHERE id = '{fees}'"));
    assert!(status.starts_with("paid 20"), "{status}");
}

#[test]
fn an_announcement_is_scheduled_only_for_a_future_time_and_publishing_records_when() {
    let (_dir, mut app) = demo();
    let event = lisbon_event(&mut app);
    let note = create(
        &mut app,
        "event_announcements",
        json!({"event_id": event, "title": "Doors", "content": "Doors open at 8"}),
    );
    let refused = app.step_record("event_announcements", &note, "scheduled").unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("scheduled_for"));
    app.update_record("event_announcements", &note, row(json!({"scheduled_for": "2099-01-01T08:00:00.000000Z"})))
        .unwrap();
    assert_eq!(app.step_record("event_announcements", &note, "scheduled").unwrap()["status"], "scheduled");
    let sent = app.step_record("event_announcements", &note, "sent").unwrap();
    assert_eq!(sent["status"], "sent");
    assert!(sent["sent_at"].is_string());
    assert!(app.record_steps("event_announcements", &note).unwrap().is_empty(), "sent is the end");
    assert!(app.record_steps("events", &event).unwrap().is_empty(), "a table with no workflow has no steps");
}

#[test]
fn analytics_count_sales_per_day_check_ins_per_quarter_hour_and_feedback() {
    let (dir, mut app) = demo();
    let event = lisbon_event(&mut app);
    let session = create(
        &mut app,
        "sessions",
        json!({"event_id": event, "title": "Opening", "start_time": "2026-07-10T08:00:00Z", "end_time": "2026-07-10T09:00:00Z", "max_attendees": 100}),
    );
    let buyer = Holder { name: "Rita Sousa".into(), email: "rita@example.pt".into() };
    let sale = SaleRequest { event: event.clone(), quantity: 3, buyer, holders: vec![], payment: Payment::Cash };
    let sold = app.sell(&sale).unwrap();
    let door = |session_id: Option<String>| DoorSetup {
        event_id: event.clone(),
        gate: "A".into(),
        mode: DoorMode::Entry,
        session_id,
    };
    for (i, ticket) in sold.tickets.iter().enumerate() {
        let scan = DoorScan { door: door(None), method: ScanMethod::QrCode, payload: ticket.payload.clone() };
        assert_eq!(app.check_in(&scan).unwrap().kind, VerdictKind::Admitted);
        if i < 2 {
            let scan = DoorScan {
                door: door(Some(session.clone())),
                method: ScanMethod::QrCode,
                payload: ticket.payload.clone(),
            };
            app.check_in(&scan).unwrap();
        }
    }
    let attendee: String =
        scalar(&dir, &format!("SELECT id FROM attendees WHERE event_id = '{event}' ORDER BY id LIMIT 1"));
    create(
        &mut app,
        "event_feedback",
        json!({"event_id": event, "attendee_id": attendee, "overall_rating": 4, "venue_rating": 3, "comments": "Great talks"}),
    );
    create(
        &mut app,
        "event_feedback",
        json!({"event_id": event, "session_id": session, "overall_rating": 5, "is_anonymous": true, "comments": "Loved it"}),
    );

    // A ticket bought by mistake is refunded: every screen's revenue leaves it out alike.
    let extra = SaleRequest {
        event: event.clone(),
        quantity: 1,
        buyer: Holder { name: "Rui".into(), email: "rui@example.pt".into() },
        holders: vec![],
        payment: Payment::Card,
    };
    let extra = app.sell(&extra).unwrap();
    app.void_ticket(&extra.tickets[0].ticket_number, VoidKind::Refund, None).unwrap();

    let figures = app.event_analytics(&event).unwrap();
    let earned: i64 = figures.sales_per_day.iter().map(|d| d.revenue_cents).sum();
    assert_eq!(earned, 13_500);
    assert_eq!(app.budget(&event).unwrap().ticket_revenue_cents, earned);
    assert_eq!(app.event(&event).unwrap().summary.revenue_cents, earned);
    assert_eq!(figures.zone, "Europe/Lisbon");
    assert_eq!(figures.sales_per_day.len(), 1);
    assert_eq!((figures.sales_per_day[0].orders, figures.sales_per_day[0].tickets), (2, 4), "the refunded order too");
    let scanned: i64 = figures.check_ins_per_quarter_hour.iter().map(|q| q.check_ins).sum();
    assert_eq!(scanned, 5, "three at the door, two at the session");
    assert!(
        figures
            .check_ins_per_quarter_hour
            .iter()
            .all(|q| q.starts_local.ends_with(['0', '5']) && q.starts_local.len() == 16)
    );
    let opening = figures.sessions.iter().find(|s| s.id == session).unwrap();
    assert_eq!((opening.attended, opening.max_attendees), (2, Some(100)));
    assert_eq!(figures.feedback.responses, 2);
    assert_eq!(figures.feedback.overall, Some(4.5));
    assert_eq!(figures.feedback.venue, Some(3.0));
    assert_eq!(figures.feedback.speaker, None);
    assert_eq!(figures.session_feedback.len(), 1);
    assert_eq!(figures.session_feedback[0].ratings.overall, Some(5.0));
    let authors: Vec<Option<String>> = figures.comments.iter().map(|c| c.author.clone()).collect();
    assert!(authors.contains(&None), "an anonymous comment has no author");
    assert!(authors.contains(&Some("Rita Sousa".into())));
}
