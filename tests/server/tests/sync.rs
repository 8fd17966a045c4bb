//! The sync functions (supabase/migrations/*_sync.sql) on the seeded Supabase-like Postgres:
//! pulls that never miss a row, tombstones, and pushes with per-field last-writer-wins.
#![allow(clippy::unwrap_used)]

use eventos_server_tests::Postgres;
use serde_json::{Value, json};

/// A demo person, making requests as PostgREST would for their JWT.
struct Person<'a> {
    pg: &'a Postgres,
    id: String,
}

impl<'a> Person<'a> {
    fn get(pg: &'a Postgres, email: &str) -> Person<'a> {
        let id = pg.psql(&format!("SELECT id FROM auth.users WHERE email = '{email}'")).unwrap();
        assert_eq!(id.len(), 36, "no demo user {email}");
        Person { pg, id }
    }

    fn sql(&self, sql: &str) -> Result<String, String> {
        let claims = format!(r#"{{"sub":"{}","role":"authenticated","aud":"authenticated"}}"#, self.id);
        self.pg.as_request(&claims, sql)
    }

    fn rpc(&self, call: &str) -> Value {
        serde_json::from_str(&self.sql(&format!("SELECT {call}")).unwrap()).unwrap()
    }

    fn cursor(&self) -> String {
        self.sql("SELECT public.sync_cursor()").unwrap()
    }

    fn pull(&self, cursor: &str, scopes: &Value, limit: u32) -> Value {
        self.rpc(&format!("public.pull_changes('{cursor}', $j${scopes}$j$::jsonb, {limit})"))
    }

    /// Pulls until has_more is false; returns every change and the last cursor.
    fn pull_all(&self, cursor: &str, scopes: &Value) -> (Vec<Value>, String) {
        let (mut changes, mut cursor) = (Vec::new(), cursor.to_owned());
        loop {
            let page = self.pull(&cursor, scopes, 2);
            changes.extend(page["changes"].as_array().unwrap().iter().cloned());
            cursor = page["next"].as_str().unwrap().to_owned();
            if !page["has_more"].as_bool().unwrap() {
                return (changes, cursor);
            }
        }
    }

    fn push(&self, changes: &Value) -> Vec<Value> {
        let answer = self.rpc(&format!("public.push_changes($j${changes}$j$::jsonb)"));
        answer["results"].as_array().unwrap().clone()
    }
}

fn account_of(pg: &Postgres, name: &str) -> String {
    pg.psql(&format!("SELECT id FROM public.accounts WHERE name = '{name}'")).unwrap()
}

fn ids_of<'v>(changes: &'v [Value], table: &str, op: &str) -> Vec<&'v str> {
    changes.iter().filter(|c| c["table"] == table && c["op"] == op).map(|c| c["id"].as_str().unwrap()).collect()
}

fn uuid(n: u32) -> String {
    format!("{n:08x}-0000-4000-8000-00000000f00d")
}

/// The server's clock now, in ms: tests take it once and place every clock relative to it, so
/// that a slow machine cannot reorder them.
fn now_ms(pg: &Postgres) -> i64 {
    pg.psql("SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint").unwrap().parse().unwrap()
}

/// A clock `offset_ms` after `base` on device `node`.
fn hlc(base: i64, offset_ms: i64, node: &str) -> String {
    format!("{:013}-00000-{node}", base + offset_ms)
}

fn change(table: &str, op: &str, id: &str, hlc: &str, data: Value) -> Value {
    json!({"change_id": uuid::Uuid::new_v4().to_string(), "table": table, "op": op, "id": id, "hlc": hlc, "data": data})
}

#[test]
fn pull_never_misses_a_row_committed_out_of_order() {
    let pg = Postgres::start().unwrap();
    let owner = Person::get(&pg, "owner@demo.eventos.test");
    let account = account_of(&pg, "EventOS Demo");
    let scopes = json!([{"account_id": account}]);
    let start = owner.cursor();
    let (early, late) = (uuid(1), uuid(2));

    // The early transaction takes its id first but commits last.
    let mut session = pg.open_session().unwrap();
    session.run("BEGIN").unwrap();
    session
        .run(&format!("INSERT INTO public.venues (id, account_id, name) VALUES ('{early}', '{account}', 'Early Hall')"))
        .unwrap();
    pg.psql(&format!("INSERT INTO public.venues (id, account_id, name) VALUES ('{late}', '{account}', 'Late Hall')"))
        .unwrap();
    let (first, cursor) = owner.pull_all(&start, &scopes);
    session.run("COMMIT").unwrap();
    let (second, end) = owner.pull_all(&cursor, &scopes);
    let (third, _) = owner.pull_all(&end, &scopes);

    let all: Vec<Value> = first.iter().chain(&second).chain(&third).cloned().collect();
    let venues = ids_of(&all, "venues", "upsert");
    assert_eq!(venues.iter().filter(|id| **id == early).count(), 1, "{all:#?}");
    assert_eq!(venues.iter().filter(|id| **id == late).count(), 1, "{all:#?}");
    assert!(third.is_empty(), "{third:#?}");
    let row = all.iter().find(|c| c["id"] == early).unwrap();
    assert_eq!(row["row"]["name"], "Early Hall");
    assert_eq!(row["row"]["account_id"], account.as_str());
}

#[test]
fn a_page_holds_at_most_limit_changes_and_the_cursor_resumes_after_it() {
    let pg = Postgres::start().unwrap();
    let owner = Person::get(&pg, "owner@demo.eventos.test");
    let account = account_of(&pg, "EventOS Demo");
    let scopes = json!([{"account_id": account}]);
    let start = owner.cursor();
    let values = (10..15).map(|n| format!("('{}', '{account}', 'Hall {n}')", uuid(n))).collect::<Vec<_>>();
    pg.psql(&format!("INSERT INTO public.venues (id, account_id, name) VALUES {}", values.join(", "))).unwrap();

    let page = owner.pull(&start, &scopes, 3);
    assert_eq!(page["changes"].as_array().unwrap().len(), 3);
    assert_eq!(page["has_more"], true);
    let rest = owner.pull(page["next"].as_str().unwrap(), &scopes, 3);
    assert_eq!(rest["changes"].as_array().unwrap().len(), 2);
    assert_eq!(rest["has_more"], false);
    let mut seen: Vec<Value> = page["changes"].as_array().unwrap().clone();
    seen.extend(rest["changes"].as_array().unwrap().iter().cloned());
    let mut ids = ids_of(&seen, "venues", "upsert");
    ids.sort_unstable();
    assert_eq!(ids, (10..15).map(uuid).collect::<Vec<_>>());
    // An empty page keeps the cursor.
    let empty = owner.pull(rest["next"].as_str().unwrap(), &scopes, 3);
    assert_eq!(empty["changes"], json!([]));
    assert_eq!(empty["next"], rest["next"]);
    assert!(
        owner.sql("SELECT public.pull_changes('not-a-cursor', '[]', 10)").unwrap_err().contains("invalid sync cursor")
    );
}

#[test]
fn deletes_and_rows_leaving_a_scope_arrive_as_tombstones() {
    let pg = Postgres::start().unwrap();
    let sales = Person::get(&pg, "sales@demo.eventos.test");
    let account = account_of(&pg, "EventOS Demo");
    let scopes = json!([{"account_id": account}]);
    let organizer = pg
        .psql(&format!(
            "SELECT o.id FROM public.crm_organizers o WHERE o.assigned_to = '{}' \
             AND EXISTS (SELECT 1 FROM public.crm_contacts c WHERE c.organizer_id = o.id) ORDER BY o.id LIMIT 1",
            sales.id
        ))
        .unwrap();
    let contacts =
        pg.psql(&format!("SELECT id FROM public.crm_contacts WHERE organizer_id = '{organizer}' ORDER BY id")).unwrap();
    let contacts: Vec<&str> = contacts.lines().collect();
    let venue =
        pg.psql(&format!("SELECT id FROM public.venues WHERE account_id = '{account}' ORDER BY id LIMIT 1")).unwrap();
    let start = sales.cursor();

    // The organizer is handed to the owner: for the sales rep it and its contacts leave.
    let owner = Person::get(&pg, "owner@demo.eventos.test");
    owner
        .sql(&format!("UPDATE public.crm_organizers SET assigned_to = '{}' WHERE id = '{organizer}'", owner.id))
        .unwrap();
    pg.psql(&format!("UPDATE public.events SET venue_id = NULL WHERE venue_id = '{venue}'")).unwrap();
    pg.psql(&format!("DELETE FROM public.venues WHERE id = '{venue}'")).unwrap();

    let (changes, _) = sales.pull_all(&start, &scopes);
    assert_eq!(ids_of(&changes, "crm_organizers", "delete"), [organizer.as_str()], "{changes:#?}");
    let mut gone = ids_of(&changes, "crm_contacts", "delete");
    gone.sort_unstable();
    assert_eq!(gone, contacts);
    assert_eq!(ids_of(&changes, "venues", "delete"), [venue.as_str()]);
    assert!(changes.iter().all(|c| c["op"] == "upsert" || c.get("row").is_none()));

    // The owner still sees the organizer: an upsert, not a tombstone.
    let (theirs, _) = owner.pull_all(&start, &scopes);
    assert_eq!(ids_of(&theirs, "crm_organizers", "upsert"), [organizer.as_str()]);
}

#[test]
fn notes_follow_their_opportunity_when_it_changes_hands() {
    let pg = Postgres::start().unwrap();
    let sales = Person::get(&pg, "sales@demo.eventos.test");
    let owner = Person::get(&pg, "owner@demo.eventos.test");
    let account = account_of(&pg, "EventOS Demo");
    let scopes = json!([{"account_id": account}]);
    let opportunity = pg
        .psql(&format!(
            "SELECT id FROM public.crm_opportunities WHERE assigned_to = '{}' ORDER BY id LIMIT 1",
            sales.id
        ))
        .unwrap();
    // A note the owner wrote on the rep's opportunity: the rep sees it only through the opportunity.
    let note = uuid(60);
    pg.psql(&format!(
        "INSERT INTO public.crm_notes (id, opportunity_id, content, created_by) VALUES ('{note}', '{opportunity}', 'Budget approved', '{}')",
        owner.id
    ))
    .unwrap();
    let start = sales.cursor();

    owner
        .sql(&format!("UPDATE public.crm_opportunities SET assigned_to = '{}' WHERE id = '{opportunity}'", owner.id))
        .unwrap();
    let (gone, cursor) = sales.pull_all(&start, &scopes);
    assert_eq!(ids_of(&gone, "crm_opportunities", "delete"), [opportunity.as_str()], "{gone:#?}");
    assert_eq!(ids_of(&gone, "crm_notes", "delete"), [note.as_str()], "{gone:#?}");

    owner
        .sql(&format!("UPDATE public.crm_opportunities SET assigned_to = '{}' WHERE id = '{opportunity}'", sales.id))
        .unwrap();
    let (back, _) = sales.pull_all(&cursor, &scopes);
    assert!(ids_of(&back, "crm_notes", "upsert").contains(&note.as_str()), "{back:#?}");
    assert!(ids_of(&back, "crm_notes", "delete").is_empty(), "{back:#?}");
}

#[test]
fn scopes_are_checked_and_lost_ones_reported() {
    let pg = Postgres::start().unwrap();
    let outsider = Person::get(&pg, "outsider@other.eventos.test");
    let door = Person::get(&pg, "door@demo.eventos.test");
    let demo = account_of(&pg, "EventOS Demo");
    let start = "0:0";

    // Someone outside the account gets nothing of it, and is told so.
    let page = outsider.pull(start, &json!([{"account_id": demo}]), 1000);
    assert_eq!(page["changes"], json!([]));
    assert_eq!(page["lost_scopes"], json!([{"account_id": demo}]));

    // Door staff pull their event only: its tickets, never orders or CRM.
    let event = pg
        .psql(&format!(
            "SELECT event_id FROM public.event_teams WHERE member_id = '{}' AND role = 'registration'",
            door.id
        ))
        .unwrap();
    let (changes, _) = door.pull_all(start, &json!([{"event_id": event}]));
    let tickets = pg.psql(&format!("SELECT id FROM public.tickets WHERE event_id = '{event}' ORDER BY id")).unwrap();
    let mut pulled = ids_of(&changes, "tickets", "upsert");
    pulled.sort_unstable();
    pulled.dedup(); // a ticket changed again later (checked in) arrives again
    assert_eq!(pulled, tickets.lines().collect::<Vec<_>>());
    assert!(changes.iter().all(|c| c["op"] == "delete" || !c["table"].as_str().unwrap().starts_with("crm_")));
    assert!(ids_of(&changes, "orders", "upsert").is_empty());
    assert_eq!(door.pull(start, &json!([{"account_id": demo}]), 10)["lost_scopes"], json!([{"account_id": demo}]));

    // Off the team: the event scope is lost.
    pg.psql(&format!("DELETE FROM public.event_teams WHERE member_id = '{}'", door.id)).unwrap();
    let page = door.pull(start, &json!([{"event_id": event}]), 10);
    assert_eq!(page["changes"], json!([]));
    assert_eq!(page["lost_scopes"], json!([{"event_id": event}]));
}

#[test]
fn a_replayed_push_is_a_duplicate_and_changes_nothing() {
    let pg = Postgres::start().unwrap();
    let base = now_ms(&pg);
    let owner = Person::get(&pg, "owner@demo.eventos.test");
    let account = account_of(&pg, "EventOS Demo");
    let venue = uuid(20);
    let (now, next) = (hlc(base, 0, "laptop-a"), hlc(base, 1, "laptop-a"));
    let batch = json!([
        change(
            "venues",
            "insert",
            &venue,
            &now,
            json!({"account_id": account, "name": "Pushed Hall", "capacity": 120})
        ),
        change("venues", "update", &venue, &next, json!({"city": "Mississauga"})),
    ]);
    let first = owner.push(&batch);
    assert_eq!(first.iter().map(|r| r["status"].as_str().unwrap()).collect::<Vec<_>>(), ["applied", "applied"]);
    let before = pg.psql(&format!("SELECT to_jsonb(v) FROM public.venues v WHERE id = '{venue}'")).unwrap();

    let again = owner.push(&batch);
    assert_eq!(again.iter().map(|r| r["status"].as_str().unwrap()).collect::<Vec<_>>(), ["duplicate", "duplicate"]);
    assert_eq!(again[0]["change_id"], batch[0]["change_id"]);
    assert_eq!(pg.psql(&format!("SELECT to_jsonb(v) FROM public.venues v WHERE id = '{venue}'")).unwrap(), before);
    let row: Value = serde_json::from_str(&before).unwrap();
    assert_eq!((row["name"].as_str(), row["city"].as_str()), (Some("Pushed Hall"), Some("Mississauga")));
    assert_eq!(row["_hlc"]["*"], now.as_str());
    assert_eq!(row["_hlc"]["city"], next.as_str());
}

#[test]
fn concurrent_edits_merge_per_field_by_clock() {
    let pg = Postgres::start().unwrap();
    let base = now_ms(&pg);
    let owner = Person::get(&pg, "owner@demo.eventos.test");
    let organizer = Person::get(&pg, "organizer@demo.eventos.test");
    let account = account_of(&pg, "EventOS Demo");
    let venue =
        pg.psql(&format!("SELECT id FROM public.venues WHERE account_id = '{account}' ORDER BY id LIMIT 1")).unwrap();

    // Two devices edit different fields: both survive.
    let a = owner.push(&json!([change(
        "venues",
        "update",
        &venue,
        &hlc(base, 2000, "laptop-a"),
        json!({"name": "A's name"})
    )]));
    let b = organizer.push(&json!([change(
        "venues",
        "update",
        &venue,
        &hlc(base, 1000, "laptop-b"),
        json!({"city": "Hamilton"})
    )]));
    assert_eq!((a[0]["status"].as_str(), b[0]["status"].as_str()), (Some("applied"), Some("applied")));
    assert_eq!(
        pg.psql(&format!("SELECT name, city FROM public.venues WHERE id = '{venue}'")).unwrap(),
        "A's name|Hamilton"
    );

    // The same field: the later clock wins whatever the arrival order; the loser is told.
    let later = owner.push(&json!([change(
        "venues",
        "update",
        &venue,
        &hlc(base, 4000, "laptop-a"),
        json!({"capacity": 300})
    )]));
    let earlier = organizer.push(&json!([change(
        "venues",
        "update",
        &venue,
        &hlc(base, 3000, "laptop-b"),
        json!({"capacity": 200, "postal_code": "M5V 1J1"})
    )]));
    assert_eq!(later[0]["status"], "applied");
    assert_eq!(earlier[0]["status"], "partial");
    assert_eq!(earlier[0]["applied"], json!(["postal_code"]));
    assert_eq!(earlier[0]["lost"], json!(["capacity"]));
    let stale = organizer.push(&json!([change(
        "venues",
        "update",
        &venue,
        &hlc(base, 3500, "laptop-b"),
        json!({"capacity": 250})
    )]));
    assert_eq!((stale[0]["status"].as_str(), stale[0]["reason"].as_str()), (Some("rejected"), Some("stale")));
    assert_eq!(
        pg.psql(&format!("SELECT capacity, postal_code FROM public.venues WHERE id = '{venue}'")).unwrap(),
        "300|M5V 1J1"
    );
}

#[test]
fn a_direct_web_write_gets_a_server_clock_that_later_pushes_must_beat() {
    let pg = Postgres::start().unwrap();
    let owner = Person::get(&pg, "owner@demo.eventos.test");
    let account = account_of(&pg, "EventOS Demo");
    let venue =
        pg.psql(&format!("SELECT id FROM public.venues WHERE account_id = '{account}' ORDER BY id LIMIT 1")).unwrap();
    // Made offline after the seed, before the web write below: just after the field's seed
    // clock, so that only the web write can make it stale. The web write's server clock comes
    // after the field's clock (sync.hlc_after), and a server clock of the same millisecond and
    // counter orders after a device's ("server" > "laptop-a"): no wait is needed for the order.
    let seed_clock = pg
        .psql(&format!("SELECT coalesce(_hlc ->> 'city', _hlc ->> '*') FROM public.venues WHERE id = '{venue}'"))
        .unwrap();
    let (seed_ms, seed_counter) = (&seed_clock[..13], seed_clock[14..19].parse::<u32>().unwrap());
    let offline_edit = format!("{seed_ms}-{:05}-laptop-a", seed_counter + 1);
    assert!(offline_edit > seed_clock, "{offline_edit} {seed_clock}");
    owner.sql(&format!("UPDATE public.venues SET city = 'Oakville' WHERE id = '{venue}'")).unwrap();
    let clocks: Value =
        serde_json::from_str(&pg.psql(&format!("SELECT _hlc FROM public.venues WHERE id = '{venue}'")).unwrap())
            .unwrap();
    assert!(clocks["city"].as_str().unwrap().ends_with("-server"), "{clocks}");
    assert!(clocks.get("name").is_none(), "an unchanged field keeps its clock: {clocks}");

    let answer = owner.push(&json!([change("venues", "update", &venue, &offline_edit, json!({"city": "Burlington"}))]));
    assert_eq!(answer[0]["reason"], "stale");
    assert_eq!(pg.psql(&format!("SELECT city FROM public.venues WHERE id = '{venue}'")).unwrap(), "Oakville");
}

#[test]
fn deletes_win_and_far_future_clocks_are_refused() {
    let pg = Postgres::start().unwrap();
    let base = now_ms(&pg);
    let owner = Person::get(&pg, "owner@demo.eventos.test");
    let account = account_of(&pg, "EventOS Demo");
    let venue = uuid(30);
    pg.psql(&format!("INSERT INTO public.venues (id, account_id, name) VALUES ('{venue}', '{account}', 'Soon Gone')"))
        .unwrap();

    // A delete made earlier than an edit still wins; the edit of the deleted row is refused.
    let delete = owner.push(&json!([change("venues", "delete", &venue, &hlc(base, -5000, "laptop-a"), Value::Null)]));
    assert_eq!(delete[0]["status"], "applied");
    let edit =
        owner.push(&json!([change("venues", "update", &venue, &hlc(base, 0, "laptop-b"), json!({"name": "Back?"}))]));
    assert_eq!((edit[0]["status"].as_str(), edit[0]["reason"].as_str()), (Some("rejected"), Some("deleted")));
    let revive = owner.push(&json!([change(
        "venues",
        "insert",
        &venue,
        &hlc(base, 0, "laptop-b"),
        json!({"account_id": account, "name": "Back?"})
    )]));
    assert_eq!(revive[0]["reason"], "deleted");
    assert_eq!(pg.psql(&format!("SELECT count(*) FROM public.venues WHERE id = '{venue}'")).unwrap(), "0");

    // Six minutes ahead of the server's clock as it is now (not as it was at `base`: the
    // server allows five minutes, and a slow run must not use them up).
    let ahead = owner.push(&json!([change(
        "venues",
        "insert",
        &uuid(31),
        &hlc(now_ms(&pg), 6 * 60 * 1000, "laptop-c"),
        json!({"account_id": account, "name": "Future"})
    )]));
    assert_eq!((ahead[0]["status"].as_str(), ahead[0]["reason"].as_str()), (Some("rejected"), Some("clock_ahead")));
    let slightly = owner.push(&json!([change(
        "venues",
        "insert",
        &uuid(32),
        &hlc(base, 60 * 1000, "laptop-c"),
        json!({"account_id": account, "name": "A minute ahead"})
    )]));
    assert_eq!(slightly[0]["status"], "applied");
}

#[test]
fn a_refused_change_is_reported_alone_and_the_rest_apply() {
    let pg = Postgres::start().unwrap();
    let base = now_ms(&pg);
    let owner = Person::get(&pg, "owner@demo.eventos.test");
    let viewer = Person::get(&pg, "viewer@demo.eventos.test");
    let account = account_of(&pg, "EventOS Demo");
    let now = hlc(base, 0, "laptop-a");
    let batch = json!([
        change("venues", "insert", &uuid(40), &now, json!({"account_id": account, "name": "Fine Hall"})),
        change("venues", "insert", &uuid(41), &now, json!({"account_id": account, "name": "Tiny", "capacity": 2})),
        change("venues", "insert", &uuid(42), &now, json!({"account_id": account, "name": "Also Fine"})),
        change("no_such_table", "insert", &uuid(43), &now, json!({})),
        change("venues", "insert", &uuid(44), &now, json!({"account_id": account, "name": "X", "no_such_column": 1})),
    ]);
    let results = owner.push(&batch);
    let statuses: Vec<_> = results.iter().map(|r| (r["status"].as_str().unwrap(), r["reason"].as_str())).collect();
    assert_eq!(
        statuses,
        [
            ("applied", None),
            ("rejected", Some("constraint")),
            ("applied", None),
            ("rejected", Some("invalid")),
            ("rejected", Some("invalid"))
        ]
    );
    assert_eq!(results[1]["code"], "23514");
    let names = format!(
        "SELECT string_agg(name, ',' ORDER BY name) FROM public.venues WHERE id IN ('{}', '{}', '{}')",
        uuid(40),
        uuid(41),
        uuid(42)
    );
    assert_eq!(pg.psql(&names).unwrap(), "Also Fine,Fine Hall");
    // A replay is a duplicate, the refused change included.
    assert!(owner.push(&batch)[..3].iter().all(|r| r["status"] == "duplicate"));

    // Row-level security applies to pushes: a viewer may not write.
    let refused = viewer.push(&json!([change(
        "venues",
        "insert",
        &uuid(45),
        &now,
        json!({"account_id": account, "name": "Nope"})
    )]));
    assert_eq!((refused[0]["status"].as_str(), refused[0]["reason"].as_str()), (Some("rejected"), Some("forbidden")));
    assert!(
        Person::get(&pg, "owner@demo.eventos.test")
            .sql("SELECT public.push_changes('{}')")
            .unwrap_err()
            .contains("array")
    );
}

#[test]
fn two_doors_checking_in_one_ticket_keep_the_earliest_entry_and_both_rows() {
    let pg = Postgres::start().unwrap();
    let base = now_ms(&pg);
    let door = Person::get(&pg, "door@demo.eventos.test");
    let event = pg
        .psql(&format!(
            "SELECT event_id FROM public.event_teams WHERE member_id = '{}' AND role = 'registration'",
            door.id
        ))
        .unwrap();
    let ticket = pg
        .psql(&format!(
            "SELECT id || '|' || qr_code || '|' || attendee_id FROM public.tickets WHERE event_id = '{event}' AND status = 'active' ORDER BY id LIMIT 1"
        ))
        .unwrap();
    let [ticket, qr, attendee] = ticket.split('|').collect::<Vec<_>>()[..] else {
        panic!("no active ticket: {ticket}")
    };
    let scan = |n: u32, at: &str, node: &str| {
        change(
            "event_checkins",
            "insert",
            &uuid(n),
            &hlc(base, 0, node),
            json!({"event_id": event, "attendee_id": attendee, "qr_code_scanned": qr, "check_in_time": at, "check_in_method": "qr_code"}),
        )
    };
    // Door B scanned later but pushes first.
    let b = door.push(&json!([scan(51, "2026-11-22T18:05:00.000000Z", "door-b")]));
    let a = door.push(&json!([scan(50, "2026-11-22T18:01:00.000000Z", "door-a")]));
    assert_eq!((a[0]["status"].as_str(), b[0]["status"].as_str()), (Some("applied"), Some("applied")));
    assert_eq!(
        pg.psql(&format!(
            "SELECT status, to_char(checked_in_at AT TIME ZONE 'UTC', 'HH24:MI') FROM public.tickets WHERE id = '{ticket}'"
        ))
        .unwrap(),
        "used|18:01"
    );
    assert_eq!(
        pg.psql(&format!("SELECT count(*) FROM public.event_checkins WHERE qr_code_scanned = '{qr}'")).unwrap(),
        "2"
    );
    // Door staff may not edit the ticket itself.
    let edit =
        door.push(&json!([change("tickets", "update", ticket, &hlc(base, 0, "door-a"), json!({"status": "active"}))]));
    assert_eq!(edit[0]["status"], "rejected");
}
