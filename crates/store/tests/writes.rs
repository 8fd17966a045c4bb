//! Writing rows: generated values, typed errors naming the field, cascades, atomicity.
#![allow(clippy::unwrap_used)]

mod common;

use common::{fixture, row};
use eventos_store::{ConstraintKind, StoreError};
use serde_json::{Value, json};

fn field(err: &StoreError) -> (String, String) {
    let (t, f) = err.field().unwrap_or_else(|| panic!("{err} names no field"));
    (t.to_owned(), f.to_owned())
}

#[test]
fn codes_are_made_like_the_server_triggers() {
    let f = fixture();
    let event = f.store.get("events", &f.event).unwrap().unwrap();
    assert_eq!(event["slug"], "ai-summit-2025-e1111111");
    assert_eq!(event["start_at"], "2025-06-15T13:00:00.000000Z", "stored in UTC with micros");

    let order = f.store.get("orders", &f.order).unwrap().unwrap();
    assert_eq!(order["order_number"], format!("ORD-20251013-{}", &f.order[..8]));
    assert_eq!(order["total_cents"], 29_900);
    assert_eq!(order["account_id"], Value::String(f.account.clone()), "account taken from the event");

    let ticket = f.store.get("tickets", &f.ticket).unwrap().unwrap();
    assert_eq!(ticket["ticket_number"], format!("TKT-{}-251013", f.ticket[..8].to_uppercase()));
    assert_eq!(ticket["qr_code"].as_str().unwrap().len(), 44);
    assert_eq!(ticket["status"], "active", "default from the schema");
}

#[test]
fn codes_are_unique() {
    let mut f = fixture();
    let (event, order) = (f.event.clone(), f.order.clone());
    let taken = f.store.get("tickets", &f.ticket).unwrap().unwrap()["ticket_number"].clone();
    let err = f
        .store
        .write(|w| w.insert("tickets", row(json!({"event_id": event, "order_id": order, "ticket_number": taken}))))
        .unwrap_err();
    assert!(matches!(err, StoreError::Constraint { kind: ConstraintKind::Unique, .. }), "{err}");
    assert_eq!(field(&err), ("tickets".into(), "ticket_number".into()));
    assert_eq!(err.code(), "duplicate");

    let (account, organizer) = (f.account.clone(), f.organizer.clone());
    let same_name = json!({"account_id": account, "organizer_id": organizer, "name": "AI Summit 2025", "type": "seminar",
        "start_at": "2025-07-01T09:00:00Z", "end_at": "2025-07-01T12:00:00Z", "capacity": 50});
    let other = f.store.write(|w| w.insert("events", row(same_name))).unwrap();
    let slug = f.store.get("events", &other).unwrap().unwrap()["slug"].as_str().unwrap().to_owned();
    assert_eq!(slug, format!("ai-summit-2025-{}", &other[..8]), "same name, different slug");
}

#[test]
fn seed_limits_are_typed_errors_naming_the_field() {
    let mut f = fixture();
    let (event, venue, account) = (f.event.clone(), f.venue.clone(), f.account.clone());
    let cases: Vec<(&str, Value, &str)> = vec![
        ("orders", json!({"event_id": event, "quantity": 21, "unit_price_cents": 100}), "quantity"),
        (
            "orders",
            json!({"event_id": event, "quantity": 2, "unit_price_cents": 100, "total_cents": 150}),
            "total_cents",
        ),
        ("venues", json!({"account_id": account, "name": "Tiny", "capacity": 9}), "capacity"),
        ("venues", json!({"account_id": account, "name": "Huge", "capacity": 50_001}), "capacity"),
        ("event_feedback", json!({"event_id": event, "overall_rating": 6}), "overall_rating"),
        (
            "crm_organizers",
            json!({"account_id": account, "company_name": "X", "engagement_score": 101}),
            "engagement_score",
        ),
        (
            "sessions",
            json!({"event_id": event, "venue_id": venue, "title": "T", "session_type": "lecture",
            "start_time": "2025-06-15T13:00:00Z", "end_time": "2025-06-15T14:00:00Z"}),
            "session_type",
        ),
        (
            "event_teams",
            json!({"event_id": event, "role": "volunteer", "permissions": ["manage_event", "root"]}),
            "permissions",
        ),
        ("attendees", json!({"event_id": event, "full_name": "No Order", "email": "x@example.com"}), "order_id"),
        ("orders", json!({"event_id": event, "quantity": 1, "unit_price_cents": 1, "paid_at": "soon"}), "paid_at"),
    ];
    for (table, value, expected) in cases {
        let err = f.store.write(|w| w.insert(table, row(value.clone()))).unwrap_err();
        assert_eq!(field(&err), (table.to_owned(), expected.to_owned()), "{table} {value}: {err}");
        assert_eq!(err.code(), "invalid");
    }
    let (account, organizer) = (f.account.clone(), f.organizer.clone());
    let backwards = json!({"account_id": account, "organizer_id": organizer, "name": "Backwards", "type": "seminar",
        "start_at": "2025-07-01T12:00:00Z", "end_at": "2025-07-01T09:00:00Z", "capacity": 50});
    let err = f.store.write(|w| w.insert("events", row(backwards))).unwrap_err();
    assert_eq!(field(&err).1, "end_at");
    assert!(err.to_string().contains("must be after start_at"), "{err}");
}

#[test]
fn the_database_itself_refuses_what_validation_would_and_names_the_field() {
    // An update that breaks a cross-column rule reaches the database's CHECK.
    let mut f = fixture();
    let order = f.order.clone();
    let err = f.store.write(|w| w.update("orders", &order, row(json!({"quantity": 3})))).unwrap_err();
    match &err {
        StoreError::Constraint { kind: ConstraintKind::Check, table, field, message } => {
            assert_eq!((table.as_str(), field.as_str()), ("orders", "total_cents"));
            assert_eq!(message, "must equal quantity × unit_price_cents");
        }
        other => panic!("expected a CHECK error, got {other:?}"),
    }
    // Raw SQL that bypasses validation (and the guard) still cannot store a bad row.
    let raw =
        common::unguarded(&f).execute("UPDATE tickets SET status = 'lost' WHERE id = ?1", [&f.ticket]).unwrap_err();
    assert!(raw.to_string().contains("CHECK constraint failed: status"), "{raw}");
}

#[test]
fn a_missing_parent_names_the_reference() {
    let mut f = fixture();
    let event = f.event.clone();
    let ghost = "00000000-0000-4000-8000-000000000000";
    let err = f
        .store
        .write(|w| w.insert("tickets", row(json!({"event_id": event, "order_id": ghost, "account_id": f.account}))))
        .unwrap_err();
    match &err {
        StoreError::Constraint { kind: ConstraintKind::ForeignKey, table, field, message } => {
            assert_eq!((table.as_str(), field.as_str()), ("tickets", "order_id"));
            assert!(message.contains("orders row that does not exist"), "{message}");
        }
        other => panic!("expected a foreign-key error, got {other:?}"),
    }
    assert_eq!(err.code(), "reference");
}

#[test]
fn deleting_follows_the_seeds_on_delete_rules() {
    let mut f = fixture();
    // ON DELETE SET NULL: a ticket outlives its attendee record.
    let attendee = f.attendee.clone();
    f.store.write(|w| w.delete("attendees", &attendee)).unwrap();
    assert_eq!(f.store.get("tickets", &f.ticket).unwrap().unwrap()["attendee_id"], Value::Null);
    // NO ACTION: an organizer's profile cannot go while their events exist.
    let organizer = f.organizer.clone();
    let err = f.store.write(|w| w.delete("profiles", &organizer)).unwrap_err();
    match &err {
        StoreError::Constraint { kind: ConstraintKind::ForeignKey, message, .. } => {
            assert!(message.contains("events.organizer_id"), "{message}");
        }
        other => panic!("expected a foreign-key error, got {other:?}"),
    }
    // ON DELETE CASCADE: an event takes its orders and tickets with it; SET NULL on venues.
    let (event, venue) = (f.event.clone(), f.venue.clone());
    f.store.write(|w| w.delete("venues", &venue)).unwrap();
    assert_eq!(f.store.get("events", &f.event).unwrap().unwrap()["venue_id"], Value::Null);
    f.store.write(|w| w.delete("events", &event)).unwrap();
    assert!(f.store.get("orders", &f.order).unwrap().is_none());
    assert!(f.store.get("tickets", &f.ticket).unwrap().is_none());
}

#[test]
fn deleting_an_account_takes_every_row_that_belongs_to_it() {
    let mut f = fixture();
    let account = f.account.clone();
    let count = |f: &common::Fixture, table: &str| -> i64 {
        f.store.connection().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    };
    for table in ["venues", "events", "orders", "attendees", "tickets"] {
        assert_eq!(count(&f, table), 1, "{table} before");
    }
    f.store.write(|w| w.delete("accounts", &account)).unwrap();
    for table in ["accounts", "venues", "events", "orders", "attendees", "tickets"] {
        assert_eq!(count(&f, table), 0, "{table} after");
    }
    assert_eq!(count(&f, "profiles"), 1, "people are not the account's");
}

#[test]
fn ids_are_checked_not_replaced_and_come_back_canonical() {
    let mut f = fixture();
    let account = f.account.clone();
    let err = f
        .store
        .write(|w| w.insert("venues", row(json!({"id": "abc", "account_id": account, "name": "V"}))))
        .unwrap_err();
    assert_eq!(field(&err), ("venues".into(), "id".into()));
    let upper = "ABCDEF12-3456-4789-8ABC-DEF123456789";
    let id =
        f.store.write(|w| w.insert("venues", row(json!({"id": upper, "account_id": account, "name": "V"})))).unwrap();
    assert_eq!(id, upper.to_lowercase());
    assert!(f.store.get("venues", &id).unwrap().is_some());
    // A parent named in capitals still gives its account.
    let event = f.event.to_uppercase();
    let order = f
        .store
        .write(|w| w.insert("orders", row(json!({"event_id": event, "quantity": 1, "unit_price_cents": 5}))))
        .unwrap();
    assert_eq!(f.store.get("orders", &order).unwrap().unwrap()["account_id"], Value::String(f.account.clone()));
}

#[test]
fn a_row_cannot_belong_to_another_account_than_its_parent() {
    let mut f = fixture();
    let (event, venue) = (f.event.clone(), f.venue.clone());
    let other = f.store.write(|w| w.insert("accounts", row(json!({"name": "Other Co"})))).unwrap();
    let other_venue = f
        .store
        .write(|w| w.insert("venues", row(json!({"account_id": other, "name": "Elsewhere", "capacity": 100}))))
        .unwrap();
    let err = f
        .store
        .write(|w| {
            w.insert(
                "orders",
                row(json!({"account_id": other, "event_id": event, "quantity": 1, "unit_price_cents": 5})),
            )
        })
        .unwrap_err();
    assert_eq!(field(&err), ("orders".into(), "account_id".into()));
    assert!(err.to_string().contains("belongs to account"), "{err}");
    // Moving an event to another account's venue is refused too, and nothing changes.
    let err = f.store.write(|w| w.update("events", &event, row(json!({"venue_id": other_venue})))).unwrap_err();
    assert_eq!(field(&err), ("events".into(), "account_id".into()));
    assert_eq!(f.store.get("events", &event).unwrap().unwrap()["venue_id"], Value::String(venue));
}

#[test]
fn only_one_primary_contact_per_company_and_the_error_says_so() {
    let mut f = fixture();
    let account = f.account.clone();
    let err = f
        .store
        .write(|w| {
            let company = w.insert("crm_organizers", row(json!({"account_id": account, "company_name": "Acme"})))?;
            for name in ["Ada", "Bea"] {
                w.insert(
                    "crm_contacts",
                    row(json!({"organizer_id": company, "full_name": name, "email": "x@acme.example", "is_primary": true})),
                )?;
            }
            Ok(())
        })
        .unwrap_err();
    assert_eq!(field(&err), ("crm_contacts".into(), "is_primary".into()), "{err}");
}

#[test]
fn every_search_index_follows_inserts_edits_and_deletes() {
    let mut f = fixture();
    let account = f.account.clone();
    let organizer = f.organizer.clone();
    let (company, contact, note) = f
        .store
        .write(|w| {
            let company =
                w.insert("crm_organizers", row(json!({"account_id": account, "company_name": "Quokka Analytics"})))?;
            let contact = w.insert(
                "crm_contacts",
                row(json!({"organizer_id": company, "full_name": "Wilhelmina Okonkwo", "email": "w@quokka.example"})),
            )?;
            let note = w.insert(
                "crm_notes",
                row(json!({"organizer_id": company, "content": "Wants a rooftop venue", "created_by": organizer})),
            )?;
            Ok((company, contact, note))
        })
        .unwrap();
    let ids = |f: &common::Fixture, table: &str, q: &str| -> Vec<String> {
        f.store.search(table, q, 10).unwrap().iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(ids(&f, "crm_organizers", "quok"), [company.as_str()]);
    assert_eq!(ids(&f, "crm_contacts", "wilhel okon"), [contact.as_str()]);
    assert_eq!(ids(&f, "crm_notes", "rooftop"), [note.as_str()]);
    assert_eq!(ids(&f, "attendees", "michael"), [f.attendee.as_str()]);
    f.store
        .write(|w| {
            w.update("crm_organizers", &company, row(json!({"company_name": "Wombat Data"})))?;
            w.update("crm_contacts", &contact, row(json!({"full_name": "Mina Okonkwo"})))?;
            w.delete("crm_notes", &note)
        })
        .unwrap();
    assert!(ids(&f, "crm_organizers", "quokka").is_empty());
    assert_eq!(ids(&f, "crm_organizers", "wombat"), [company.as_str()]);
    assert!(ids(&f, "crm_contacts", "wilhelmina").is_empty());
    assert_eq!(ids(&f, "crm_contacts", "mina"), [contact.as_str()]);
    assert!(ids(&f, "crm_notes", "rooftop").is_empty());
    assert!(f.store.search("tickets", "x", 5).is_err(), "tickets have no search index");
}

#[test]
fn vacuum_keeps_search_right() {
    let mut f = fixture();
    let (event, order) = (f.event.clone(), f.order.clone());
    let names: Vec<String> = (0..50).map(|i| format!("Person{i}q Surname{i}q")).collect();
    let ids = f
        .store
        .write(|w| {
            names
                .iter()
                .map(|n| {
                    w.insert(
                        "attendees",
                        row(json!({"order_id": order, "event_id": event, "full_name": n, "email": "p@example.com"})),
                    )
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .unwrap();
    f.store.write(|w| ids.iter().step_by(2).try_for_each(|id| w.delete("attendees", id))).unwrap();
    f.store.vacuum().unwrap();
    for (i, id) in ids.iter().enumerate() {
        let hits = f.store.search_attendees(&format!("person{i}q surname{i}q"), None, 5).unwrap();
        let found: Vec<&str> = hits.iter().map(|h| h.attendee_id.as_str()).collect();
        if i % 2 == 0 {
            assert!(found.is_empty(), "deleted person{i} still found");
        } else {
            assert_eq!(found, [id.as_str()], "person{i}");
        }
    }
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let mut f = fixture();
    let event = f.event.clone();
    let before = f.store.table_counts().unwrap();
    let result = f.store.write(|w| {
        w.insert("orders", row(json!({"event_id": event, "quantity": 2, "unit_price_cents": 500})))?;
        w.insert("orders", row(json!({"event_id": event, "quantity": 99, "unit_price_cents": 500})))
    });
    assert!(result.is_err());
    assert_eq!(f.store.table_counts().unwrap(), before);
}

#[test]
fn updates_touch_updated_at_unless_given_and_not_found_is_typed() {
    let mut f = fixture();
    let ticket = f.ticket.clone();
    // A pulled row keeps the server's updated_at.
    f.store
        .write(|w| w.update("tickets", &ticket, row(json!({"status": "active", "updated_at": "2020-01-01T00:00:00Z"}))))
        .unwrap();
    let before = f.store.get("tickets", &ticket).unwrap().unwrap()["updated_at"].clone();
    assert_eq!(before, "2020-01-01T00:00:00.000000Z");
    // A local update stamps the time of the write: later than that stamp, with no wait for the
    // clock to move on.
    f.store.write(|w| w.update("tickets", &ticket, row(json!({"status": "used"})))).unwrap();
    let after = f.store.get("tickets", &ticket).unwrap().unwrap();
    assert!(after["updated_at"].as_str().unwrap() > before.as_str().unwrap(), "{after:?}");
    assert!(after["updated_at"].as_str().unwrap().ends_with('Z'));

    let err = f
        .store
        .write(|w| w.update("tickets", "00000000-0000-4000-8000-000000000000", row(json!({"status": "used"}))))
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
    let err = f.store.write(|w| w.update("tickets", &ticket, row(json!({"id": "x"})))).unwrap_err();
    assert_eq!(field(&err).1, "id");
    let err = f.store.write(|w| w.insert("ticketz", row(json!({})))).unwrap_err();
    assert!(matches!(err, StoreError::UnknownTable(_)));
    let err = f.store.write(|w| w.update("tickets", &ticket, row(json!({"colour": "red"})))).unwrap_err();
    assert!(matches!(err, StoreError::UnknownColumn { .. }), "{err}");
}

#[test]
fn generated_columns_compute_exactly() {
    let mut f = fixture();
    let (account, event, venue) = (f.account.clone(), f.event.clone(), f.venue.clone());
    let (stage, company, opportunity, session) = f
        .store
        .write(|w| {
            let stage = w.insert("crm_pipeline_stages", row(json!({"account_id": account, "name": "Lead", "order_index": 1})))?;
            let company = w.insert("crm_organizers", row(json!({"account_id": account, "company_name": "Acme"})))?;
            let opportunity = w.insert(
                "crm_opportunities",
                row(json!({"organizer_id": company, "stage_id": stage, "name": "Deal", "value": "1234.55", "probability": 33})),
            )?;
            let session = w.insert(
                "sessions",
                row(json!({"event_id": event, "venue_id": venue, "title": "Keynote",
                    "start_time": "2025-06-15T13:00:00Z", "end_time": "2025-06-15T14:29:40Z"})),
            )?;
            Ok((stage, company, opportunity, session))
        })
        .unwrap();
    // 1234.55 × 33 / 100 = 407.4015 → 407.40 (numeric(12,2) rounding).
    let deal = f.store.get("crm_opportunities", &opportunity).unwrap().unwrap();
    assert_eq!(deal["expected_revenue"], "407.40");
    assert_eq!(deal["account_id"], Value::String(f.account.clone()), "account from the company");
    f.store
        .write(|w| w.update("crm_opportunities", &opportunity, row(json!({"value": "0.05", "probability": 50}))))
        .unwrap();
    // 0.05 × 50 / 100 = 0.025 → 0.03 (half away from zero).
    assert_eq!(f.store.get("crm_opportunities", &opportunity).unwrap().unwrap()["expected_revenue"], "0.03");
    assert_eq!(f.store.get("sessions", &session).unwrap().unwrap()["duration_minutes"], 90, "89m40s rounds to 90");
    let _ = (stage, company);
}

#[test]
fn event_stats_ticket_lookup_and_search() {
    let mut f = fixture();
    let (event, order) = (f.event.clone(), f.order.clone());
    f.store
        .write(|w| {
            for status in ["used", "used", "cancelled", "refunded"] {
                w.insert("tickets", row(json!({"event_id": event, "order_id": order, "status": status})))?;
            }
            Ok(())
        })
        .unwrap();
    let stats = f.store.event_stats("ai-summit-2025-e1111111").unwrap();
    assert_eq!(
        (
            stats.capacity,
            stats.tickets_sold,
            stats.tickets_available,
            stats.tickets_active,
            stats.tickets_used,
            stats.tickets_cancelled
        ),
        (500, 3, 497, 1, 2, 1)
    );
    assert_eq!(f.store.event_stats(&f.event).unwrap(), stats, "by id too");
    assert_eq!(f.store.event_stats("no-such-event").unwrap_err().code(), "not_found");

    let ticket = f.store.get("tickets", &f.ticket).unwrap().unwrap();
    let by_qr = f.store.ticket_by_qr_code(ticket["qr_code"].as_str().unwrap()).unwrap().unwrap();
    assert_eq!(by_qr.ticket_id, f.ticket);
    assert_eq!(by_qr.attendee_name.as_deref(), Some("Michael Chen"));
    let number = ticket["ticket_number"].as_str().unwrap().to_lowercase();
    assert_eq!(f.store.ticket_by_number(&number).unwrap().unwrap().ticket_id, f.ticket);
    assert!(f.store.ticket_by_qr_code("nope").unwrap().is_none());

    let hits = f.store.search_attendees("mich che", None, 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].attendee_id, f.attendee);
    assert_eq!(f.store.search_attendees("customer@example", Some(&f.event), 10).unwrap().len(), 1);
    let elsewhere = "00000000-0000-4000-8000-000000000000";
    assert!(
        f.store.search_attendees("customer@example", Some(elsewhere), 10).unwrap().is_empty(),
        "scoped to the event"
    );
    assert!(f.store.search_attendees("\"; DROP TABLE attendees; --", None, 10).unwrap().is_empty());
    // The index follows edits and deletes.
    let attendee = f.attendee.clone();
    f.store.write(|w| w.update("attendees", &attendee, row(json!({"full_name": "Mike Chen-Ortiz"})))).unwrap();
    assert!(f.store.search_attendees("michael", None, 10).unwrap().is_empty());
    assert_eq!(f.store.search_attendees("ortiz", None, 10).unwrap().len(), 1);
    f.store.write(|w| w.delete("attendees", &attendee)).unwrap();
    assert!(f.store.search_attendees("ortiz", None, 10).unwrap().is_empty());
}

#[test]
fn deferred_search_index_is_rebuilt_and_triggers_restored() {
    let mut f = fixture();
    let (event, order) = (f.event.clone(), f.order.clone());
    f.store
        .write(|w| {
            w.defer_search_index()?;
            w.insert(
                "attendees",
                row(json!({"order_id": order, "event_id": event, "full_name": "Zelda Bulk", "email": "z@example.com"})),
            )
        })
        .unwrap();
    assert_eq!(f.store.search_attendees("zelda", None, 5).unwrap().len(), 1, "rebuilt at commit");
    let triggers: i64 = f
        .store
        .connection()
        .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_fts_a[idu]'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(triggers, 12, "4 indexed tables × insert/update/delete");
    // A rolled-back bulk write leaves the triggers in place too.
    let _ = f.store.write(|w| {
        w.defer_search_index()?;
        Err::<(), _>(StoreError::Busy)
    });
    let (event, order) = (f.event.clone(), f.order.clone());
    f.store
        .write(|w| {
            w.insert(
                "attendees",
                row(
                    json!({"order_id": order, "event_id": event, "full_name": "Yusuf After", "email": "y@example.com"}),
                ),
            )
        })
        .unwrap();
    assert_eq!(f.store.search_attendees("yusuf", None, 5).unwrap().len(), 1);
}
