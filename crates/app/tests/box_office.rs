//! The box office through the facade, offline over the demo replica: a sale writes one paid
//! order with a ticket per holder that the door admits; capacity, quantities and bad names
//! are refused before anything is written; cancelling and refunding void tickets so the door
//! refuses them, and a partly refunded order stays paid.
#![allow(clippy::unwrap_used)]

mod common;

use common::{demo, scalar};

use eventos_app::box_office::{Holder, Payment, SaleRequest, VoidKind};
use eventos_app::door::{DoorMode, DoorScan, DoorSetup, ScanMethod, VerdictKind};
use eventos_app::{App, ErrorCode};
use rusqlite::Connection;

struct Office {
    dir: tempfile::TempDir,
    app: App,
    event: String,
}

/// The demo's published event with the most places left.
fn office() -> Office {
    let (dir, app) = demo();
    let event = scalar::<String>(
        &dir,
        "SELECT e.id FROM events e WHERE e.status = 'published' ORDER BY e.capacity - \
         (SELECT count(*) FROM tickets t WHERE t.event_id = e.id AND t.status IN ('active', 'used')) DESC, e.id LIMIT 1",
    );
    Office { dir, app, event }
}

fn holder(name: &str, email: &str) -> Holder {
    Holder { name: name.into(), email: email.into() }
}

fn sale(event: &str, quantity: u32, holders: Vec<Option<Holder>>, payment: Payment) -> SaleRequest {
    SaleRequest { event: event.into(), quantity, buyer: holder(" Ana Lima ", "ana@example.com"), holders, payment }
}

impl Office {
    fn scan(&mut self, payload: &str) -> VerdictKind {
        let door = DoorSetup {
            event_id: self.event.clone(),
            gate: "Box office".into(),
            mode: DoorMode::Entry,
            session_id: None,
        };
        self.app.check_in(&DoorScan { door, method: ScanMethod::QrCode, payload: payload.into() }).unwrap().kind
    }

    fn count(&self, sql: &str) -> i64 {
        scalar(&self.dir, sql)
    }
}

#[test]
fn a_sale_is_one_paid_order_with_a_ticket_per_holder_that_the_door_admits() {
    let mut o = office();
    o.app.ensure_ticket_key(&o.event).unwrap();
    let before = o.app.box_office(&o.event).unwrap();
    assert!(before.closed_because.is_none(), "{before:?}");
    let orders = o.count("SELECT count(*) FROM orders");

    let holders = vec![None, Some(holder("Bruno Ćosić", "bruno@example.com"))];
    let sold = o.app.sell(&sale(&o.event, 3, holders, Payment::Cash)).unwrap();

    assert_eq!(sold.tickets.len(), 3);
    assert_eq!(sold.total_cents, 3 * before.price_cents);
    assert!(sold.order_number.starts_with("ORD-"));
    let mut names: Vec<_> = sold.tickets.iter().map(|t| t.name.clone().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["Ana Lima", "Ana Lima", "Bruno Ćosić"], "trimmed; the buyer where no holder is given");
    assert!(sold.tickets.iter().all(|t| t.signed), "this computer holds the event's key");
    assert_eq!(sold.box_office.places_taken, before.places_taken + 3);
    assert_eq!(o.count("SELECT count(*) FROM orders"), orders + 1);
    let order = format!("SELECT {{}} FROM orders WHERE order_number = '{}'", sold.order_number);
    assert_eq!(scalar::<String>(&o.dir, &order.replace("{}", "payment_status")), "paid");
    assert_eq!(scalar::<String>(&o.dir, &order.replace("{}", "payment_method")), "cash");
    assert_eq!(scalar::<i64>(&o.dir, &order.replace("{}", "quantity")), 3);

    for ticket in &sold.tickets {
        assert_eq!(o.scan(&ticket.payload), VerdictKind::Admitted, "{}", ticket.ticket_number);
    }
    assert_eq!(o.scan(&sold.tickets[0].payload), VerdictKind::AlreadyCheckedIn);
}

#[test]
fn a_complimentary_ticket_costs_nothing_and_an_event_by_slug_sells_too() {
    let mut o = office();
    let slug: String = scalar(&o.dir, &format!("SELECT slug FROM events WHERE id = '{}'", o.event));
    let sold = o.app.sell(&sale(&slug, 2, vec![], Payment::Complimentary)).unwrap();
    assert_eq!(sold.total_cents, 0);
    assert_eq!(o.scan(&sold.tickets[1].payload), VerdictKind::Admitted);
}

#[test]
fn bad_sales_are_refused_naming_the_field_and_write_nothing() {
    let mut o = office();
    let count =
        "SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM attendees) + (SELECT count(*) FROM tickets)";
    let rows = o.count(count);
    let event = o.event.clone();
    let refused = |o: &mut Office, request: SaleRequest| o.app.sell(&request).unwrap_err();

    let e = refused(&mut o, sale(&event, 0, vec![], Payment::Cash));
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Invalid, Some("quantity")));
    let e = refused(&mut o, sale(&event, 21, vec![], Payment::Cash));
    assert_eq!(e.field.as_deref(), Some("quantity"));
    let e = refused(&mut o, sale(&event, 2, vec![None, Some(holder("  ", "x@example.com"))], Payment::Card));
    assert_eq!(e.field.as_deref(), Some("holders.1.name"));
    let mut bad_buyer = sale(&event, 1, vec![], Payment::Card);
    bad_buyer.buyer.email = "ana at example".into();
    let e = refused(&mut o, bad_buyer);
    assert_eq!(e.field.as_deref(), Some("buyer.email"));
    assert!(e.message.contains("ana at example"), "{}", e.message);
    let e = refused(&mut o, sale("no-such-event", 1, vec![], Payment::Cash));
    assert_eq!(e.code, ErrorCode::NotFound);

    // Past capacity, as this computer knows it: two places left, three asked for.
    let taken = o.app.box_office(&event).unwrap().places_taken;
    let patch = serde_json::json!({"capacity": taken + 2}).as_object().cloned().unwrap();
    o.app.update_record("events", &event, patch).unwrap();
    let e = refused(&mut o, sale(&event, 3, vec![], Payment::Cash));
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::SoldOut, Some("quantity")), "{}", e.message);
    assert!(e.message.contains("only 2 of"), "{}", e.message);

    // A draft event does not sell.
    let draft: String = scalar(&o.dir, "SELECT id FROM events WHERE status = 'draft' ORDER BY id LIMIT 1");
    let e = refused(&mut o, sale(&draft, 1, vec![], Payment::Cash));
    assert!(e.message.contains("draft"), "{}", e.message);
    assert_eq!(o.count(count), rows, "nothing was written");
}

#[test]
fn the_last_places_sell_once_and_then_the_event_is_sold_out() {
    let mut o = office();
    let office = o.app.box_office(&o.event).unwrap();
    // Make the event nearly full: capacity = taken + 2.
    let capacity = (office.places_taken + 2).max(10);
    let patch = serde_json::json!({"capacity": capacity}).as_object().cloned().unwrap();
    o.app.update_record("events", &o.event, patch).unwrap();
    let left = o.app.box_office(&o.event).unwrap().places_left;
    assert!(left >= 1);
    o.app.sell(&sale(&o.event.clone(), u32::try_from(left).unwrap(), vec![], Payment::Card)).unwrap();
    let full = o.app.box_office(&o.event).unwrap();
    assert_eq!(full.places_left, 0);
    assert!(full.closed_because.unwrap().contains("sold out"));
    let e = o.app.sell(&sale(&o.event.clone(), 1, vec![], Payment::Card)).unwrap_err();
    assert_eq!(e.code, ErrorCode::SoldOut);
}

#[test]
fn refunding_one_ticket_keeps_the_order_paid_and_the_door_refuses_only_that_ticket() {
    let mut o = office();
    let sold = o.app.sell(&sale(&o.event.clone(), 2, vec![], Payment::Card)).unwrap();
    let (first, second) = (&sold.tickets[0], &sold.tickets[1]);

    let voided =
        o.app.void_ticket(&first.ticket_number.to_lowercase(), VoidKind::Refund, Some(" Cannot come ")).unwrap();
    assert_eq!(voided.voided, std::slice::from_ref(&first.ticket_number));
    assert!(!voided.order_refunded, "one of two refunded: the order stays paid");
    let db = o.dir.path().to_owned();
    let ticket = |field: &str, number: &str| -> String {
        let sql = format!("SELECT {field} FROM tickets WHERE ticket_number = '{number}'");
        Connection::open(db.join("eventos.db")).unwrap().query_row(&sql, [], |r| r.get(0)).unwrap()
    };
    assert_eq!(ticket("status", &first.ticket_number), "refunded");
    assert_eq!(ticket("status_reason", &first.ticket_number), "Cannot come");
    assert_eq!(o.scan(&first.payload), VerdictKind::Refunded);
    assert_eq!(o.scan(&second.payload), VerdictKind::Admitted, "the other ticket is still good");

    // The used one cannot be refunded; the order has nothing left to void.
    let e = o.app.void_ticket(&second.ticket_number, VoidKind::Refund, None).unwrap_err();
    assert!(e.message.contains("checked in"), "{}", e.message);
    let e = o.app.void_order(&sold.order_number, VoidKind::Cancel, None).unwrap_err();
    assert_eq!(e.code, ErrorCode::Invalid);
    assert_eq!(ticket("status", &second.ticket_number), "used");
}

#[test]
fn refunding_a_whole_order_refunds_every_ticket_and_the_order() {
    let mut o = office();
    let sold = o.app.sell(&sale(&o.event.clone(), 3, vec![], Payment::Cash)).unwrap();
    let before = o.app.box_office(&o.event).unwrap().places_taken;
    let voided = o.app.void_order(&sold.order_number, VoidKind::Refund, Some("Event moved")).unwrap();
    assert_eq!(voided.voided.len(), 3);
    assert!(voided.order_refunded);
    let status: String =
        scalar(&o.dir, &format!("SELECT payment_status FROM orders WHERE order_number = '{}'", sold.order_number));
    assert_eq!(status, "refunded");
    assert_eq!(o.app.box_office(&o.event).unwrap().places_taken, before - 3, "refunded places are free again");
    for t in &sold.tickets {
        assert_eq!(o.scan(&t.payload), VerdictKind::Refunded);
    }
    let e = o.app.void_order(&sold.order_number, VoidKind::Refund, None).unwrap_err();
    assert!(e.message.contains("refunded"), "{}", e.message);

    // Cancelling keeps the order paid (the money was kept) and the door refuses the tickets.
    let sold = o.app.sell(&sale(&o.event.clone(), 1, vec![], Payment::Cash)).unwrap();
    let voided = o.app.void_order(&sold.order_number, VoidKind::Cancel, None).unwrap();
    assert!(!voided.order_refunded);
    assert_eq!(o.scan(&sold.tickets[0].payload), VerdictKind::Cancelled);
    let e = o.app.void_order("ORD-20000101-00000000", VoidKind::Refund, None).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
}

#[test]
fn a_ticket_changes_holder_and_its_signed_code_carries_the_new_name() {
    let mut o = office();
    o.app.ensure_ticket_key(&o.event).unwrap();
    let sold = o.app.sell(&sale(&o.event.clone(), 1, vec![], Payment::Cash)).unwrap();
    let number = &sold.tickets[0].ticket_number;
    let e = o.app.change_holder(number, &holder("Zoë Ng", "zoe@")).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("holder.email"));
    let code = o.app.change_holder(number, &holder("Zoë Ng", "zoe@example.com")).unwrap();
    assert_eq!(code.name.as_deref(), Some("Zoë Ng"));
    assert_ne!(code.payload, sold.tickets[0].payload, "signed anew with the new holder");
    let email: String = scalar(
        &o.dir,
        &format!(
            "SELECT a.email FROM tickets t JOIN attendees a ON a.id = t.attendee_id WHERE t.ticket_number = '{number}'"
        ),
    );
    assert_eq!(email, "zoe@example.com");
    assert_eq!(o.scan(&code.payload), VerdictKind::Admitted);
}
