//! The CRM's workflows through the facade, offline over the demo replica: the pipeline board
//! and its totals (exact, against the replica), moving and closing deals with the stages'
//! probabilities, the quick log and My day across time zones, and the one primary contact.
#![allow(clippy::unwrap_used)]

mod common;

use common::{demo, scalar};

use eventos_app::crm::{BoardQuery, Closing, QuickLog};
use eventos_app::{App, ErrorCode};
use serde_json::json;

/// `"1234.50"` → 123450.
fn cents(text: &str) -> i64 {
    let (int, frac) = text.split_once('.').unwrap_or((text, "0"));
    int.parse::<i64>().unwrap() * 100 + format!("{frac:0<2}")[..2].parse::<i64>().unwrap()
}

#[test]
fn the_board_has_a_column_per_stage_in_order_and_its_totals_are_the_replicas() {
    let (dir, app) = demo();
    let board = app.pipeline_board(&BoardQuery::default()).unwrap();
    let names: Vec<&str> = board.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Lead", "Qualified", "Proposal", "Negotiation", "Won", "Lost"]);
    let db = rusqlite::Connection::open(dir.path().join("eventos.db")).unwrap();
    let open: Vec<(String, String, String)> = db
        .prepare("SELECT stage_id, value, expected_revenue FROM crm_opportunities WHERE status = 'open'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!open.is_empty());
    for column in board.columns.iter().filter(|c| !c.is_closed) {
        let mine: Vec<_> = open.iter().filter(|(s, _, _)| *s == column.stage_id).collect();
        assert_eq!(column.cards.len(), mine.len(), "{}", column.name);
        assert_eq!(column.total_cents, mine.iter().map(|(_, v, _)| cents(v)).sum::<i64>(), "{}", column.name);
        assert_eq!(column.weighted_cents, mine.iter().map(|(_, _, e)| cents(e)).sum::<i64>(), "{}", column.name);
    }
    assert_eq!(board.open_cents, open.iter().map(|(_, v, _)| cents(v)).sum::<i64>());
    assert_eq!(board.weighted_cents, open.iter().map(|(_, _, e)| cents(e)).sum::<i64>());
    assert_eq!(board.months.iter().map(|m| m.weighted_cents).sum::<i64>(), board.weighted_cents);
    assert!(board.months.windows(2).all(|w| w[0].month < w[1].month));
    let closed: i64 = scalar(&dir, "SELECT count(*) FROM crm_opportunities WHERE status IN ('won', 'lost')");
    let on_closed: usize = board.columns.iter().filter(|c| c.is_closed).map(|c| c.cards.len()).sum();
    assert_eq!(on_closed as i64, closed);
}

#[test]
fn the_board_sends_a_page_per_column_counts_them_all_and_narrows_by_owner() {
    let (dir, mut app) = demo();
    let whole = app.pipeline_board(&BoardQuery::default()).unwrap();
    let busiest = whole.columns.iter().max_by_key(|c| c.cards.len()).unwrap().clone();
    assert!(busiest.cards.len() > 1, "the demo has a column with deals to page");
    assert!(whole.columns.iter().all(|c| c.count as usize == c.cards.len()), "no page asked: every card");

    // A page of one card per column; the totals and counts are still the whole column's.
    let mut query = BoardQuery { per_column: Some(1), ..BoardQuery::default() };
    let paged = app.pipeline_board(&query).unwrap();
    for (page, all) in paged.columns.iter().zip(&whole.columns) {
        assert_eq!(page.cards.len(), all.cards.len().min(1), "{}", all.name);
        assert_eq!(
            (page.count, page.total_cents, page.weighted_cents),
            (all.count, all.total_cents, all.weighted_cents)
        );
    }
    assert_eq!((paged.open_cents, &paged.months), (whole.open_cents, &whole.months));
    // A revealed deal brings its column's cards up to it; "Show more" asks one column for more.
    let column_of = |board: &eventos_app::crm::Board| {
        board.columns.iter().find(|c| c.stage_id == busiest.stage_id).unwrap().cards.clone()
    };
    query.reveal = Some(busiest.cards.last().unwrap().id.clone());
    assert_eq!(column_of(&app.pipeline_board(&query).unwrap()), busiest.cards);
    query.reveal = None;
    query.shown.insert(busiest.stage_id.clone(), 2);
    assert_eq!(column_of(&app.pipeline_board(&query).unwrap()), busiest.cards[..2]);

    // The owners named on the board, each a choice that narrows the cards and every total.
    assert!(!whole.owners.is_empty());
    let owner = &whole.owners[0];
    let mine = app.pipeline_board(&BoardQuery { owner: Some(owner.id.clone()), ..BoardQuery::default() }).unwrap();
    let theirs: Vec<_> = mine.columns.iter().flat_map(|c| &c.cards).collect();
    assert!(!theirs.is_empty() && theirs.iter().all(|c| c.owner_name.as_deref() == Some(owner.name.as_str())));
    let sql = format!("SELECT count(*) FROM crm_opportunities WHERE assigned_to = '{}'", owner.id);
    assert_eq!(theirs.len() as i64, scalar::<i64>(&dir, &sql));
    let open: i64 = theirs.iter().filter(|c| c.status == "open").map(|c| c.value_cents).sum();
    assert_eq!(mine.open_cents, open);
    assert_eq!(mine.owners, whole.owners, "every owner stays a choice while one is chosen");

    // A deal assigned to nobody makes "unassigned" a choice, and that choice shows only it.
    let nobody = "SELECT count(*) FROM crm_opportunities WHERE assigned_to IS NULL";
    assert_eq!(whole.unassigned, scalar::<i64>(&dir, nobody) > 0);
    let deal = busiest.cards[0].id.clone();
    app.update_record("crm_opportunities", &deal, serde_json::from_value(json!({"assigned_to": null})).unwrap())
        .unwrap();
    let nobodys = app.pipeline_board(&BoardQuery { unassigned: true, ..BoardQuery::default() }).unwrap();
    assert!(nobodys.unassigned);
    let cards: Vec<_> = nobodys.columns.iter().flat_map(|c| &c.cards).collect();
    assert!(cards.iter().any(|c| c.id == deal) && cards.iter().all(|c| c.owner_name.is_none()));
    assert_eq!(cards.len() as i64, scalar::<i64>(&dir, nobody));
}

fn first_open(app: &App) -> (String, String) {
    let board = app.pipeline_board(&BoardQuery::default()).unwrap();
    let lead = board.columns.iter().find(|c| !c.is_closed && !c.cards.is_empty()).unwrap();
    (lead.cards[0].id.clone(), lead.stage_id.clone())
}

#[test]
fn a_deal_moves_with_its_stages_probability_and_closes_won_or_lost() {
    let (_dir, mut app) = demo();
    let (deal, from) = first_open(&app);
    let board = app.pipeline_board(&BoardQuery::default()).unwrap();
    let proposal = board.columns.iter().find(|c| c.name == "Proposal").unwrap().stage_id.clone();
    let target = if from == proposal { board.columns[3].stage_id.clone() } else { proposal };
    let moved = app.move_opportunity(&deal, &target).unwrap();
    let stage = board.columns.iter().find(|c| c.stage_id == target).unwrap();
    assert_eq!(moved["probability"], stage.probability);
    // expected_revenue = value × probability, exactly (rounded half away from zero to cents).
    let value = cents(moved["value"].as_str().unwrap());
    let expected = (value * stage.probability + 50) / 100;
    assert_eq!(cents(moved["expected_revenue"].as_str().unwrap()), expected);
    let after = app.pipeline_board(&BoardQuery::default()).unwrap();
    let column = after.columns.iter().find(|c| c.stage_id == target).unwrap();
    assert!(column.cards.iter().any(|c| c.id == deal));

    // Won and Lost are closings, not moves.
    let won_stage = after.columns.iter().find(|c| c.is_won).unwrap().stage_id.clone();
    let refused = app.move_opportunity(&deal, &won_stage).unwrap_err();
    assert_eq!((refused.code, refused.field.as_deref()), (ErrorCode::Invalid, Some("stage_id")));
    let no_reason = app.close_opportunity(&deal, &Closing { won: false, close_date: None, reason: Some(" ".into()) });
    assert_eq!(no_reason.unwrap_err().field.as_deref(), Some("loss_reason"));
    let lost = app
        .close_opportunity(
            &deal,
            &Closing { won: false, close_date: Some("2026-12-01".into()), reason: Some("Budget cut".into()) },
        )
        .unwrap();
    assert_eq!((lost["status"].as_str(), lost["probability"].as_i64()), (Some("lost"), Some(0)));
    assert_eq!(lost["actual_close_date"], "2026-12-01");
    let closed = app.pipeline_board(&BoardQuery::default()).unwrap();
    let lost_column = closed.columns.iter().find(|c| c.is_closed && !c.is_won).unwrap();
    assert!(lost_column.cards.iter().any(|c| c.id == deal && c.loss_reason.as_deref() == Some("Budget cut")));
    assert_eq!(closed.open_cents, after.open_cents - value, "a lost deal leaves the forecast");

    // Moved back to an open stage, it is open again, with no close date or reason.
    let reopened = app.move_opportunity(&deal, &from).unwrap();
    assert_eq!(reopened["status"], "open");
    assert!(reopened["actual_close_date"].is_null() && reopened["loss_reason"].is_null());
    let won = app.close_opportunity(&deal, &Closing { won: true, close_date: None, reason: None }).unwrap();
    assert_eq!((won["status"].as_str(), won["probability"].as_i64()), (Some("won"), Some(100)));
    assert_eq!(won["actual_close_date"].as_str().unwrap().len(), 10, "today");
    let bad_date =
        app.close_opportunity(&deal, &Closing { won: true, close_date: Some("next week".into()), reason: None });
    assert_eq!(bad_date.unwrap_err().field.as_deref(), Some("actual_close_date"));
}

/// This computer's day for a UTC offset, as the facade computes it: its midnights in UTC.
fn day(offset_minutes: i32) -> (time::OffsetDateTime, time::OffsetDateTime) {
    let offset = time::UtcOffset::from_whole_seconds(offset_minutes * 60).unwrap();
    let start = time::OffsetDateTime::now_utc().to_offset(offset).replace_time(time::Time::MIDNIGHT);
    (start, start + time::Duration::days(1))
}

fn stamp(at: time::OffsetDateTime) -> String {
    eventos_model::timestamp::format(at.to_offset(time::UtcOffset::UTC))
}

#[test]
fn a_quick_log_fills_its_links_and_my_day_sorts_tasks_on_this_computers_clock() {
    let (dir, mut app) = demo();
    let contact: String = scalar(&dir, "SELECT id FROM crm_contacts ORDER BY id LIMIT 1");
    let company: String = scalar(&dir, &format!("SELECT organizer_id FROM crm_contacts WHERE id = '{contact}'"));
    let log = |kind: &str, subject: &str, due: Option<String>| QuickLog {
        kind: kind.into(),
        subject: subject.into(),
        outcome: Some("Left a voicemail".into()),
        duration_minutes: Some(5),
        at: None,
        due,
        on_table: "crm_contacts".into(),
        on_id: contact.clone(),
    };
    let call = app.log_activity(&log("call", "Follow-up on the proposal", None)).unwrap();
    assert_eq!(call["organizer_id"], company.as_str(), "the contact's company");
    assert_eq!(call["contact_id"], contact.as_str());
    assert_eq!(call["description"], "Left a voicemail");
    let owner: String =
        scalar(&dir, "SELECT user_id FROM account_users WHERE role = 'owner' ORDER BY account_id LIMIT 1");
    assert_eq!(call["user_id"], owner.as_str());
    assert_eq!(app.log_activity(&log("fax", "x", None)).unwrap_err().field.as_deref(), Some("type"));
    assert_eq!(app.log_activity(&log("call", "  ", None)).unwrap_err().field.as_deref(), Some("subject"));
    assert_eq!(
        app.log_activity(&log("task", "Send the contract", None)).unwrap_err().field.as_deref(),
        Some("due_date")
    );

    // Tasks due an hour before today began, an hour into today, and tomorrow, for a computer in
    // Toronto (UTC−5): My day puts each in its list.
    let toronto = -300;
    let (start, end) = day(toronto);
    let hour = time::Duration::hours(1);
    let late = app.log_activity(&log("task", "Late", Some(stamp(start - hour)))).unwrap()["id"].clone();
    let soon = app.log_activity(&log("task", "Soon", Some(stamp(start + hour)))).unwrap()["id"].clone();
    let later = app.log_activity(&log("task", "Later", Some(stamp(end + hour)))).unwrap()["id"].clone();
    let ids = |items: &[eventos_app::crm::DayItem]| items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    let mine = app.my_day(toronto).unwrap();
    assert!(ids(&mine.overdue).contains(&late.as_str().unwrap().to_owned()));
    assert!(ids(&mine.today).contains(&soon.as_str().unwrap().to_owned()));
    assert!(ids(&mine.upcoming).contains(&later.as_str().unwrap().to_owned()));
    assert_eq!(mine.due_count, (mine.overdue.len() + mine.today.len()) as i64);

    // The same instants on a computer in Sydney (UTC+11), whose day is another.
    let sydney = 660;
    let (s_start, s_end) = day(sydney);
    let in_list = |at: time::OffsetDateTime| {
        if at < s_start {
            "overdue"
        } else if at < s_end {
            "today"
        } else {
            "upcoming"
        }
    };
    let there = app.my_day(sydney).unwrap();
    for (id, at) in [(&late, start - hour), (&soon, start + hour), (&later, end + hour)] {
        let id = id.as_str().unwrap().to_owned();
        let list = match in_list(at) {
            "overdue" => &there.overdue,
            "today" => &there.today,
            _ => &there.upcoming,
        };
        assert!(ids(list).contains(&id), "{id} due {at} in Sydney's {}", in_list(at));
    }

    // Done moves it to today's done list; a snoozed task moves on.
    app.complete_task(soon.as_str().unwrap()).unwrap();
    app.snooze_task(late.as_str().unwrap(), &stamp(end + hour * 2)).unwrap();
    let after = app.my_day(toronto).unwrap();
    assert!(ids(&after.done).contains(&soon.as_str().unwrap().to_owned()));
    assert!(!ids(&after.today).contains(&soon.as_str().unwrap().to_owned()));
    assert!(ids(&after.upcoming).contains(&late.as_str().unwrap().to_owned()));
    assert_eq!(after.due_count, mine.due_count - 2);
}

#[test]
fn a_company_has_one_primary_contact_and_making_another_primary_swaps_them() {
    let (dir, mut app) = demo();
    let primary: String = scalar(&dir, "SELECT id FROM crm_contacts WHERE is_primary = 1 ORDER BY id LIMIT 1");
    let company: String = scalar(&dir, &format!("SELECT organizer_id FROM crm_contacts WHERE id = '{primary}'"));
    let second = app
        .create_record(
            "crm_contacts",
            json!({"organizer_id": company, "full_name": "Léa Tremblay", "email": "lea@example.ca"})
                .as_object()
                .cloned()
                .unwrap(),
        )
        .unwrap();
    let second = second["id"].as_str().unwrap().to_owned();
    let refused = app
        .update_record("crm_contacts", &second, json!({"is_primary": true}).as_object().cloned().unwrap())
        .unwrap_err();
    assert_eq!((refused.code, refused.field.as_deref()), (ErrorCode::Duplicate, Some("is_primary")));
    assert!(refused.message.contains("only one per company can be primary"), "{}", refused.message);

    let made = app.make_primary_contact(&second).unwrap();
    assert_eq!(made["is_primary"], true);
    let primaries: i64 =
        scalar(&dir, &format!("SELECT count(*) FROM crm_contacts WHERE organizer_id = '{company}' AND is_primary = 1"));
    assert_eq!(primaries, 1);
    let old: bool = scalar(&dir, &format!("SELECT is_primary FROM crm_contacts WHERE id = '{primary}'"));
    assert!(!old, "the one before is no longer primary");
}

#[test]
fn merging_two_companies_keeps_ones_values_fills_its_gaps_and_moves_every_child() {
    let (dir, mut app) = demo();
    let count = |sql: &str| -> i64 { scalar(&dir, sql) };
    let (keep, drop): (String, String) = (
        scalar(&dir, "SELECT organizer_id FROM crm_contacts WHERE is_primary = 1 ORDER BY organizer_id LIMIT 1"),
        scalar(&dir, "SELECT organizer_id FROM crm_contacts WHERE is_primary = 1 ORDER BY organizer_id DESC LIMIT 1"),
    );
    assert_ne!(keep, drop);
    let row = |v: serde_json::Value| v.as_object().cloned().unwrap();
    // The kept company lacks a website the other has; both have an industry.
    app.update_record("crm_organizers", &keep, row(json!({"website": null, "industry": "Kept industry"}))).unwrap();
    app.update_record("crm_organizers", &drop, row(json!({"website": "https://dropped.example", "industry": "Other"})))
        .unwrap();
    let children = |id: &str| -> i64 {
        ["crm_contacts", "crm_opportunities", "crm_activities", "crm_notes", "crm_documents"]
            .iter()
            .map(|t| count(&format!("SELECT count(*) FROM {t} WHERE organizer_id = '{id}'")))
            .sum()
    };
    let (kept_before, dropped_before) = (children(&keep), children(&drop));
    assert!(dropped_before > 0);

    let plan = app.merge_plan("crm_organizers", &keep, &drop).unwrap();
    let website = plan.fields.iter().find(|f| f.field == "website").unwrap();
    assert_eq!(website.result, "https://dropped.example", "a gap is filled");
    let industry = plan.fields.iter().find(|f| f.field == "industry").unwrap();
    assert_eq!(industry.result, "Kept industry", "the kept value wins");
    assert_eq!(plan.moving.iter().map(|m| m.count).sum::<i64>(), dropped_before);

    let kept = app.merge_records("crm_organizers", &keep, &drop).unwrap();
    assert_eq!(
        (kept["website"].as_str(), kept["industry"].as_str()),
        (Some("https://dropped.example"), Some("Kept industry"))
    );
    assert_eq!(count(&format!("SELECT count(*) FROM crm_organizers WHERE id = '{drop}'")), 0);
    assert_eq!(children(&keep), kept_before + dropped_before, "every child moved, none deleted");
    assert_eq!(
        count(&format!("SELECT count(*) FROM crm_contacts WHERE organizer_id = '{keep}' AND is_primary = 1")),
        1
    );

    assert_eq!(app.merge_records("crm_organizers", &keep, &keep).unwrap_err().code, ErrorCode::Invalid);
    assert_eq!(app.merge_records("events", &keep, &drop).unwrap_err().code, ErrorCode::Invalid);
}

#[test]
fn merging_two_contacts_moves_their_activities_and_keeps_one_primary() {
    let (dir, mut app) = demo();
    let primary: String = scalar(&dir, "SELECT id FROM crm_contacts WHERE is_primary = 1 ORDER BY id LIMIT 1");
    let company: String = scalar(&dir, &format!("SELECT organizer_id FROM crm_contacts WHERE id = '{primary}'"));
    let twin = app
        .create_record(
            "crm_contacts",
            json!({"organizer_id": company, "full_name": "Same Person", "email": "same@example.com", "phone": "+1 416 555 0101"})
                .as_object()
                .cloned()
                .unwrap(),
        )
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let log = QuickLog {
        kind: "call".into(),
        subject: "Called the twin".into(),
        outcome: None,
        duration_minutes: None,
        at: None,
        due: None,
        on_table: "crm_contacts".into(),
        on_id: primary.clone(),
    };
    let call = app.log_activity(&log).unwrap()["id"].as_str().unwrap().to_owned();
    // Keep the twin: it gets the primary flag of the contact it replaces, and its activities.
    let kept = app.merge_records("crm_contacts", &twin, &primary).unwrap();
    assert_eq!(kept["is_primary"], true);
    let moved: String = scalar(&dir, &format!("SELECT contact_id FROM crm_activities WHERE id = '{call}'"));
    assert_eq!(moved, twin);
    let primaries: i64 =
        scalar(&dir, &format!("SELECT count(*) FROM crm_contacts WHERE organizer_id = '{company}' AND is_primary = 1"));
    assert_eq!(primaries, 1);
}

#[test]
fn one_search_finds_companies_contacts_deals_events_and_attendees() {
    let (dir, app) = demo();
    let company: String = scalar(&dir, "SELECT company_name FROM crm_organizers ORDER BY id LIMIT 1");
    let word = company.split_whitespace().next().unwrap().to_owned();
    let hits = app.search_everything(&word[..word.len().min(4)]).unwrap();
    assert!(hits.iter().any(|h| h.table == "crm_organizers" && h.title == company), "{hits:?}");

    let deal: String = scalar(&dir, "SELECT name FROM crm_opportunities ORDER BY id LIMIT 1");
    let hits = app.search_everything(&deal).unwrap();
    assert!(hits.iter().any(|h| h.table == "crm_opportunities" && h.title == deal), "{hits:?}");

    let hits = app.search_everything("machine learn").unwrap();
    assert!(hits.iter().any(|h| h.table == "events" && h.title.contains("Machine Learning")), "{hits:?}");

    let (name, email): (String, String) = (
        scalar(&dir, "SELECT full_name FROM attendees ORDER BY id LIMIT 1"),
        scalar(&dir, "SELECT email FROM crm_contacts ORDER BY id LIMIT 1"),
    );
    assert!(app.search_everything(&name).unwrap().iter().any(|h| h.table == "attendees" && h.title == name));
    assert!(app.search_everything(&email).unwrap().iter().any(|h| h.table == "crm_contacts"));
    assert!(app.search_everything("   ").unwrap().is_empty());
    assert!(app.search_everything("\"unbalanced (").is_ok(), "any text is safe");
}

#[test]
fn a_template_is_filled_for_a_contact_and_what_cannot_be_filled_is_flagged() {
    let (dir, mut app) = demo();
    let contact: String = scalar(&dir, "SELECT id FROM crm_contacts ORDER BY id LIMIT 1");
    let (name, email, company): (String, String, String) = (
        scalar(&dir, &format!("SELECT full_name FROM crm_contacts WHERE id = '{contact}'")),
        scalar(&dir, &format!("SELECT email FROM crm_contacts WHERE id = '{contact}'")),
        scalar(
            &dir,
            &format!(
                "SELECT o.company_name FROM crm_contacts c JOIN crm_organizers o ON o.id = c.organizer_id WHERE c.id = '{contact}'"
            ),
        ),
    );
    let template = app
        .create_record(
            "crm_email_templates",
            json!({"name": "Invite", "subject": "{{event_name}} for {{company_name}}",
                "body_html": "<p>x</p>", "body_text": "Hi {{contact_first_name}} & team,\nsee you on {{event_date}}. {{favourite_colour}}"})
            .as_object()
            .cloned()
            .unwrap(),
        )
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let without_event = app.render_template(&template, &contact, None).unwrap();
    assert_eq!(without_event.subject, format!(" for {company}"));
    assert_eq!(without_event.empty, ["event_name", "event_date"]);
    assert_eq!(without_event.unknown, ["favourite_colour"]);
    let first = name.split_whitespace().next().unwrap();
    assert!(without_event.body.starts_with(&format!("Hi {first} & team,\n")));
    assert!(without_event.body.ends_with("{{favourite_colour}}"), "an unknown variable stays as typed");

    let event: String = scalar(&dir, "SELECT id FROM events WHERE name = 'AI & Machine Learning Summit'");
    let with_event = app.render_template(&template, &contact, Some(&event)).unwrap();
    assert_eq!(with_event.subject, format!("AI & Machine Learning Summit for {company}"));
    assert!(with_event.empty.is_empty());
    assert!(with_event.body.contains("see you on 2026-11-22."), "{}", with_event.body);
    assert_eq!(with_event.to, email);
    // RFC 6068: the address's and the text's non-ASCII characters percent-encoded as UTF-8.
    assert!(with_event.mailto.starts_with("mailto:") && with_event.mailto.contains("?subject=AI%20%26%20Machine"));
    assert!(!with_event.mailto.contains(' ') && !with_event.mailto.contains('\n'), "{}", with_event.mailto);
    assert!(with_event.mailto.contains("&body=Hi%20"));
}

#[test]
fn a_task_falling_due_and_a_meeting_about_to_start_are_reminded_once_per_due_time() {
    let (dir, mut app) = demo();
    let company: String = scalar(&dir, "SELECT id FROM crm_organizers ORDER BY id LIMIT 1");
    // A moment far from the demo's own tasks.
    let now = time::macros::datetime!(2030-01-15 12:00 UTC);
    let minutes = time::Duration::minutes;
    let log = |kind: &str, subject: &str, at: Option<String>, due: Option<String>| QuickLog {
        kind: kind.into(),
        subject: subject.into(),
        outcome: None,
        duration_minutes: None,
        at,
        due,
        on_table: "crm_organizers".into(),
        on_id: company.clone(),
    };
    let task = app.log_activity(&log("task", "Send the contract", None, Some(stamp(now + minutes(5))))).unwrap();
    let task = task["id"].as_str().unwrap().to_owned();
    let meeting =
        app.log_activity(&log("meeting", "Venue walk-through", Some(stamp(now + minutes(30))), None)).unwrap();
    let meeting = meeting["id"].as_str().unwrap().to_owned();
    let old = app.log_activity(&log("task", "Long overdue", None, Some(stamp(now - minutes(13 * 60))))).unwrap();
    let old = old["id"].as_str().unwrap().to_owned();
    let ids = |items: Vec<eventos_app::crm::DayItem>| items.into_iter().map(|i| i.id).collect::<Vec<_>>();

    // Nothing is due yet; half a day overdue is too old to pop up.
    assert!(ids(app.due_reminders_at(now).unwrap()).is_empty());
    // The task falls due: reminded once, with its company.
    let due = app.due_reminders_at(now + minutes(6)).unwrap();
    assert_eq!(due.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), [task.as_str()]);
    assert!(due[0].company_name.is_some());
    assert!(ids(app.due_reminders_at(now + minutes(7)).unwrap()).is_empty(), "once");
    // The meeting ten minutes before it starts.
    assert!(ids(app.due_reminders_at(now + minutes(19)).unwrap()).is_empty());
    assert_eq!(ids(app.due_reminders_at(now + minutes(21)).unwrap()), [meeting.as_str()]);
    // Snoozed, the task comes back at its new time; done, it does not.
    app.snooze_task(&task, &stamp(now + minutes(45))).unwrap();
    assert!(ids(app.due_reminders_at(now + minutes(40)).unwrap()).is_empty());
    assert_eq!(ids(app.due_reminders_at(now + minutes(46)).unwrap()), [task.as_str()]);
    app.snooze_task(&task, &stamp(now + minutes(60))).unwrap();
    app.complete_task(&task).unwrap();
    assert!(ids(app.due_reminders_at(now + minutes(61)).unwrap()).is_empty());
    assert!(!ids(app.due_reminders_at(now + minutes(62)).unwrap()).contains(&old));
}

#[test]
fn done_or_snooze_chosen_on_a_desktop_notification_is_done_at_the_next_look() {
    use eventos_app::notify::{Answer, SNOOZE_MINUTES};
    let (dir, mut app) = demo();
    let company: String = scalar(&dir, "SELECT id FROM crm_organizers ORDER BY id LIMIT 1");
    let now = time::macros::datetime!(2030-01-15 12:00 UTC);
    let minutes = time::Duration::minutes;
    let quick = QuickLog {
        kind: "task".into(),
        subject: "Call back about the deposit".into(),
        outcome: None,
        duration_minutes: None,
        at: None,
        due: Some(stamp(now + minutes(5))),
        on_table: "crm_organizers".into(),
        on_id: company,
    };
    let task = app.log_activity(&quick).unwrap()["id"].as_str().unwrap().to_owned();
    let at = now + minutes(6);
    assert_eq!(app.due_reminders_at(at).unwrap().len(), 1);

    // Snooze on the notification (its thread gives the answer): put off from the next look.
    let answers = app.notification_answers();
    answers.give(&task, Answer::Snooze);
    assert_eq!(app.do_notification_answers(now), [task.as_str()]);
    let row = app.record("crm_activities", &task).unwrap().row;
    assert_eq!(row["due_date"], stamp(now + minutes(SNOOZE_MINUTES)));
    assert!(app.due_reminders_at(now + minutes(SNOOZE_MINUTES - 1)).unwrap().is_empty());
    assert_eq!(app.due_reminders_at(now + minutes(SNOOZE_MINUTES + 1)).unwrap()[0].id, task);

    // Done on the next one; an answer for a task that is gone is dropped, the rest still done.
    answers.give("no-such-task", Answer::Done);
    answers.give(&task, Answer::Done);
    assert_eq!(app.do_notification_answers(now), [task.as_str()]);
    assert_eq!(app.record("crm_activities", &task).unwrap().row["task_status"], "completed");
    assert!(app.do_notification_answers(now).is_empty(), "each answer is done once");
}

#[test]
fn a_companys_pinned_notes_come_first_on_its_page_however_old() {
    let (dir, mut app) = demo();
    let company: String = scalar(&dir, "SELECT id FROM crm_organizers ORDER BY id LIMIT 1");
    let note = |title: &str, pinned: bool| {
        let row = json!({"organizer_id": company, "title": title, "content": "…", "is_pinned": pinned});
        row.as_object().cloned().unwrap()
    };
    let pinned = app.create_record("crm_notes", note("Always invoice in CAD", true)).unwrap();
    for i in 0..8 {
        app.create_record("crm_notes", note(&format!("Call notes {i}"), false)).unwrap();
    }
    let page = app.record("crm_organizers", &company).unwrap();
    let notes = page.children.iter().find(|c| c.table == "crm_notes").unwrap();
    assert!(notes.total >= 9);
    // Pinned ones (the demo's own and ours, older than eight others) head the list; the rest
    // follow newest first.
    let pins = notes.rows.iter().take_while(|r| r["is_pinned"] == true).count();
    assert!(notes.rows[..pins].iter().any(|r| r["id"] == pinned["id"]), "the pinned note heads the list");
    assert!(notes.rows[pins..].iter().all(|r| r["is_pinned"] != true));
    let times: Vec<&str> = notes.rows[pins..].iter().map(|r| r["created_at"].as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
}

#[test]
fn a_company_is_archived_and_restored_in_one_step() {
    let (dir, mut app) = demo();
    let company: String = scalar(&dir, "SELECT id FROM crm_organizers WHERE status = 'active' ORDER BY id LIMIT 1");
    let steps: Vec<String> = app.record_steps("crm_organizers", &company).unwrap().into_iter().map(|s| s.to).collect();
    assert_eq!(steps, ["archived"]);
    assert_eq!(app.step_record("crm_organizers", &company, "archived").unwrap()["status"], "archived");
    let back: Vec<String> =
        app.record_steps("crm_organizers", &company).unwrap().into_iter().map(|s| s.label).collect();
    assert_eq!(back, ["Restore"]);
    assert_eq!(app.step_record("crm_organizers", &company, "inactive").unwrap_err().field.as_deref(), Some("status"));
    assert_eq!(app.step_record("crm_organizers", &company, "active").unwrap()["status"], "active");
}
