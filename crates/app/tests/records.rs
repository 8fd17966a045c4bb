//! The record layer through the facade: every table described for the generic screens, writes
//! of changed fields only, errors that name their field, and what each role may do.
#![allow(clippy::unwrap_used)]

mod common;

use common::{as_person, demo, row};

use eventos_app::records::permissions::is_secret;
use eventos_app::records::{FieldKind, Role};
use eventos_app::sync::SessionStore;
use eventos_app::{App, ErrorCode};
use eventos_model::schema;
use eventos_store::{Filter, FilterOp, RecordQuery, Row, Store};
use serde_json::json;
use time::macros::date;

/// An active ticket: (its event, its number).
fn active_ticket(app: &App) -> (String, String) {
    let filters = vec![Filter { field: "status".into(), op: FilterOp::Is, value: Some(json!("active")) }];
    let page = app.list_records("tickets", &RecordQuery { filters, limit: Some(1), ..RecordQuery::default() }).unwrap();
    (page.rows[0]["event_id"].as_str().unwrap().into(), page.rows[0]["ticket_number"].as_str().unwrap().into())
}

fn first_id(app: &App, table: &str) -> String {
    let page = app.list_records(table, &RecordQuery { limit: Some(1), ..RecordQuery::default() }).unwrap();
    page.rows[0]["id"].as_str().unwrap().to_owned()
}

#[test]
fn a_local_workspace_is_its_owners_and_every_table_is_described() {
    let (_dir, app) = demo();
    assert_eq!(app.role().unwrap(), Role::Owner);
    let tables = app.record_tables().unwrap();
    // Every table but the secrets (an event's door key is the door exchange's, never a record).
    let reachable: Vec<_> = schema::tables().iter().filter(|t| !is_secret(t.name)).collect();
    assert_eq!(tables.len(), reachable.len(), "every table is reachable");
    assert!(tables.iter().all(|t| t.name != "event_door_keys"));
    let secret = app.list_records("event_door_keys", &RecordQuery::default()).unwrap_err();
    assert_eq!(secret.code, ErrorCode::Forbidden);
    for t in &tables {
        assert!(t.allowed.read && t.allowed.create && t.allowed.update && t.allowed.delete, "{}", t.name);
        assert!(t.count > 0, "{} has demo rows", t.name);
        assert!(!t.list.is_empty());
        let registry = schema::table(&t.name).unwrap();
        assert_eq!(t.fields.len(), registry.columns.len());
    }
    let events = tables.iter().find(|t| t.name == "events").unwrap();
    let field = |name: &str| events.fields.iter().find(|f| f.name == name).unwrap();
    assert_eq!(field("status").kind, FieldKind::Choice);
    assert!(field("status").choices.contains(&"published".to_owned()));
    assert_eq!(field("venue_id").kind, FieldKind::Reference);
    assert_eq!(field("venue_id").references.as_deref(), Some("venues"));
    assert_eq!(field("venue_id").label, "Venue");
    assert_eq!(field("price_cents").kind, FieldKind::Money);
    assert!(field("name").required);
    assert_eq!(field("name").rule, None, "a rule only beyond the field's kind");
    assert_eq!(field("status").rule.as_deref(), Some("must be one of draft, published, cancelled, completed"));
    assert!(field("slug").filled && !field("slug").required, "the app makes the slug when left empty");
    let orders = tables.iter().find(|t| t.name == "orders").unwrap();
    let number = orders.fields.iter().find(|f| f.name == "order_number").unwrap();
    assert!(number.filled && !number.required);
    // Lists filter on their children's fields too: attendees by whether a ticket was checked in.
    let attendees = tables.iter().find(|t| t.name == "attendees").unwrap();
    let checked_in = attendees.related_filters.iter().find(|f| f.name == "tickets.checked_in_at").unwrap();
    assert_eq!((checked_in.label.as_str(), checked_in.kind), ("Ticket: checked in at", FieldKind::Timestamp));
    let status = orders.related_filters.iter().find(|f| f.name == "tickets.status").unwrap();
    assert!(status.choices.contains(&"refunded".to_owned()));
}

#[test]
fn create_update_and_delete_go_through_the_one_write_path_and_name_the_bad_field() {
    let (_dir, mut app) = demo();
    let account = first_id(&app, "accounts");
    let venue = app
        .create_record("venues", row(json!({"account_id": account, "name": "Annex Hall", "capacity": 300})))
        .unwrap();
    let id = venue["id"].as_str().unwrap().to_owned();
    assert_eq!(venue["city"], "Toronto", "defaults filled as stored");

    let err = app.update_record("venues", &id, row(json!({"capacity": -5}))).unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::Invalid, Some("capacity")));
    let err = app.create_record("venues", row(json!({"account_id": account}))).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("name"), "{err:?}");
    let err = app.create_record("no_such_table", Row::new()).unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid);

    let unchanged = app.update_record("venues", &id, row(json!({"name": "Annex Hall", "city": "Hamilton"}))).unwrap();
    assert_eq!(unchanged["city"], "Hamilton");
    let detail = app.record("venues", &id).unwrap();
    assert_eq!(detail.title, "Annex Hall");
    assert!(detail.children.iter().any(|c| c.table == "events" && c.total == 0));

    let titles = app.record_titles("venues", &[id.clone(), "00000000-0000-4000-8000-000000000000".into()]).unwrap();
    assert_eq!(titles.into_iter().collect::<Vec<_>>(), [(id.clone(), "Annex Hall".to_owned())], "unknown ids left out");

    let plan = app.delete_plan("venues", &id).unwrap();
    assert_eq!(plan.removes.len(), 1);
    app.delete_record("venues", &id).unwrap();
    assert_eq!(app.record("venues", &id).unwrap_err().code, ErrorCode::NotFound);
}

/// The demo's replica, connected as one of its people (no server needed: the role is read
/// from the replica's own `account_users`).

#[test]
fn each_role_may_do_what_the_servers_rules_let_it_and_is_told_otherwise() {
    let (_dir, mut viewer) = as_person("viewer@demo.eventos.test");
    assert_eq!(viewer.role().unwrap(), Role::Viewer);
    let tables = viewer.record_tables().unwrap();
    assert!(tables.iter().all(|t| !t.name.starts_with("crm_")), "viewers see no CRM");
    assert!(tables.iter().all(|t| t.allowed.read && !t.allowed.create && !t.allowed.update && !t.allowed.delete));
    let venue = first_id(&viewer, "venues");
    let err = viewer.update_record("venues", &venue, row(json!({"city": "Oakville"}))).unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert!(err.message.contains("cannot change venues"), "{}", err.message);
    assert_eq!(viewer.list_records("crm_organizers", &RecordQuery::default()).unwrap_err().code, ErrorCode::Forbidden);

    let (dir, mut sales) = as_person("sales@demo.eventos.test");
    assert_eq!(sales.role().unwrap(), Role::Manager);
    let me: String = common::scalar(&dir, "SELECT id FROM profiles WHERE email = 'sales@demo.eventos.test'");
    let company: String =
        common::scalar(&dir, &format!("SELECT id FROM crm_organizers WHERE assigned_to = '{me}' ORDER BY id LIMIT 1"));
    sales.update_record("crm_organizers", &company, row(json!({"industry": "Energy"}))).unwrap();
    assert_eq!(
        sales.update_record("accounts", &first_id(&sales, "accounts"), row(json!({"name": "x"}))).unwrap_err().code,
        ErrorCode::Forbidden
    );

    let (_dir, mut member) = as_person("door@demo.eventos.test");
    assert_eq!(member.role().unwrap(), Role::Member);
    let order = first_id(&member, "orders");
    assert_eq!(member.delete_plan("orders", &order).unwrap_err().code, ErrorCode::Forbidden, "members do not delete");
    let filters = vec![Filter { field: "payment_status".into(), op: FilterOp::Is, value: Some(json!("paid")) }];
    assert!(member.list_records("orders", &RecordQuery { filters, ..RecordQuery::default() }).unwrap().total > 0);
}

#[test]
fn a_sales_rep_writes_only_their_own_crm_records_as_the_servers_policies_say() {
    let (dir, mut rep) = as_person("sales@demo.eventos.test");
    let me: String = common::scalar(&dir, "SELECT id FROM profiles WHERE email = 'sales@demo.eventos.test'");
    let theirs = |table: &str, field: &str, mine: bool| -> String {
        let op = if mine { "=" } else { "<>" };
        common::scalar(&dir, &format!("SELECT id FROM {table} WHERE {field} {op} '{me}' ORDER BY id LIMIT 1"))
    };
    let (mine, other) = (theirs("crm_organizers", "assigned_to", true), theirs("crm_organizers", "assigned_to", false));

    // A new company is the rep's own unless they say otherwise; someone else's is refused.
    let made = rep.create_record("crm_organizers", row(json!({"company_name": "Rideau Events"}))).unwrap();
    assert_eq!(made["assigned_to"], me.as_str());
    let colleague: String =
        common::scalar(&dir, &format!("SELECT id FROM profiles WHERE id <> '{me}' ORDER BY id LIMIT 1"));
    let refused =
        rep.create_record("crm_organizers", row(json!({"company_name": "X", "assigned_to": colleague}))).unwrap_err();
    assert_eq!((refused.code, refused.field.as_deref()), (ErrorCode::Forbidden, Some("assigned_to")));

    // Someone else's company cannot be changed, nor one's own handed over; neither is deleted.
    let refused = rep.update_record("crm_organizers", &other, row(json!({"industry": "Energy"}))).unwrap_err();
    assert_eq!((refused.code, refused.field.as_deref()), (ErrorCode::Forbidden, Some("assigned_to")));
    assert!(refused.message.contains("someone else's"), "{}", refused.message);
    let handed = rep.update_record("crm_organizers", &mine, row(json!({"assigned_to": colleague}))).unwrap_err();
    assert_eq!(handed.code, ErrorCode::Forbidden);
    assert_eq!(rep.delete_plan("crm_organizers", &mine).unwrap_err().code, ErrorCode::Forbidden);

    // Contacts follow their company.
    let contact = rep
        .create_record(
            "crm_contacts",
            row(json!({"organizer_id": mine, "full_name": "Ana Lima", "email": "ana@example.com"})),
        )
        .unwrap();
    let refused = rep
        .create_record(
            "crm_contacts",
            row(json!({"organizer_id": other, "full_name": "Bo", "email": "bo@example.com"})),
        )
        .unwrap_err();
    assert_eq!((refused.code, refused.field.as_deref()), (ErrorCode::Forbidden, Some("organizer_id")));
    rep.delete_record("crm_contacts", contact["id"].as_str().unwrap()).unwrap();

    // The pipeline's stages are read only; nothing refused was written.
    let stage = first_id(&rep, "crm_pipeline_stages");
    assert_eq!(
        rep.update_record("crm_pipeline_stages", &stage, row(json!({"name": "Won it"}))).unwrap_err().code,
        ErrorCode::Forbidden
    );
    let count: i64 = common::scalar(&dir, "SELECT count(*) FROM crm_organizers WHERE company_name = 'X'");
    assert_eq!(count, 0);

    // An owner is bound by none of it.
    let (_dir, mut owner) = as_person("owner@demo.eventos.test");
    owner.update_record("crm_organizers", &other, row(json!({"industry": "Energy"}))).unwrap();
}

#[test]
fn every_write_path_of_the_facade_is_captured_exactly_once() {
    // Connected (the outbox fills) with no reachable server, so nothing leaves it.
    let (_dir, mut app) = as_person("owner@demo.eventos.test");
    assert!(app.outbox().unwrap().is_empty());
    let ops = |app: &App| -> Vec<(String, String, Vec<String>)> {
        app.outbox().unwrap().into_iter().map(|c| (c.table, c.op, c.fields)).collect()
    };
    let mut expected: Vec<(String, String, Vec<String>)> = Vec::new();
    let mut expect = |table: &str, op: &str, fields: &[&str]| {
        expected.push((table.into(), op.into(), fields.iter().map(|f| (*f).to_owned()).collect()));
        expected.clone()
    };

    // The event page's edit: the changed field only.
    let event = first_id(&app, "events");
    let detail = app.event(&event).unwrap();
    let edit = eventos_app::events::EventEdit {
        name: "Renamed".into(),
        description: detail.description.clone(),
        capacity: detail.summary.capacity,
        status: detail.summary.status.clone(),
    };
    app.update_event(&event, &edit).unwrap();
    assert_eq!(ops(&app), expect("events", "update", &["name"]));

    // The record layer: insert (the whole row), update (what changed), delete.
    let account = first_id(&app, "accounts");
    let venue = app.create_record("venues", row(json!({"account_id": account, "name": "Annex Hall"}))).unwrap();
    let venue = venue["id"].as_str().unwrap().to_owned();
    let inserted = ops(&app).pop().unwrap();
    assert_eq!((inserted.0.as_str(), inserted.1.as_str()), ("venues", "insert"));
    expect(&inserted.0, &inserted.1, &inserted.2.iter().map(String::as_str).collect::<Vec<_>>());
    app.update_record("venues", &venue, row(json!({"name": "Annex Hall", "city": "Hamilton"}))).unwrap();
    assert_eq!(ops(&app), expect("venues", "update", &["city"]), "the unchanged name is not sent");
    app.delete_record("venues", &venue).unwrap();
    assert_eq!(ops(&app), expect("venues", "delete", &[]));

    // The door: one check-in row; the ticket's derived status is not an edit of its own.
    let ticket = active_ticket(&app);
    use eventos_app::door::{DoorMode, DoorScan, DoorSetup, ScanMethod};
    let door = DoorSetup { event_id: ticket.0, gate: "Gate A".into(), mode: DoorMode::Entry, session_id: None };
    app.check_in(&DoorScan { door, method: ScanMethod::QrCode, payload: ticket.1 }).unwrap();
    let checkin = ops(&app).pop().unwrap();
    assert_eq!((checkin.0.as_str(), checkin.1.as_str()), ("event_checkins", "insert"));
    expect(&checkin.0, &checkin.1, &checkin.2.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(ops(&app), expected);

    // A refused write leaves nothing behind.
    assert!(app.update_record("venues", &first_id(&app, "venues"), row(json!({"capacity": -1}))).is_err());
    assert_eq!(ops(&app), expected);
}

#[test]
fn reads_have_their_own_connection_and_a_check_in_goes_through_in_the_middle_of_one() {
    use eventos_app::door::{DoorMode, DoorScan, DoorSetup, ScanMethod, VerdictKind};
    let dir = tempfile::tempdir().unwrap();
    // Enough tickets that an export reports progress (every 5,000 rows) before its end.
    {
        let mut store = Store::open(&dir.path().join("eventos.db")).unwrap();
        let options = eventos_demo::DemoOptions { attendees: 6_000, seed: 3, today: date!(2026 - 11 - 22) };
        eventos_demo::generate(&mut store, &options).unwrap();
    }
    let mut app = App::open_with(dir.path(), SessionStore::File);
    let reads = app.reads();
    let (event_id, number) = active_ticket(&app);
    let all = RecordQuery::default();
    let tickets = reads.list_records("tickets", &RecordQuery { limit: Some(1), ..all.clone() }).unwrap().total;
    assert!(tickets > 5_000);

    // In the middle of a long read (an export, its statement open on the reads' connection),
    // the door admits a ticket through the App: the read does not hold the App, nor the App
    // the read.
    let mut verdict = None;
    let out = dir.path().join("tickets.csv");
    let written = reads
        .export_csv("tickets", &all, &["ticket_number".into(), "status".into()], &out, &mut |done, total| {
            // The UI, asking meanwhile, hears how far the export has got.
            let told = reads.export_progress().unwrap();
            assert_eq!((told.table.as_str(), told.written, told.total), ("tickets", done, total));
            if verdict.is_none() && (done as i64) < total {
                let door =
                    DoorSetup { event_id: event_id.clone(), gate: "A".into(), mode: DoorMode::Entry, session_id: None };
                let scan = DoorScan { door, method: ScanMethod::QrCode, payload: number.clone() };
                verdict = Some(app.check_in(&scan).unwrap().kind);
            }
        })
        .unwrap();
    assert_eq!(verdict, Some(VerdictKind::Admitted), "the check-in was made mid-export");
    assert_eq!(reads.export_progress(), None, "no export runs any more");
    assert_eq!(written as i64, tickets);
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.contains(&format!("{number},active")), "the export reads the snapshot it began with");
    let used = reads
        .list_records(
            "tickets",
            &RecordQuery {
                filters: vec![Filter { field: "ticket_number".into(), op: FilterOp::Is, value: Some(json!(number)) }],
                ..RecordQuery::default()
            },
        )
        .unwrap();
    assert_eq!(used.rows[0]["status"], "used", "the next read sees the check-in");
}

#[test]
fn reads_follow_the_apps_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::open_with(dir.path(), SessionStore::File);
    let reads = app.reads();
    assert_eq!(reads.record_tables().unwrap_err().code, ErrorCode::NoWorkspace, "first run: nothing to read");
    app.open_demo_on(date!(2026 - 11 - 22)).unwrap();
    let tables = reads.record_tables().unwrap();
    assert!(tables.iter().any(|t| t.name == "events" && t.count > 0), "the demo, opened after the reads were made");
    assert!(reads.record("events", "00000000-0000-4000-8000-000000000000").is_err());
}

#[test]
fn a_list_exports_to_a_new_file_in_the_exports_folder_with_its_filters() {
    let (dir, app) = demo();
    let out = dir.path().join("exports-here");
    let filters = vec![Filter { field: "city".into(), op: FilterOp::Is, value: Some(json!("Toronto")) }];
    let query = RecordQuery { filters, ..RecordQuery::default() };
    let exported = app.reads().export_into(&out, "venues", &query, &["name".into(), "city".into()]).unwrap();
    let toronto = app.list_records("venues", &RecordQuery { limit: Some(1), ..query }).unwrap().total;
    assert_eq!(exported.rows as i64, toronto);
    assert!(exported.path.starts_with(out.to_str().unwrap()) && exported.path.ends_with(".csv"), "{}", exported.path);
    let text = std::fs::read_to_string(&exported.path).unwrap();
    assert!(text.starts_with("\u{feff}name,city\r\n"), "{text}");
    assert_eq!(text.lines().count() as i64, toronto + 1);
}

/// An integration's settings never hold a secret (issue 17): a key naming one is refused by
/// name, on the way in and on an edit, and nothing of it is written.
#[test]
fn an_integrations_settings_refuse_a_secret_and_say_where_secrets_go() {
    let (dir, mut owner) = demo();
    let refused = owner
        .create_record(
            "integrations",
            row(json!({"provider": "sendgrid", "name": "Mail", "config": {"from": "events@example.com", "API_Key": "SG.x"}})),
        )
        .unwrap_err();
    assert_eq!((refused.code, refused.field.as_deref()), (ErrorCode::Invalid, Some("config")));
    assert!(refused.message.contains("API_Key") && refused.message.contains("secret"), "{}", refused.message);
    let made = owner
        .create_record(
            "integrations",
            row(json!({"provider": "sendgrid", "name": "Mail", "config": {"from": "events@example.com"}})),
        )
        .unwrap();
    let id = made["id"].as_str().unwrap();
    let refused = owner
        .update_record("integrations", id, row(json!({"config": {"from": "x", "smtp_password": "hunter2"}})))
        .unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("config"));
    let leaked: i64 =
        common::scalar(&dir, "SELECT count(*) FROM integrations WHERE config LIKE '%SG.x%' OR config LIKE '%hunter2%'");
    assert_eq!(leaked, 0);
}
