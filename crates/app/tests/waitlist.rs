//! The waitlist through the facade, offline over the demo replica: people join a full event in
//! order; a refund, a cancellation or more capacity offers the freed places to the next ones,
//! held against sales until the offer expires; an offer becomes a paid order in one step, and
//! an expired one moves on.
#![allow(clippy::unwrap_used)]

mod common;

use common::{demo, scalar};

use eventos_app::box_office::{Holder, Payment, SaleRequest, VoidKind, Waitlist};
use eventos_app::door::{DoorMode, DoorScan, DoorSetup, ScanMethod, VerdictKind};
use eventos_app::organize::{EventDraft, VenueChoice};
use eventos_app::{App, ErrorCode};
use serde_json::json;

fn person(name: &str) -> Holder {
    Holder { name: name.into(), email: format!("{}@example.com", name.to_lowercase()) }
}

/// A published event of 10 places, all sold (in one order); returns it and the order's tickets.
fn full_event(app: &mut App) -> (String, Vec<String>) {
    let draft = EventDraft {
        name: "Small Workshop".into(),
        kind: "workshop".into(),
        venue: VenueChoice::None,
        starts: "2027-02-10T09:00".into(),
        ends: "2027-02-10T12:00".into(),
        capacity: 10,
        price_cents: 2_000,
        visibility: "public".into(),
        description: None,
    };
    let event = app.create_event(&draft).unwrap().summary.id;
    app.set_event_status(&event, "published").unwrap();
    let sale = SaleRequest {
        event: event.clone(),
        quantity: 10,
        buyer: person("Buyer"),
        holders: vec![],
        payment: Payment::Cash,
    };
    let tickets = app.sell(&sale).unwrap().tickets.into_iter().map(|t| t.ticket_number).collect();
    (event, tickets)
}

fn statuses(list: &Waitlist) -> Vec<(String, String)> {
    list.entries.iter().map(|e| (e.name.clone(), e.status.clone())).collect()
}

fn pair(name: &str, status: &str) -> (String, String) {
    (name.to_owned(), status.to_owned())
}

#[test]
fn freed_places_are_offered_in_order_held_against_sales_and_an_offer_becomes_an_order() {
    let (dir, mut app) = demo();
    let (event, tickets) = full_event(&mut app);
    for name in ["Ana", "Bruno", "Chloé"] {
        app.join_waitlist(&event, &person(name), None).unwrap();
    }
    let list = app.waitlist(&event).unwrap();
    assert_eq!(statuses(&list), [pair("Ana", "waiting"), pair("Bruno", "waiting"), pair("Chloé", "waiting")]);
    assert_eq!(list.entries.iter().map(|e| e.position).collect::<Vec<_>>(), [Some(1), Some(2), Some(3)]);
    assert!(list.moved.is_empty(), "nothing was free");

    // A refund frees a place: the first in line is offered it, for 48 hours.
    app.void_ticket(&tickets[0], VoidKind::Refund, Some("cannot come")).unwrap();
    let list = app.waitlist(&event).unwrap();
    assert_eq!(statuses(&list)[..2], [pair("Ana", "offered"), pair("Bruno", "waiting")]);
    let ana = &list.entries[0];
    let offered =
        time::OffsetDateTime::parse(ana.offered_at.as_deref().unwrap(), &time::format_description::well_known::Rfc3339)
            .unwrap();
    let expires =
        time::OffsetDateTime::parse(ana.expires_at.as_deref().unwrap(), &time::format_description::well_known::Rfc3339)
            .unwrap();
    assert_eq!(expires - offered, time::Duration::hours(48));
    assert_eq!(list.places_held, 1);

    // The held place is not sold to anyone else.
    let office = app.box_office(&event).unwrap();
    assert_eq!((office.places_taken, office.places_held, office.places_left), (9, 1, 0));
    let sale = SaleRequest {
        event: event.clone(),
        quantity: 1,
        buyer: person("Walkin"),
        holders: vec![],
        payment: Payment::Cash,
    };
    let refused = app.sell(&sale).unwrap_err();
    assert_eq!(refused.code, ErrorCode::SoldOut);
    assert!(refused.message.contains("1 held for waitlist offers"), "{}", refused.message);

    // The offer becomes a paid order in one step: Ana's own waitlist order, with a ticket the
    // door admits.
    let orders_before: i64 = scalar(&dir, "SELECT count(*) FROM orders");
    let sold = app.convert_waitlist_entry(&ana.id, Payment::Card).unwrap();
    assert_eq!(sold.tickets.len(), 1);
    assert_eq!(sold.tickets[0].name.as_deref(), Some("Ana"));
    assert_eq!(sold.total_cents, 2_000);
    assert_eq!(scalar::<i64>(&dir, "SELECT count(*) FROM orders"), orders_before, "her pending order was paid");
    let paid: String = scalar(
        &dir,
        &format!(
            "SELECT payment_status || ' ' || payment_method FROM orders WHERE order_number = '{}'",
            sold.order_number
        ),
    );
    assert_eq!(paid, "paid card");
    assert_eq!((sold.box_office.places_held, sold.box_office.places_left), (0, 0));
    let door = DoorSetup { event_id: event.clone(), gate: "Main".into(), mode: DoorMode::Entry, session_id: None };
    let scan = DoorScan { door, method: ScanMethod::QrCode, payload: sold.tickets[0].payload.clone() };
    assert_eq!(app.check_in(&scan).unwrap().kind, VerdictKind::Admitted);
    let again = app.convert_waitlist_entry(&ana.id, Payment::Cash).unwrap_err();
    assert_eq!((again.code, again.field.as_deref()), (ErrorCode::Invalid, Some("status")));

    // Two more places: Bruno and Chloé are offered them.
    app.update_record("events", &event, json!({"capacity": 12}).as_object().cloned().unwrap()).unwrap();
    let list = app.waitlist(&event).unwrap();
    assert_eq!(statuses(&list), [pair("Ana", "converted"), pair("Bruno", "offered"), pair("Chloé", "offered")]);

    // Dana joins a full house and waits; Bruno's offer lapses and moves on to her.
    let list = app.join_waitlist(&event, &person("Dana"), Some("session_full")).unwrap();
    assert_eq!(statuses(&list)[3], pair("Dana", "waiting"));
    assert_eq!(list.entries[3].reason.as_deref(), Some("session_full"));
    let bruno = list.entries[1].id.clone();
    let lapsed = json!({"expires_at": "2026-01-01T00:00:00.000000Z"}).as_object().cloned().unwrap();
    app.update_record("event_waitlists", &bruno, lapsed).unwrap();
    let list = app.waitlist(&event).unwrap();
    assert_eq!(statuses(&list)[1..], [pair("Bruno", "expired"), pair("Chloé", "offered"), pair("Dana", "offered")]);
    assert_eq!(list.moved.len(), 2, "{:?}", list.moved);
    let expired = app.convert_waitlist_entry(&bruno, Payment::Cash).unwrap_err();
    assert!(expired.message.contains("expired"), "{}", expired.message);

    // Chloé says no: her place is free again, with nobody left waiting.
    let chloe = list.entries[2].id.clone();
    let list = app.cancel_waitlist_entry(&chloe).unwrap();
    assert_eq!(statuses(&list)[2], pair("Chloé", "cancelled"));
    assert_eq!(app.box_office(&event).unwrap().places_left, 1);
    assert_eq!(app.cancel_waitlist_entry(&chloe).unwrap_err().code, ErrorCode::Invalid);
}

#[test]
fn a_draft_event_offers_nothing_until_it_is_published() {
    let (_dir, mut app) = demo();
    let draft = EventDraft {
        name: "Draft Talk".into(),
        kind: "seminar".into(),
        venue: VenueChoice::None,
        starts: "2027-03-01T18:00".into(),
        ends: "2027-03-01T19:00".into(),
        capacity: 10,
        price_cents: 0,
        visibility: "public".into(),
        description: None,
    };
    let event = app.create_event(&draft).unwrap().summary.id;
    let list = app.join_waitlist(&event, &person("Eve"), None).unwrap();
    assert_eq!(statuses(&list), [pair("Eve", "waiting")]);
    assert_eq!(app.join_waitlist(&event, &person(" "), None).unwrap_err().field.as_deref(), Some("person.name"));
    app.set_event_status(&event, "published").unwrap();
    assert_eq!(statuses(&app.waitlist(&event).unwrap()), [pair("Eve", "offered")]);
}
