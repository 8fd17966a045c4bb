//! Activities as a sales rep logs them: a quick log from the company, contact or deal they are
//! on (the links filled from that record, now as the time), and **My day** — their open tasks
//! and meetings, overdue, due today (this computer's day) and upcoming, and what they finished
//! today; a task is done or snoozed in one step.

use eventos_store::Row;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use ts_rs::TS;

use crate::records::{Action, View};
use crate::{App, AppError, ErrorCode, Result, row, text};

/// A quick log: what happened (or, for a task, what is to do and when).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuickLog {
    /// call, email, meeting, note or task.
    pub kind: String,
    pub subject: String,
    /// How it went ("Left a voicemail"): the activity's description.
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub duration_minutes: Option<i64>,
    /// When it happened (a meeting: when it is); now when none is given. RFC 3339.
    #[serde(default)]
    pub at: Option<String>,
    /// A task's due time, RFC 3339.
    #[serde(default)]
    pub due: Option<String>,
    /// The record it is logged on: `crm_organizers`, `crm_contacts` or `crm_opportunities`.
    pub on_table: String,
    pub on_id: String,
}

/// An open task or meeting, or one done today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DayItem {
    pub id: String,
    pub kind: String,
    pub subject: String,
    /// When it is due (a task) or takes place (a meeting), RFC 3339.
    pub when: Option<String>,
    pub done: bool,
    pub company_id: Option<String>,
    pub company_name: Option<String>,
    pub contact_name: Option<String>,
    pub deal_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MyDay {
    pub overdue: Vec<DayItem>,
    pub today: Vec<DayItem>,
    pub upcoming: Vec<DayItem>,
    /// Finished today.
    pub done: Vec<DayItem>,
    /// Overdue and due today: the count the menu shows.
    pub due_count: i64,
}

const KINDS: [&str; 5] = ["call", "email", "meeting", "note", "task"];

/// Upcoming items shown.
const UPCOMING: i64 = 50;

/// Open tasks and meetings of a person, and those done: named columns the lists filter on.
const ITEMS: &str = "\
    SELECT a.id AS id, a.type AS kind, a.subject AS subject, \
           CASE WHEN a.is_task = 1 OR a.type = 'task' THEN COALESCE(a.due_date, a.activity_date) \
                ELSE a.activity_date END AS due, \
           COALESCE(a.task_status, 'pending') = 'completed' AS done, \
           a.organizer_id AS company_id, o.company_name AS company_name, c.full_name AS contact_name, \
           p.name AS deal_name, a.updated_at AS updated \
    FROM crm_activities a LEFT JOIN crm_organizers o ON o.id = a.organizer_id \
    LEFT JOIN crm_contacts c ON c.id = a.contact_id LEFT JOIN crm_opportunities p ON p.id = a.opportunity_id \
    WHERE a.user_id = ?1 AND (a.is_task = 1 OR a.type IN ('task', 'meeting')) \
      AND COALESCE(a.task_status, 'pending') <> 'cancelled'";

/// The items of `me` matching `condition` (over ITEMS' columns and the day's `day_start` and
/// `day_end`), in `order`, at most `limit`.
pub(super) fn items(
    view: &View<'_>,
    me: &str,
    condition: &str,
    order: &str,
    limit: i64,
    day: (&str, &str),
) -> Result<Vec<DayItem>> {
    let sql = format!(
        "WITH day AS (SELECT ?2 AS day_start, ?3 AS day_end) SELECT i.* FROM ({ITEMS}) i, day \
         WHERE {condition} ORDER BY {order} LIMIT {limit}"
    );
    let db = view.store().connection();
    let mut stmt = db.prepare(&sql)?;
    let found = stmt.query_map(rusqlite::params![me, day.0, day.1], |r| {
        Ok(DayItem {
            id: r.get("id")?,
            kind: r.get("kind")?,
            subject: r.get("subject")?,
            when: r.get("due")?,
            done: r.get("done")?,
            company_id: r.get("company_id")?,
            company_name: r.get("company_name")?,
            contact_name: r.get("contact_name")?,
            deal_name: r.get("deal_name")?,
        })
    })?;
    Ok(found.collect::<rusqlite::Result<_>>()?)
}

/// The signed-in person's day: `day` is this computer's day, its two midnights as UTC.
pub(crate) fn my_day(view: &View<'_>, me: &str, day: (&str, &str)) -> Result<MyDay> {
    view.permitted("crm_activities", Action::Read)?;
    // A meeting in the past is over, not overdue: only tasks are late.
    let overdue = items(view, me, "done = 0 AND due < day_start AND kind <> 'meeting'", "due", 500, day)?;
    let today = items(view, me, "done = 0 AND due >= day_start AND due < day_end", "due", 500, day)?;
    let upcoming = items(view, me, "done = 0 AND due >= day_end", "due", UPCOMING, day)?;
    let done = items(view, me, "done = 1 AND updated >= day_start AND updated < day_end", "updated DESC", 500, day)?;
    let due_count = i64::try_from(overdue.len() + today.len()).unwrap_or(i64::MAX);
    Ok(MyDay { overdue, today, upcoming, done, due_count })
}

/// My day as of now, for the person signed in on the view's replica.
pub(crate) fn my_day_now(view: &View<'_>, utc_offset_minutes: i32) -> Result<MyDay> {
    let (_, me) = crate::organize::account_and_organizer(view.store())?;
    let (start, end) = local_day(utc_offset_minutes);
    my_day(view, &me, (&start, &end))
}

/// This computer's day around now, as UTC instants of its two midnights.
fn local_day(utc_offset_minutes: i32) -> (String, String) {
    let offset = time::UtcOffset::from_whole_seconds(utc_offset_minutes * 60).unwrap_or(time::UtcOffset::UTC);
    let now = time::OffsetDateTime::now_utc().to_offset(offset);
    let start = now.replace_time(time::Time::MIDNIGHT);
    let end = start + time::Duration::days(1);
    let utc = |t: time::OffsetDateTime| eventos_model::timestamp::format(t.to_offset(time::UtcOffset::UTC));
    (utc(start), utc(end))
}

impl App {
    /// The signed-in person's day on this computer's clock (`utc_offset_minutes`, as the
    /// dashboard takes it).
    pub fn my_day(&self, utc_offset_minutes: i32) -> Result<MyDay> {
        my_day_now(&View::of(self.store()?)?, utc_offset_minutes)
    }

    /// Logs an activity on a company, contact or deal: its company (and the deal's or
    /// contact's links) filled from that record, by the signed-in person, now unless told.
    pub fn log_activity(&mut self, log: &QuickLog) -> Result<Row> {
        let kind = log.kind.trim();
        if !KINDS.contains(&kind) {
            let message = format!("'{kind}' is not a kind of activity ({})", KINDS.join(", "));
            return Err(AppError::new(ErrorCode::Invalid, message).on_field("type"));
        }
        let subject = log.subject.trim();
        if subject.is_empty() {
            return Err(AppError::new(ErrorCode::Invalid, "say what it was about").on_field("subject"));
        }
        let on = self.store()?.get(&log.on_table, &log.on_id)?.ok_or_else(|| {
            AppError::new(ErrorCode::NotFound, format!("there is no {} {} on this computer", log.on_table, log.on_id))
        })?;
        let mut values = row(json!({"type": kind, "subject": subject,
            "description": log.outcome.as_deref().map(str::trim).filter(|o| !o.is_empty()),
            "duration_minutes": log.duration_minutes,
            "activity_date": log.at.clone().unwrap_or_else(eventos_model::timestamp::now)}));
        match log.on_table.as_str() {
            "crm_organizers" => values.insert("organizer_id".into(), on["id"].clone()),
            "crm_contacts" => {
                values.insert("contact_id".into(), on["id"].clone());
                values.insert("organizer_id".into(), on["organizer_id"].clone())
            }
            "crm_opportunities" => {
                values.insert("opportunity_id".into(), on["id"].clone());
                values.insert("organizer_id".into(), on["organizer_id"].clone())
            }
            other => {
                let message = format!("activities are logged on companies, contacts or deals, not {other}");
                return Err(AppError::new(ErrorCode::Invalid, message).on_field("on_table"));
            }
        };
        if kind == "task" {
            let due = log
                .due
                .clone()
                .ok_or_else(|| AppError::new(ErrorCode::Invalid, "a task needs a due time").on_field("due_date"))?;
            values.extend(row(json!({"is_task": true, "task_status": "pending", "due_date": due})));
        }
        if !values.contains_key("user_id") {
            let (_, me) = crate::organize::account_and_organizer(self.store()?)?;
            values.insert("user_id".into(), Value::from(me));
        }
        self.create_record("crm_activities", values)
    }

    /// Marks a task done.
    pub fn complete_task(&mut self, id: &str) -> Result<Row> {
        self.update_record("crm_activities", id, row(json!({"task_status": "completed"})))
    }

    /// Puts a task off until `until` (RFC 3339).
    pub fn snooze_task(&mut self, id: &str, until: &str) -> Result<Row> {
        let task = self
            .store()?
            .get("crm_activities", id)?
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("there is no task {id} on this computer")))?;
        let field = if text(&task, "type") == "meeting" { "activity_date" } else { "due_date" };
        self.update_record("crm_activities", id, row(json!({ field: until })))
    }
}
