//! The box office's reads: places sold, what this computer sold that the server has not seen,
//! an order's tickets inside a write. Sales and refunds themselves are plain inserts and
//! updates through the [`crate::Writer`].

use rusqlite::{OptionalExtension, params};

use crate::{Result, Store, Writer};

/// A ticket of an order, as a cancellation or refund needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderTicket {
    pub ticket_id: String,
    pub ticket_number: String,
    pub status: String,
    pub checked_in_at: Option<String>,
}

/// The places an event's tickets take: sold and not cancelled or refunded.
const PLACES_TAKEN: &str = "SELECT count(*) FROM tickets WHERE event_id = ?1 AND status IN ('active', 'used')";

/// The places held for the event's waitlist: offers made and not expired at ?2.
const PLACES_HELD: &str = "SELECT count(*) FROM event_waitlists WHERE event_id = ?1 AND status = 'offered' \
                           AND (expires_at IS NULL OR expires_at > ?2)";

impl Writer<'_> {
    /// Places the event's tickets take, as this transaction sees them.
    pub fn places_taken(&self, event_id: &str) -> Result<i64> {
        Ok(self.tx.prepare_cached(PLACES_TAKEN)?.query_row([event_id], |r| r.get(0))?)
    }

    /// Places held by waitlist offers not expired at `now`, as this transaction sees them.
    pub fn places_held(&self, event_id: &str, now: &str) -> Result<i64> {
        Ok(self.tx.prepare_cached(PLACES_HELD)?.query_row([event_id, now], |r| r.get(0))?)
    }

    /// The ids of the event's waitlist entries in `status`, in waitlist order; offers only
    /// those whose expiry is at or before `expired_by`, when given.
    pub fn waitlist_ids(&self, event_id: &str, status: &str, expired_by: Option<&str>) -> Result<Vec<String>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT id FROM event_waitlists WHERE event_id = ?1 AND status = ?2 \
             AND (?3 IS NULL OR expires_at <= ?3) \
             ORDER BY waitlist_position IS NULL, waitlist_position, created_at, id",
        )?;
        let ids = stmt.query_map(params![event_id, status, expired_by], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// The next free waitlist position of the event.
    pub fn next_waitlist_position(&self, event_id: &str) -> Result<i64> {
        let sql = "SELECT COALESCE(MAX(waitlist_position), 0) + 1 FROM event_waitlists WHERE event_id = ?1";
        Ok(self.tx.prepare_cached(sql)?.query_row([event_id], |r| r.get(0))?)
    }

    /// The ids of the event's tickets that are valid and not used yet.
    pub fn active_tickets(&self, event_id: &str) -> Result<Vec<String>> {
        let mut stmt =
            self.tx.prepare_cached("SELECT id FROM tickets WHERE event_id = ?1 AND status = 'active' ORDER BY id")?;
        let ids = stmt.query_map([event_id], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// The order's tickets in ticket-number order.
    pub fn order_tickets(&self, order_id: &str) -> Result<Vec<OrderTicket>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT id, ticket_number, status, checked_in_at FROM tickets WHERE order_id = ?1 ORDER BY ticket_number",
        )?;
        let rows = stmt.query_map([order_id], |r| {
            Ok(OrderTicket {
                ticket_id: r.get(0)?,
                ticket_number: r.get(1)?,
                status: r.get(2)?,
                checked_in_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Store {
    /// Places the event's tickets take, as this computer knows them.
    pub fn places_taken(&self, event_id: &str) -> Result<i64> {
        Ok(self.conn.prepare_cached(PLACES_TAKEN)?.query_row([event_id], |r| r.get(0))?)
    }

    /// Places held by waitlist offers not expired at `now`.
    pub fn places_held(&self, event_id: &str, now: &str) -> Result<i64> {
        Ok(self.conn.prepare_cached(PLACES_HELD)?.query_row([event_id, now], |r| r.get(0))?)
    }

    /// The id of the event with this id or slug.
    pub fn event_id_of(&self, id_or_slug: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id FROM events WHERE id = ?1 UNION ALL SELECT id FROM events WHERE slug = ?1 LIMIT 1",
            )?
            .query_row([id_or_slug.trim()], |r| r.get(0))
            .optional()?)
    }

    /// Tickets of the event created on this computer that have not reached the server yet
    /// (their insert still waits in the outbox): what other laptops cannot know of.
    pub fn tickets_sold_unsynced(&self, event_id: &str) -> Result<i64> {
        let sql = "SELECT count(*) FROM sync_outbox o JOIN tickets t ON t.id = o.row_id \
                   WHERE o.tbl = 'tickets' AND o.op = 'insert' AND t.event_id = ?1 AND t.status IN ('active', 'used')";
        Ok(self.conn.prepare_cached(sql)?.query_row([event_id], |r| r.get(0))?)
    }

    /// The id of the order with this number (`ORD-20251013-01111111`, any letter case).
    pub fn order_id_by_number(&self, order_number: &str) -> Result<Option<String>> {
        let number = crate::door::order_number_as_stored(order_number);
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM orders WHERE order_number = ?1")?
            .query_row(params![number], |r| r.get(0))
            .optional()?)
    }
}
