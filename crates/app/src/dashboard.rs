//! The Dashboard: what is on today, what is coming, money in, and ticket sales over time.

use rusqlite::params;
use serde::Serialize;
use time::{Duration, OffsetDateTime, Time, UtcOffset};
use ts_rs::TS;

use crate::events::{EventSummary, summaries};
use crate::{App, AppError, ErrorCode, Result};

/// How many days the sales chart covers, today included.
pub const SALES_DAYS: i64 = 30;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Dashboard {
    /// Events running at some point of the local day (not cancelled).
    pub today: Vec<EventSummary>,
    /// The next events after today (not cancelled), soonest first.
    pub upcoming: Vec<EventSummary>,
    /// Paid orders across all events, in cents.
    pub revenue_cents: i64,
    /// Tickets sold (active or used) across all events.
    pub tickets_sold: i64,
    /// Tickets checked in during the local day, across all events.
    pub checked_in_today: i64,
    /// Tickets sold per local day, oldest first, [`SALES_DAYS`] days ending today.
    pub sales: Vec<DailySales>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DailySales {
    /// `YYYY-MM-DD`, local.
    pub date: String,
    pub tickets: i64,
}

/// The UI's offset from UTC, in minutes, as a `UtcOffset`.
pub(crate) fn utc_offset(minutes: i32) -> Result<UtcOffset> {
    UtcOffset::from_whole_seconds(minutes.saturating_mul(60))
        .map_err(|_| AppError::new(ErrorCode::Invalid, format!("{minutes} minutes is not a UTC offset")))
}

impl App {
    /// The dashboard for the local day, given the UI's offset from UTC in minutes (Toronto in
    /// winter: -300).
    pub fn dashboard(&self, utc_offset_minutes: i32) -> Result<Dashboard> {
        self.dashboard_at(OffsetDateTime::now_utc(), utc_offset_minutes)
    }

    pub fn dashboard_at(&self, now: OffsetDateTime, utc_offset_minutes: i32) -> Result<Dashboard> {
        let offset = UtcOffset::from_whole_seconds(utc_offset_minutes.saturating_mul(60)).map_err(|_| {
            AppError::new(ErrorCode::Invalid, format!("{utc_offset_minutes} minutes is not a UTC offset"))
        })?;
        let local_midnight = |days: i64| {
            let date = now.to_offset(offset).date() + Duration::days(days);
            eventos_model::timestamp::format(date.with_time(Time::MIDNIGHT).assume_offset(offset))
        };
        let (day_start, day_end) = (local_midnight(0), local_midnight(1));
        let conn = self.store()?.connection();
        let today = summaries(
            &conn,
            "e.status != 'cancelled' AND e.start_at < ?2 AND e.end_at > ?1 ORDER BY e.start_at",
            params![day_start, day_end],
        )?;
        let upcoming = summaries(
            &conn,
            "e.status != 'cancelled' AND e.start_at >= ?1 ORDER BY e.start_at LIMIT 6",
            params![day_end],
        )?;
        let revenue_cents: i64 = conn.query_row(
            concat!(
                "SELECT COALESCE(SUM(",
                crate::order_revenue!(),
                "), 0) FROM orders o WHERE o.payment_status = 'paid'"
            ),
            [],
            |r| r.get(0),
        )?;
        let tickets_sold: i64 =
            conn.query_row("SELECT count(*) FROM tickets WHERE status IN ('active', 'used')", [], |r| r.get(0))?;

        let checked_in_today: i64 = conn.query_row(
            "SELECT count(*) FROM tickets WHERE status = 'used' AND checked_in_at >= ?1 AND checked_in_at < ?2",
            params![day_start, day_end],
            |r| r.get(0),
        )?;
        let first_day = local_midnight(1 - SALES_DAYS);
        let shift = format!("{} minutes", offset.whole_minutes());
        let counted: std::collections::HashMap<String, i64> = conn
            .prepare_cached(
                "SELECT date(created_at, ?2) AS day, count(*) FROM tickets \
                 WHERE status IN ('active', 'used') AND created_at >= ?1 AND created_at < ?3 GROUP BY day",
            )?
            .query_map(params![first_day, shift, day_end], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let local_today = now.to_offset(offset).date();
        let sales = (1 - SALES_DAYS..=0)
            .map(|d| {
                let date = eventos_model::timestamp::format_date(local_today + Duration::days(d));
                let tickets = counted.get(&date).copied().unwrap_or(0);
                DailySales { date, tickets }
            })
            .collect();
        Ok(Dashboard { today, upcoming, revenue_cents, tickets_sold, checked_in_today, sales })
    }
}
