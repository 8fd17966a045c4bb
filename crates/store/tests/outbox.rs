//! The outbox and pulled rows: capture in the write's own transaction, pulled rows never
//! captured and never over a pending field, tombstones, settling the server's answers.
#![allow(clippy::unwrap_used)]

mod common;

use common::{fixture, row};
use eventos_model::hlc::Timestamp;
use eventos_store::{Op, Outcome, ROW_GONE, StoreError};
use serde_json::{Value, json};

fn venue_row(f: &common::Fixture, name: &str, city: &str) -> eventos_store::Row {
    row(json!({"id": f.venue, "account_id": f.account, "name": name, "city": city, "capacity": 5000,
               "created_at": "2026-11-20T10:00:00+00:00", "updated_at": "2026-11-21T10:00:00.5+00:00",
               "_hlc": {"*": "1795300000000-00000-server", "city": "1795300000500-00003-server"}}))
}

#[test]
fn nothing_is_captured_until_the_workspace_is_connected() {
    let mut f = fixture();
    assert_eq!(f.store.outbox().unwrap(), []);
    f.store.set_capture(true).unwrap();
    let venue = f.venue.clone();
    f.store.write(|w| w.update("venues", &venue, row(json!({"city": "Mississauga"})))).unwrap();
    assert_eq!(f.store.outbox().unwrap().len(), 1);
}

#[test]
fn every_local_write_lands_in_the_outbox_in_its_own_transaction() {
    let mut f = fixture();
    f.store.set_capture(true).unwrap();
    let (account, venue) = (f.account.clone(), f.venue.clone());
    let new_venue = f
        .store
        .write(|w| {
            let id = w.insert("venues", row(json!({"account_id": account, "name": "Roy Thomson Hall"})))?;
            w.update("venues", &venue, row(json!({"capacity": 4000})))?;
            w.delete("venues", &id)?;
            Ok(id)
        })
        .unwrap();
    let changes = f.store.outbox().unwrap();
    let ops: Vec<(Op, &str)> = changes.iter().map(|c| (c.op, c.row_id.as_str())).collect();
    assert_eq!(ops, [(Op::Insert, new_venue.as_str()), (Op::Update, venue.as_str()), (Op::Delete, new_venue.as_str())]);
    // The insert carries the whole row as stored (defaults included), the update what changed.
    let inserted = changes[0].data.as_ref().unwrap();
    assert_eq!(inserted["city"], "Toronto");
    assert_eq!(inserted["name"], "Roy Thomson Hall");
    assert!(inserted.contains_key("created_at"));
    let updated = changes[1].data.as_ref().unwrap();
    assert_eq!(updated.keys().map(String::as_str).collect::<Vec<_>>(), ["capacity"], "the server stamps updated_at");
    assert!(changes[2].data.is_none());
    // Clocks only go forward, with this device's node.
    let node = f.store.device_node().unwrap();
    assert!(changes.windows(2).all(|w| w[0].hlc < w[1].hlc));
    assert!(changes.iter().all(|c| c.hlc.ends_with(&format!("-{node}"))));

    // A write that fails leaves no trace in the outbox either.
    let before = f.store.outbox().unwrap().len();
    let failed = f.store.write(|w| {
        w.update("venues", &venue, row(json!({"city": "Oakville"})))?;
        w.update("venues", &venue, row(json!({"capacity": 3})))
    });
    assert!(matches!(failed, Err(StoreError::Invalid(_))));
    assert_eq!(f.store.outbox().unwrap().len(), before);
}

#[test]
fn pulled_rows_are_not_captured_and_keep_pending_local_fields() {
    let mut f = fixture();
    f.store.set_capture(true).unwrap();
    let venue = f.venue.clone();
    f.store.write(|w| w.update("venues", &venue, row(json!({"name": "My local name"})))).unwrap();
    let pulled = venue_row(&f, "Server name", "Hamilton");
    f.store
        .write(|w| {
            w.defer_foreign_keys()?;
            w.apply_pulled("venues", &pulled)
        })
        .unwrap();
    let stored = f.store.get("venues", &venue).unwrap().unwrap();
    assert_eq!(stored["name"], "My local name", "a field waiting to go up keeps its local value");
    assert_eq!(stored["city"], "Hamilton");
    assert_eq!(stored["created_at"], "2026-11-20T10:00:00.000000Z", "server timestamps in the replica's form");
    assert_eq!(stored["updated_at"], "2026-11-21T10:00:00.500000Z");
    assert_eq!(f.store.outbox().unwrap().len(), 1, "applying a pull adds nothing to the outbox");

    // Clocks seen in the pull order this device's next edit after them.
    f.store.write(|w| w.update("venues", &venue, row(json!({"postal_code": "M5V 2T6"})))).unwrap();
    let last = f.store.outbox().unwrap().pop().unwrap();
    assert!(Timestamp::parse(&last.hlc).unwrap() > Timestamp::parse("1795300000500-00003-server").unwrap());
}

#[test]
fn rows_apply_in_any_order_within_a_pull() {
    let mut f = fixture();
    let account = f.account.clone();
    let (event, order) = ("e2222222-2222-4222-8222-222222222222", "02222222-2222-4222-8222-222222222222");
    f.store
        .write(|w| {
            w.defer_foreign_keys()?;
            // The child before its parent, as a pull may bring them.
            w.apply_pulled(
                "orders",
                &row(json!({"id": order, "account_id": account, "event_id": event, "order_number": "ORD-20261122-02222222",
                            "quantity": 1, "unit_price_cents": 0, "total_cents": 0, "payment_status": "paid",
                            "created_at": "2026-11-22T10:00:00Z", "updated_at": "2026-11-22T10:00:00Z"})),
            )?;
            w.apply_pulled(
                "events",
                &row(json!({"id": event, "account_id": account, "organizer_id": f.organizer, "name": "Pulled",
                            "slug": "pulled-e2222222", "type": "workshop", "start_at": "2026-12-01T10:00:00Z",
                            "end_at": "2026-12-01T12:00:00Z", "capacity": 20, "price_cents": 0, "status": "draft",
                            "visibility": "public", "created_at": "2026-11-22T10:00:00Z", "updated_at": "2026-11-22T10:00:00Z"})),
            )
        })
        .unwrap();
    assert!(f.store.get("orders", order).unwrap().is_some());
}

#[test]
fn a_tombstone_deletes_and_fails_what_waited_for_that_row() {
    let mut f = fixture();
    f.store.set_capture(true).unwrap();
    let venue = f.venue.clone();
    f.store.write(|w| w.update("venues", &venue, row(json!({"city": "Oakville"})))).unwrap();
    f.store.write(|w| w.apply_tombstone("venues", &venue)).unwrap();
    assert!(f.store.get("venues", &venue).unwrap().is_none());
    assert_eq!(f.store.pending_changes(10).unwrap(), []);
    let failed = f.store.outbox().unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].error.as_deref(), Some(ROW_GONE));
}

#[test]
fn a_local_delete_waiting_to_go_up_is_not_undone_by_a_pull() {
    let mut f = fixture();
    let account = f.account.clone();
    let venue =
        f.store.write(|w| w.insert("venues", row(json!({"account_id": account, "name": "Gone Soon"})))).unwrap();
    f.store.set_capture(true).unwrap();
    f.store.write(|w| w.delete("venues", &venue)).unwrap();
    let pulled = row(json!({"id": venue, "account_id": f.account, "name": "Gone Soon",
                            "created_at": "2026-11-20T10:00:00Z", "updated_at": "2026-11-20T10:00:00Z"}));
    f.store.write(|w| w.apply_pulled("venues", &pulled)).unwrap();
    assert!(f.store.get("venues", &venue).unwrap().is_none());
}

#[test]
fn settling_answers_empties_the_outbox_logs_conflicts_and_keeps_refusals() {
    let mut f = fixture();
    f.store.set_capture(true).unwrap();
    let venue = f.venue.clone();
    f.store
        .write(|w| {
            w.update("venues", &venue, row(json!({"name": "Applied"})))?;
            w.update("venues", &venue, row(json!({"city": "Mine"})))?;
            w.update("venues", &venue, row(json!({"capacity": 4500})))?;
            w.update("venues", &venue, row(json!({"postal_code": "M1M 1M1"})))
        })
        .unwrap();
    let changes = f.store.pending_changes(10).unwrap();
    let answers = vec![
        (changes[0].clone(), Outcome::Applied),
        (changes[1].clone(), Outcome::Lost { fields: vec!["city".into()] }),
        (changes[2].clone(), Outcome::Refused { error: "new row violates row-level security policy".into() }),
        (changes[3].clone(), Outcome::Unanswered),
    ];
    f.store.settle(&answers).unwrap();
    let left: Vec<(String, Option<String>, i64)> =
        f.store.outbox().unwrap().into_iter().map(|c| (c.change_id, c.error, c.attempts)).collect();
    assert_eq!(
        left,
        [
            (changes[2].change_id.clone(), Some("new row violates row-level security policy".into()), 1),
            (changes[3].change_id.clone(), None, 1)
        ]
    );
    assert_eq!(f.store.pending_changes(10).unwrap().len(), 1, "a refused change waits for the user");

    // The lost field's conflict learns the winner when the row is pulled.
    let pulled = venue_row(&f, "Applied", "Hamilton");
    f.store.write(|w| w.apply_pulled("venues", &pulled)).unwrap();
    let conflict: (String, String, String, String) = f
        .store
        .connection()
        .query_row("SELECT field, mine, winner, winner_hlc FROM sync_conflicts", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    assert_eq!(
        conflict,
        (
            "city".into(),
            Value::from("Mine").to_string(),
            Value::from("Hamilton").to_string(),
            "1795300000500-00003-server".into()
        )
    );

    assert!(f.store.retry_change(&changes[2].change_id).unwrap());
    assert_eq!(f.store.pending_changes(10).unwrap().len(), 2);
    assert!(f.store.discard_change(&changes[2].change_id).unwrap());
    assert_eq!(f.store.outbox_counts().unwrap(), (1, 0));
}

#[test]
fn scopes_are_checked_and_keep_their_cursor() {
    let mut f = fixture();
    assert!(f.store.add_scope("account:not-a-uuid").is_err());
    let scope = format!("account:{}", f.account);
    f.store.add_scope(&scope).unwrap();
    f.store.add_scope(&scope).unwrap();
    assert_eq!(f.store.scopes().unwrap().len(), 1);
    f.store.write(|w| w.set_bootstrap_progress(&scope, &json!({"cursor": "5:0", "table": 3}))).unwrap();
    assert_eq!(f.store.scopes().unwrap()[0].bootstrap, Some(json!({"cursor": "5:0", "table": 3})));
    f.store.write(|w| w.set_scope_cursor(&scope, "7:42")).unwrap();
    let state = &f.store.scopes().unwrap()[0];
    assert_eq!((state.cursor.as_deref(), state.bootstrap.as_ref()), (Some("7:42"), None));
}

#[test]
fn a_check_in_another_door_sent_is_kept_once_and_queued_under_its_own_change() {
    let mut a = fixture();
    a.store.checkpoint().unwrap();
    let copy = |name: &str| {
        let path = a.dir.path().join(name);
        std::fs::copy(a.dir.path().join("replica.db"), &path).unwrap();
        eventos_store::Store::open(&path).unwrap()
    };
    let (mut b, mut c) = (copy("b.db"), copy("c.db"));
    a.store.set_capture(true).unwrap();
    let checkin = row(json!({"event_id": a.event, "attendee_id": a.attendee, "ticket_id": a.ticket,
                             "check_in_time": "2026-12-07T18:00:00Z", "is_present": true, "location": "Gate A",
                             "check_in_method": "qr_code", "device_id": "door-a"}));
    let id = a.store.write(|w| w.insert("event_checkins", checkin)).unwrap();
    let sent = a.store.get("event_checkins", &id).unwrap().unwrap();
    let pending = a.store.pending_insert("event_checkins", &id).unwrap().expect("waiting to go up at door A");
    assert_eq!(a.store.outbox().unwrap()[0].change_id, pending.change_id);

    // Door B is connected too: it queues the same change, so whichever door pushes first wins
    // and the server answers the other "duplicate".
    b.set_capture(true).unwrap();
    assert!(b.write_partial(|w| w.apply_relayed("event_checkins", &sent, Some(&pending))).unwrap());
    assert!(!b.write_partial(|w| w.apply_relayed("event_checkins", &sent, Some(&pending))).unwrap());
    let queued = b.outbox().unwrap();
    assert_eq!(queued.len(), 1);
    assert_eq!(
        (queued[0].change_id.as_str(), queued[0].hlc.as_str()),
        (pending.change_id.as_str(), pending.hlc.as_str())
    );
    assert_eq!(queued[0].op, Op::Insert);
    assert_eq!(queued[0].data.as_ref().unwrap()["location"], "Gate A");
    let ticket = b.get("tickets", &a.ticket).unwrap().unwrap();
    assert_eq!(ticket["status"], "used", "the trigger ran for the relayed row");
    // B's clock moved past A's, so its own next change sorts after the relayed one.
    let venue = a.venue.clone();
    b.write(|w| w.update("venues", &venue, row(json!({"city": "Ottawa"})))).unwrap();
    let next = b.outbox().unwrap().pop().unwrap();
    assert!(Timestamp::parse(&next.hlc).unwrap() > Timestamp::parse(&pending.hlc).unwrap());

    // A row its door already pushed comes with no change: kept, and nothing queued.
    c.set_capture(true).unwrap();
    assert!(c.write_partial(|w| w.apply_relayed("event_checkins", &sent, None)).unwrap());
    assert_eq!(c.outbox().unwrap(), []);
    assert!(c.get("event_checkins", &id).unwrap().is_some());
}
