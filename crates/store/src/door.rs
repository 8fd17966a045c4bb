//! The door's reads: a ticket as the door sees it, whether its holder is inside, the live counts
//! and duplicate entries across devices. Check-ins themselves are plain inserts into
//! `event_checkins` ([`crate::Writer::insert`]); the ticket's status follows from them by a
//! trigger (migrations/V4__door_checkins.sql).
//!
//! An `event_checkins` row is an entry when `check_in_time` is set, an exit when only
//! `check_out_time` is; a row with both (the web app's style) is a whole visit: in, then out.

use rusqlite::{OptionalExtension, Row as SqlRow, params};
use serde::Serialize;

use crate::{Result, Store};

/// A ticket as the door sees it: enough to decide and to greet the person. A door laptop's
/// replica has no orders (they stay on the server), so the order may be unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TicketLookup {
    pub ticket_id: String,
    pub event_id: String,
    pub ticket_number: String,
    pub qr_code: String,
    /// `active`, `used`, `cancelled` or `refunded`.
    pub status: String,
    pub checked_in_at: Option<String>,
    pub attendee_id: Option<String>,
    pub attendee_name: Option<String>,
    pub attendee_email: Option<String>,
    pub order_number: Option<String>,
    /// Whether the order was refunded (a refund may reach the order before its tickets).
    pub order_refunded: bool,
}

/// A ticket's latest check-in row: whether it left its holder inside, and when and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Presence {
    pub inside: bool,
    /// The entry's time if inside, else the exit's.
    pub at: String,
    /// The entry's time of that row (also set for a whole visit).
    pub entered_at: Option<String>,
    pub gate: Option<String>,
    pub device_id: Option<String>,
}

/// The figures the door screen shows live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DoorCounts {
    /// Tickets that have entered (tickets `used`, plus signed tickets admitted before their
    /// row reached this replica).
    pub checked_in: i64,
    /// Tickets sold and valid: `active` or `used`.
    pub sold: i64,
    /// Tickets whose latest check-in is an entry.
    pub inside: i64,
}

/// One check-in as seen from one ticket's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scan {
    pub at: String,
    pub gate: Option<String>,
    pub device_id: Option<String>,
}

/// A ticket let in twice with no exit between, by different devices (two doors that could not
/// see each other's scans). Found the same way on every device from the same rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateEntry {
    pub ticket_id: String,
    pub ticket_number: Option<String>,
    pub attendee_name: Option<String>,
    pub first: Scan,
    pub again: Scan,
}

/// An order number as typed (any letter case, spaces around) as it is stored: `ORD-` then
/// digits and lower-case hex.
pub(crate) fn order_number_as_stored(typed: &str) -> String {
    typed.trim().to_ascii_lowercase().replacen("ord-", "ORD-", 1)
}

const TICKET_SELECT: &str = "SELECT t.id, t.event_id, t.ticket_number, t.qr_code, t.status, t.checked_in_at, \
     t.attendee_id, a.full_name, a.email, o.order_number, coalesce(o.payment_status = 'refunded', 0) \
     FROM tickets t LEFT JOIN orders o ON o.id = t.order_id LEFT JOIN attendees a ON a.id = t.attendee_id";

impl Store {
    /// The ticket whose `qr_code` is exactly `code` (the seed's random-code format).
    pub fn ticket_by_qr_code(&self, code: &str) -> Result<Option<TicketLookup>> {
        self.ticket_where("t.qr_code = ?1", code)
    }

    /// The ticket with this number (`TKT-B1111111-251013`), ignoring letter case.
    pub fn ticket_by_number(&self, number: &str) -> Result<Option<TicketLookup>> {
        self.ticket_where("t.ticket_number = ?1", &number.trim().to_ascii_uppercase())
    }

    pub fn ticket_by_id(&self, id: &str) -> Result<Option<TicketLookup>> {
        self.ticket_where("t.id = ?1", id)
    }

    /// The tickets of an order (by its number, `ORD-20251013-01111111`, any letter case).
    pub fn tickets_of_order(&self, order_number: &str) -> Result<Vec<TicketLookup>> {
        let sql = format!("{TICKET_SELECT} WHERE o.order_number = ?1 ORDER BY t.ticket_number");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let tickets = stmt
            .query_map([order_number_as_stored(order_number)], ticket_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(tickets)
    }

    /// The event's valid tickets (active or used), by ticket number, at most `limit`.
    pub fn tickets_of_event(&self, event_id: &str, limit: usize) -> Result<Vec<TicketLookup>> {
        let sql = format!(
            "{TICKET_SELECT} WHERE t.event_id = ?1 AND t.status IN ('active', 'used') ORDER BY t.ticket_number LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let tickets = stmt.query_map(params![event_id, limit], ticket_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(tickets)
    }

    /// The tickets held by these attendees, in the order given.
    pub fn tickets_of_attendees(&self, attendee_ids: &[String]) -> Result<Vec<TicketLookup>> {
        let sql = format!("{TICKET_SELECT} WHERE t.attendee_id = ?1 ORDER BY t.ticket_number");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut tickets = Vec::new();
        for id in attendee_ids {
            for ticket in stmt.query_map([id], ticket_from_row)? {
                tickets.push(ticket?);
            }
        }
        Ok(tickets)
    }

    fn ticket_where(&self, condition: &str, value: &str) -> Result<Option<TicketLookup>> {
        let sql = format!("{TICKET_SELECT} WHERE {condition}");
        Ok(self.conn.prepare_cached(&sql)?.query_row([value], ticket_from_row).optional()?)
    }

    /// The ticket's latest check-in at the event's door (`session` `None`) or at one session:
    /// `None` if it has none.
    pub fn presence(&self, ticket_id: &str, session: Option<&str>) -> Result<Option<Presence>> {
        let sql = "SELECT check_out_time IS NULL, coalesce(check_out_time, check_in_time), check_in_time, location, device_id \
                   FROM event_checkins WHERE ticket_id = ?1 AND +session_id IS ?2 \
                   ORDER BY coalesce(check_out_time, check_in_time) DESC, id DESC LIMIT 1";
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_row(params![ticket_id, session], |r| {
                Ok(Presence {
                    inside: r.get(0)?,
                    at: r.get(1)?,
                    entered_at: r.get(2)?,
                    gate: r.get(3)?,
                    device_id: r.get(4)?,
                })
            })
            .optional()?)
    }

    /// Checked in / sold / inside for one event's door.
    pub fn door_counts(&self, event_id: &str) -> Result<DoorCounts> {
        let sql = "SELECT \
             (SELECT count(*) FROM tickets WHERE event_id = ?1 AND status = 'used') \
               + (SELECT count(DISTINCT c.ticket_id) FROM event_checkins c \
                  WHERE c.event_id = ?1 AND c.session_id IS NULL AND c.check_in_time IS NOT NULL \
                    AND c.ticket_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = c.ticket_id)), \
             (SELECT count(*) FROM tickets WHERE event_id = ?1 AND status IN ('active', 'used')), \
             (SELECT count(*) FROM event_checkins c \
              WHERE c.event_id = ?1 AND c.session_id IS NULL AND c.check_out_time IS NULL AND c.ticket_id IS NOT NULL \
                AND NOT EXISTS (SELECT 1 FROM event_checkins l WHERE l.ticket_id = c.ticket_id AND +l.session_id IS NULL \
                                AND (coalesce(l.check_out_time, l.check_in_time), l.id) > (c.check_in_time, c.id)))";
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_row([event_id], |r| Ok(DoorCounts { checked_in: r.get(0)?, sold: r.get(1)?, inside: r.get(2)? }))?)
    }

    /// Tickets of the event let in twice by different devices with no exit between, in order of
    /// the second entry.
    pub fn duplicate_entries(&self, event_id: &str) -> Result<Vec<DuplicateEntry>> {
        let sql = "SELECT c.ticket_id, c.id, c.check_in_time, c.check_out_time, c.location, c.device_id \
                   FROM event_checkins c WHERE c.event_id = ?1 AND c.session_id IS NULL AND c.ticket_id IN ( \
                     SELECT ticket_id FROM event_checkins WHERE event_id = ?1 AND session_id IS NULL \
                       AND check_in_time IS NOT NULL AND ticket_id IS NOT NULL \
                     GROUP BY ticket_id HAVING count(DISTINCT coalesce(device_id, '')) > 1) \
                   ORDER BY c.ticket_id";
        let mut moves: Vec<(String, Move)> = Vec::new();
        for row in self.conn.prepare_cached(sql)?.query_map([event_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                Scan { at: String::new(), gate: r.get(4)?, device_id: r.get(5)? },
            ))
        })? {
            let (ticket, id, entered, left, place) = row?;
            if let Some(at) = entered {
                moves.push((ticket.clone(), Move { at, id: id.clone(), entry: true, place: place.clone() }));
            }
            if let Some(at) = left {
                moves.push((ticket, Move { at, id, entry: false, place }));
            }
        }
        // Time order per ticket; the row id breaks ties so every device walks the same order.
        moves.sort_by(|(ta, a), (tb, b)| (ta, &a.at, !a.entry, &a.id).cmp(&(tb, &b.at, !b.entry, &b.id)));
        let mut found = Vec::new();
        let mut open: Option<(&str, &Move)> = None;
        for (ticket, m) in &moves {
            if open.is_some_and(|(t, _)| t != ticket) {
                open = None;
            }
            match (m.entry, open) {
                (true, Some((_, first))) if first.place.device_id != m.place.device_id => {
                    found.push(DuplicateEntry {
                        ticket_id: ticket.clone(),
                        ticket_number: None,
                        attendee_name: None,
                        first: first.scan(),
                        again: m.scan(),
                    });
                }
                (true, Some(_)) => {}
                (true, None) => open = Some((ticket, m)),
                (false, _) => open = None,
            }
        }
        for duplicate in &mut found {
            if let Some(ticket) = self.ticket_by_id(&duplicate.ticket_id)? {
                duplicate.ticket_number = Some(ticket.ticket_number);
                duplicate.attendee_name = ticket.attendee_name;
            }
        }
        found.sort_by(|a, b| (&a.again.at, &a.ticket_id).cmp(&(&b.again.at, &b.ticket_id)));
        Ok(found)
    }
}

/// An entry or an exit in one ticket's history.
struct Move {
    at: String,
    id: String,
    entry: bool,
    place: Scan,
}

impl Move {
    fn scan(&self) -> Scan {
        Scan { at: self.at.clone(), ..self.place.clone() }
    }
}

fn ticket_from_row(r: &SqlRow<'_>) -> rusqlite::Result<TicketLookup> {
    Ok(TicketLookup {
        ticket_id: r.get(0)?,
        event_id: r.get(1)?,
        ticket_number: r.get(2)?,
        qr_code: r.get(3)?,
        status: r.get(4)?,
        checked_in_at: r.get(5)?,
        attendee_id: r.get(6)?,
        attendee_name: r.get(7)?,
        attendee_email: r.get(8)?,
        order_number: r.get(9)?,
        order_refunded: r.get(10)?,
    })
}
