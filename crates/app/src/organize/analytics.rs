//! An event's figures from the replica, on the venue's clock: sales per day, check-ins per
//! 15 minutes, attendance per session, feedback averages (per event and per session) with the
//! latest comments, and networking connections by status. Works offline: nothing is fetched.

use std::collections::BTreeMap;

use eventos_store::zones::utc_to_local;
use serde::Serialize;
use ts_rs::TS;

use super::event_zone;
use crate::records::{Action, View};
use crate::{Result, no_event, text};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct EventAnalytics {
    pub event_id: String,
    pub event_name: String,
    pub zone: String,
    pub sales_per_day: Vec<DaySales>,
    pub check_ins_per_quarter_hour: Vec<QuarterHour>,
    pub sessions: Vec<SessionAttendance>,
    pub feedback: Ratings,
    pub session_feedback: Vec<SessionRatings>,
    pub comments: Vec<Comment>,
    pub connections: Vec<Count>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DaySales {
    /// The local date of payment (of ordering, for an order not paid yet).
    pub date: String,
    pub orders: i64,
    pub tickets: i64,
    /// What paid orders earned (less refunded tickets), as the budget counts it.
    pub revenue_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct QuarterHour {
    /// The quarter's start on the venue's clock, `2026-03-08T09:15`.
    pub starts_local: String,
    pub check_ins: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SessionAttendance {
    pub id: String,
    pub title: String,
    pub starts_local: String,
    /// Different people checked in to the session.
    pub attended: i64,
    pub max_attendees: Option<i64>,
}

/// Average ratings (1–5) over the responses that gave each; None where none did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct Ratings {
    pub responses: i64,
    pub overall: Option<f64>,
    pub content: Option<f64>,
    pub speaker: Option<f64>,
    pub venue: Option<f64>,
    pub organization: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SessionRatings {
    pub session_id: String,
    pub title: String,
    pub ratings: Ratings,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Comment {
    /// None for an anonymous response.
    pub author: Option<String>,
    pub session_title: Option<String>,
    pub overall_rating: Option<i64>,
    pub comments: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Count {
    pub label: String,
    pub count: i64,
}

/// Comments shown, newest first.
const COMMENTS: i64 = 50;

const SALES: &str = concat!(
    "SELECT COALESCE(o.paid_at, o.created_at), o.quantity, CASE WHEN o.payment_status = 'paid' THEN ",
    crate::order_revenue!(),
    " ELSE 0 END FROM orders o WHERE o.event_id = ?1 AND o.payment_status IN ('paid', 'refunded')"
);

const ATTENDANCE: &str = "SELECT s.id, s.title, s.start_time, \
                          (SELECT count(DISTINCT c.attendee_id) FROM event_checkins c WHERE c.session_id = s.id), \
                          s.max_attendees FROM sessions s WHERE s.event_id = ?1 ORDER BY s.start_time, s.title, s.id";

const RATINGS: &str = "count(*), avg(overall_rating), avg(content_rating), avg(speaker_rating), \
                       avg(venue_rating), avg(organization_rating)";

pub(crate) fn event_analytics(view: &View<'_>, event: &str) -> Result<EventAnalytics> {
    view.permitted("orders", Action::Read)?;
    let store = view.store();
    let event_id = store.event_id_of(event)?.ok_or_else(|| no_event(event))?;
    let row = store.get("events", &event_id)?.ok_or_else(|| no_event(event))?;
    let zone = event_zone(store, &row)?;
    let local = |utc: &str| utc_to_local(utc, &zone).unwrap_or_else(|| utc.to_owned());
    let db = store.connection();

    let mut days: BTreeMap<String, DaySales> = BTreeMap::new();
    let mut stmt = db.prepare(SALES)?;
    let mut rows = stmt.query([&event_id])?;
    while let Some(r) = rows.next()? {
        let date = local(&r.get::<_, String>(0)?)[..10].to_owned();
        let day = days.entry(date.clone()).or_insert(DaySales { date, orders: 0, tickets: 0, revenue_cents: 0 });
        day.orders += 1;
        day.tickets += r.get::<_, i64>(1)?;
        day.revenue_cents += r.get::<_, i64>(2)?;
    }

    let mut quarters: BTreeMap<String, i64> = BTreeMap::new();
    let mut stmt =
        db.prepare("SELECT check_in_time FROM event_checkins WHERE event_id = ?1 AND check_in_time IS NOT NULL")?;
    let mut rows = stmt.query([&event_id])?;
    while let Some(r) = rows.next()? {
        *quarters.entry(quarter_of(&local(&r.get::<_, String>(0)?))).or_default() += 1;
    }

    let sessions = db
        .prepare(ATTENDANCE)?
        .query_map([&event_id], |r| {
            Ok(SessionAttendance {
                id: r.get(0)?,
                title: r.get(1)?,
                starts_local: local(&r.get::<_, String>(2)?),
                attended: r.get(3)?,
                max_attendees: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    let (feedback, session_feedback, comments) = if view.permitted("event_feedback", Action::Read).is_ok() {
        feedback(view, &event_id)?
    } else {
        (Ratings::default(), Vec::new(), Vec::new())
    };
    let connections = if view.permitted("networking_connections", Action::Read).is_ok() {
        let sql = "SELECT COALESCE(status, 'pending'), count(*) FROM networking_connections WHERE event_id = ?1 \
                   GROUP BY 1 ORDER BY 1";
        db.prepare(sql)?
            .query_map([&event_id], |r| Ok(Count { label: r.get(0)?, count: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?
    } else {
        Vec::new()
    };
    Ok(EventAnalytics {
        event_name: text(&row, "name"),
        sales_per_day: days.into_values().collect(),
        check_ins_per_quarter_hour: quarters
            .into_iter()
            .map(|(starts_local, check_ins)| QuarterHour { starts_local, check_ins })
            .collect(),
        sessions,
        feedback,
        session_feedback,
        comments,
        connections,
        zone,
        event_id,
    })
}

/// `2026-03-08T09:37` → `2026-03-08T09:30`.
fn quarter_of(local: &str) -> String {
    let minute: u32 = local.get(14..16).and_then(|m| m.parse().ok()).unwrap_or(0);
    format!("{}{:02}", &local[..14.min(local.len())], minute / 15 * 15)
}

type Feedback = (Ratings, Vec<SessionRatings>, Vec<Comment>);

fn feedback(view: &View<'_>, event_id: &str) -> Result<Feedback> {
    let db = view.store().connection();
    let ratings = |r: &rusqlite::Row<'_>, at: usize| -> rusqlite::Result<Ratings> {
        Ok(Ratings {
            responses: r.get(at)?,
            overall: r.get(at + 1)?,
            content: r.get(at + 2)?,
            speaker: r.get(at + 3)?,
            venue: r.get(at + 4)?,
            organization: r.get(at + 5)?,
        })
    };
    let overall =
        db.query_row(&format!("SELECT {RATINGS} FROM event_feedback WHERE event_id = ?1"), [event_id], |r| {
            ratings(r, 0)
        })?;
    let per_session = format!(
        "SELECT s.id, s.title, {RATINGS} FROM event_feedback f JOIN sessions s ON s.id = f.session_id \
         WHERE f.event_id = ?1 GROUP BY s.id ORDER BY s.start_time, s.id"
    );
    let sessions = db
        .prepare(&per_session)?
        .query_map([event_id], |r| {
            Ok(SessionRatings { session_id: r.get(0)?, title: r.get(1)?, ratings: ratings(r, 2)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let sql = "SELECT CASE WHEN f.is_anonymous = 1 THEN NULL ELSE a.full_name END, s.title, f.overall_rating, \
               f.comments, f.created_at FROM event_feedback f LEFT JOIN attendees a ON a.id = f.attendee_id \
               LEFT JOIN sessions s ON s.id = f.session_id WHERE f.event_id = ?1 AND COALESCE(f.comments, '') <> '' \
               ORDER BY f.created_at DESC, f.id LIMIT ?2";
    let comments = db
        .prepare(sql)?
        .query_map(rusqlite::params![event_id, COMMENTS], |r| {
            Ok(Comment {
                author: r.get(0)?,
                session_title: r.get(1)?,
                overall_rating: r.get(2)?,
                comments: r.get(3)?,
                created_at: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((overall, sessions, comments))
}

#[cfg(test)]
mod tests {
    #[test]
    fn quarters_start_on_the_quarter() {
        assert_eq!(super::quarter_of("2026-03-08T09:37"), "2026-03-08T09:30");
        assert_eq!(super::quarter_of("2026-03-08T09:00"), "2026-03-08T09:00");
        assert_eq!(super::quarter_of("2026-03-08T23:59"), "2026-03-08T23:45");
    }
}
