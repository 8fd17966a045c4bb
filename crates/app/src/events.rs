//! The Events screens: a searchable, sortable list and one event's page.

use eventos_store::Reader;
use rusqlite::{Row, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{App, AppError, ErrorCode, Result};

/// One event with its ticket figures (from `event_stats`) and paid revenue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EventSummary {
    pub id: String,
    pub name: String,
    pub slug: String,
    /// conference, seminar, workshop or networking.
    pub kind: String,
    /// draft, published, cancelled or completed.
    pub status: String,
    pub start_at: String,
    pub end_at: String,
    pub venue_name: Option<String>,
    pub capacity: i64,
    pub tickets_sold: i64,
    /// Checked in (tickets used).
    pub tickets_used: i64,
    /// Paid orders, in cents.
    pub revenue_cents: i64,
    /// The time zone its times are shown in: its venue's, else this computer's.
    pub zone: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EventSort {
    StartAt,
    Name,
    TicketsSold,
    Status,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
pub struct EventQuery {
    /// Text found in the name, venue or slug (one phrase, any case); empty for all.
    pub search: String,
    pub sort: EventSort,
    pub descending: bool,
}

/// seed 003's `event_stats`, for one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TicketStats {
    pub capacity: i64,
    pub sold: i64,
    pub available: i64,
    pub active: i64,
    pub used: i64,
    pub cancelled: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SessionItem {
    pub id: String,
    pub title: String,
    pub session_type: Option<String>,
    pub start_time: String,
    pub end_time: String,
    pub speaker_name: Option<String>,
    pub status: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EventDetail {
    pub summary: EventSummary,
    pub description: Option<String>,
    pub visibility: String,
    pub price_cents: i64,
    pub venue_address: Option<String>,
    pub tickets: TicketStats,
    pub sessions: Vec<SessionItem>,
}

/// The event fields the event page edits.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
pub struct EventEdit {
    pub name: String,
    pub description: Option<String>,
    pub capacity: i64,
    /// draft, published, cancelled or completed.
    pub status: String,
}

const SUMMARY_SELECT: &str = concat!(
    "SELECT e.id, e.name, e.slug, e.type, e.status, e.start_at, e.end_at, v.name, e.capacity, \
            s.tickets_sold, s.tickets_used, (SELECT COALESCE(SUM(",
    crate::order_revenue!(),
    "), 0) FROM orders o WHERE o.event_id = e.id AND o.payment_status = 'paid'), v.timezone \
     FROM events e JOIN event_stats s ON s.event_id = e.id LEFT JOIN venues v ON v.id = e.venue_id"
);

fn summary(r: &Row<'_>) -> rusqlite::Result<EventSummary> {
    Ok(EventSummary {
        id: r.get(0)?,
        name: r.get(1)?,
        slug: r.get(2)?,
        kind: r.get(3)?,
        status: r.get(4)?,
        start_at: r.get(5)?,
        end_at: r.get(6)?,
        venue_name: r.get(7)?,
        capacity: r.get(8)?,
        tickets_sold: r.get(9)?,
        tickets_used: r.get(10)?,
        revenue_cents: r.get(11)?,
        zone: r
            .get::<_, Option<String>>(12)?
            .filter(|z| !z.trim().is_empty())
            .unwrap_or_else(|| eventos_store::zones::local_zone().to_owned()),
    })
}

/// Event summaries matching `condition` (SQL over `e`, `v`) with its parameters, in its order.
pub(crate) fn summaries(
    conn: &Reader<'_>,
    condition: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<EventSummary>> {
    let sql = format!("{SUMMARY_SELECT} WHERE {condition}");
    let rows = conn.prepare_cached(&sql)?.query_map(params, summary)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

impl App {
    /// Events whose name, venue or slug contains the search text, sorted as asked.
    pub fn events(&self, query: &EventQuery) -> Result<Vec<EventSummary>> {
        let pattern = format!("%{}%", eventos_store::like_escape(query.search.trim()));
        let mut events = summaries(
            &self.store()?.connection(),
            "e.name LIKE ?1 ESCAPE '\\' OR v.name LIKE ?1 ESCAPE '\\' OR e.slug LIKE ?1 ESCAPE '\\' \
             ORDER BY e.start_at",
            params![pattern],
        )?;
        match query.sort {
            EventSort::StartAt => {}
            EventSort::Name => events.sort_by_cached_key(|e| e.name.to_lowercase()),
            EventSort::TicketsSold => events.sort_by_key(|e| e.tickets_sold),
            EventSort::Status => events.sort_by(|a, b| a.status.cmp(&b.status)),
        }
        if query.descending {
            events.reverse();
        }
        Ok(events)
    }

    /// One event's page: details, ticket figures and programme.
    pub fn event(&self, id: &str) -> Result<EventDetail> {
        let conn = self.store()?.connection();
        let summary = summaries(&conn, "e.id = ?1", params![id])?.pop().ok_or_else(|| crate::no_event(id))?;
        let (description, visibility, price_cents, venue_address) = conn.query_row(
            "SELECT e.description, e.visibility, e.price_cents, \
                    CASE WHEN v.id IS NULL THEN NULL ELSE trim(coalesce(v.address, '') || ', ' || coalesce(v.city, ''), ', ') END \
             FROM events e LEFT JOIN venues v ON v.id = e.venue_id WHERE e.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let stats = self.store()?.event_stats(id)?;
        let tickets = TicketStats {
            capacity: stats.capacity,
            sold: stats.tickets_sold,
            available: stats.tickets_available,
            active: stats.tickets_active,
            used: stats.tickets_used,
            cancelled: stats.tickets_cancelled,
        };
        let sessions = conn
            .prepare_cached(
                "SELECT s.id, s.title, s.session_type, s.start_time, s.end_time, p.full_name, s.status \
                 FROM sessions s LEFT JOIN speakers sp ON sp.id = s.speaker_id \
                 LEFT JOIN profiles p ON p.id = sp.profile_id WHERE s.event_id = ?1 ORDER BY s.start_time",
            )?
            .query_map([id], |r| {
                Ok(SessionItem {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    session_type: r.get(2)?,
                    start_time: r.get(3)?,
                    end_time: r.get(4)?,
                    speaker_name: r.get(5)?,
                    status: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(EventDetail { summary, description, visibility, price_cents, venue_address, tickets, sessions })
    }
}

impl App {
    /// Saves the event page's edit (one transaction; it goes up with the next sync).
    pub fn update_event(&mut self, id: &str, edit: &EventEdit) -> Result<EventDetail> {
        let name = edit.name.trim();
        if name.is_empty() {
            return Err(AppError::new(ErrorCode::Invalid, "events.name: the event needs a name"));
        }
        let description = edit.description.as_deref().map(str::trim).filter(|d| !d.is_empty());
        let patch = serde_json::json!({
            "name": name, "description": description, "capacity": edit.capacity, "status": edit.status,
        });
        let serde_json::Value::Object(patch) = patch else { unreachable!("a JSON object") };
        let current = self.store()?.get("events", id)?.ok_or_else(|| crate::no_event(id))?;
        if current.get("status") != patch.get("status") {
            // A status change has consequences (a cancellation cancels tickets): its own step.
            let message = "change the status with its own step (Publish, Mark completed, Cancel event), which says first what it does";
            return Err(AppError::new(ErrorCode::Invalid, message).on_field("status"));
        }
        self.update_record("events", id, patch)?;
        self.event(id)
    }
}
