//! Meeting bookings (issue 17): a sales rep books a meeting with a contact and it is a CRM
//! activity of theirs — in My day and the reminders — that moves and is cancelled with the
//! booking; a rep books only as themselves and deletes no booking.
#![allow(clippy::unwrap_used)]

mod common;

use common::row;

use eventos_app::ErrorCode;
use eventos_store::{Filter, FilterOp, RecordQuery, Row};
use serde_json::json;

#[test]
fn a_booking_is_the_hosts_meeting_moved_and_cancelled_with_it() {
    let (dir, mut rep) = common::as_person("sales@demo.eventos.test");
    let me: String = common::scalar(&dir, "SELECT id FROM profiles WHERE email = 'sales@demo.eventos.test'");
    let (company, contact, name): (String, String, String) = {
        let db = rusqlite::Connection::open(dir.path().join("eventos.db")).unwrap();
        db.query_row(
            "SELECT o.id, c.id, c.full_name FROM crm_organizers o JOIN crm_contacts c ON c.organizer_id = o.id \
             WHERE o.assigned_to = ?1 ORDER BY c.id LIMIT 1",
            [&me],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    };
    let kind: String = common::scalar(&dir, "SELECT id FROM meeting_types WHERE name = 'Discovery call'");

    // Booked by the rep, with their contact: the host is the rep, and the activity is theirs.
    let booking = rep
        .create_record(
            "meeting_bookings",
            row(json!({"meeting_type_id": kind, "organizer_id": company, "contact_id": contact, "guest_name": name,
                "starts_at": "2030-03-04T15:00:00Z", "ends_at": "2030-03-04T15:30:00Z",
                "meeting_url": "https://meet.example.com/x"})),
        )
        .unwrap();
    assert_eq!(booking["host_id"], me.as_str());
    let id = booking["id"].as_str().unwrap().to_owned();
    let activity_of = |app: &eventos_app::App| -> Row {
        let activity = app.record("meeting_bookings", &id).unwrap().row["activity_id"].as_str().unwrap().to_owned();
        app.record("crm_activities", &activity).unwrap().row
    };
    let activity = activity_of(&rep);
    assert_eq!(activity["type"], "meeting");
    assert_eq!(activity["subject"], format!("Discovery call with {name}").as_str());
    assert_eq!(activity["activity_date"], "2030-03-04T15:00:00.000000Z");
    assert_eq!(activity["duration_minutes"], 30);
    assert_eq!((&activity["user_id"], &activity["contact_id"]), (&json!(me), &json!(contact)));
    assert_eq!(activity["metadata"]["meeting_booking_id"], id.as_str());
    // On the contact's timeline, as any activity.
    let filters = vec![Filter { field: "contact_id".into(), op: FilterOp::Is, value: Some(json!(contact)) }];
    let timeline = rep.list_records("crm_activities", &RecordQuery { filters, ..RecordQuery::default() }).unwrap();
    assert!(timeline.rows.iter().any(|a| a["id"] == activity["id"]));

    // Moved: the activity moves; cancelled: it says so and leaves the rep's day.
    rep.update_record(
        "meeting_bookings",
        &id,
        row(json!({"starts_at": "2030-03-05T16:00:00Z", "ends_at": "2030-03-05T17:00:00Z"})),
    )
    .unwrap();
    let moved = activity_of(&rep);
    assert_eq!(
        (moved["activity_date"].as_str(), moved["duration_minutes"].as_i64()),
        (Some("2030-03-05T16:00:00.000000Z"), Some(60))
    );
    assert_eq!(moved["id"], activity["id"], "the same activity, not a second one");
    // What the rep did to the meeting itself stays theirs: done stays done when the place changes.
    rep.update_record("crm_activities", moved["id"].as_str().unwrap(), row(json!({"task_status": "completed"})))
        .unwrap();
    rep.update_record("meeting_bookings", &id, row(json!({"location": "Their office, 5th floor"}))).unwrap();
    let placed = activity_of(&rep);
    assert_eq!(placed["task_status"], "completed");
    assert!(placed["description"].as_str().unwrap().contains("Their office"), "{placed:?}");
    rep.update_record("meeting_bookings", &id, row(json!({"status": "cancelled", "cancel_reason": "Budget frozen"})))
        .unwrap();
    let cancelled = activity_of(&rep);
    assert_eq!(cancelled["subject"], format!("Cancelled: Discovery call with {name}").as_str());
    assert_eq!(cancelled["task_status"], "cancelled");
    assert!(cancelled["description"].as_str().unwrap().contains("Budget frozen"));

    // Booked with a contact and nothing else, the guest is that contact, at their company; the
    // form does not ask for the guest's name.
    let quick = rep
        .create_record(
            "meeting_bookings",
            row(json!({"meeting_type_id": kind, "contact_id": contact, "starts_at": "2030-04-01T15:00:00Z",
                "ends_at": "2030-04-01T15:30:00Z"})),
        )
        .unwrap();
    assert_eq!((&quick["guest_name"], &quick["organizer_id"]), (&json!(name), &json!(company)));
    let form = rep.record_tables().unwrap().into_iter().find(|t| t.name == "meeting_bookings").unwrap();
    assert!(!form.fields.iter().find(|f| f.name == "guest_name").unwrap().required);
    let nobody = rep
        .create_record(
            "meeting_bookings",
            row(json!({"meeting_type_id": kind, "starts_at": "2030-04-01T15:00:00Z", "ends_at": "2030-04-01T15:30:00Z"})),
        )
        .unwrap_err();
    assert_eq!(nobody.field.as_deref(), Some("guest_name"), "{}", nobody.message);

    // A rep hosts only their own meetings and cancels rather than deletes.
    let owner: String = common::scalar(&dir, "SELECT id FROM profiles WHERE email = 'owner@demo.eventos.test'");
    let refused = rep
        .create_record(
            "meeting_bookings",
            row(json!({"meeting_type_id": kind, "host_id": owner, "guest_name": "Someone",
                "starts_at": "2030-03-04T15:00:00Z", "ends_at": "2030-03-04T15:30:00Z"})),
        )
        .unwrap_err();
    assert_eq!((refused.code, refused.field.as_deref()), (ErrorCode::Forbidden, Some("host_id")));
    assert_eq!(rep.delete_plan("meeting_bookings", &id).unwrap_err().code, ErrorCode::Forbidden);
    let bookings: i64 = common::scalar(
        &dir,
        &format!("SELECT count(*) FROM meeting_bookings WHERE host_id = '{owner}' AND guest_name = 'Someone'"),
    );
    assert_eq!(bookings, 0, "nothing refused was written");
}

#[test]
fn an_owner_deleting_a_booking_deletes_its_meeting_and_a_booking_with_no_company_still_has_one() {
    let (dir, mut owner) = common::demo();
    let kind: String = common::scalar(&dir, "SELECT id FROM meeting_types ORDER BY name LIMIT 1");
    let booking = owner
        .create_record(
            "meeting_bookings",
            row(json!({"meeting_type_id": kind, "guest_name": "Walk-in guest", "starts_at": "2030-01-01T10:00:00Z",
                "ends_at": "2030-01-01T10:45:00Z", "location": "Design Exchange"})),
        )
        .unwrap();
    let id = booking["id"].as_str().unwrap();
    let activity = owner.record("meeting_bookings", id).unwrap().row["activity_id"].as_str().unwrap().to_owned();
    let of_account: i64 = common::scalar(
        &dir,
        &format!(
            "SELECT count(*) FROM crm_activities a JOIN meeting_bookings b ON b.account_id = a.account_id WHERE a.id = '{activity}' AND b.id = '{id}'"
        ),
    );
    assert_eq!(of_account, 1, "the activity takes the booking's account though it names no company");

    // Pointed at someone else's activity, a booking neither rewrites nor deletes it: it makes
    // its own again.
    let unrelated: String =
        common::scalar(&dir, "SELECT id FROM crm_activities WHERE type = 'call' ORDER BY id LIMIT 1");
    let before = owner.record("crm_activities", &unrelated).unwrap().row;
    owner.update_record("meeting_bookings", id, row(json!({"activity_id": unrelated}))).unwrap();
    owner.update_record("meeting_bookings", id, row(json!({"guest_name": "Walk-in guest (Ana)"}))).unwrap();
    assert_eq!(owner.record("crm_activities", &unrelated).unwrap().row, before);
    let remade = owner.record("meeting_bookings", id).unwrap().row["activity_id"].as_str().unwrap().to_owned();
    assert_ne!(remade, unrelated);
    assert_eq!(
        owner.record("crm_activities", &remade).unwrap().row["subject"],
        "Contract review with Walk-in guest (Ana)"
    );

    owner.delete_record("meeting_bookings", id).unwrap();
    assert_eq!(owner.record("crm_activities", &remade).unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(owner.record("crm_activities", &unrelated).unwrap().row, before);
}

#[test]
fn the_demos_bookings_each_have_their_activity() {
    let (dir, _app) = common::demo();
    let without: i64 = common::scalar(
        &dir,
        "SELECT count(*) FROM meeting_bookings b LEFT JOIN crm_activities a ON a.id = b.activity_id \
         WHERE a.id IS NULL OR a.user_id <> b.host_id OR a.activity_date <> b.starts_at",
    );
    assert_eq!(without, 0);
    let cancelled: i64 = common::scalar(
        &dir,
        "SELECT count(*) FROM meeting_bookings b JOIN crm_activities a ON a.id = b.activity_id \
         WHERE b.status = 'cancelled' AND a.task_status = 'cancelled'",
    );
    assert_eq!(cancelled, 1);
}
