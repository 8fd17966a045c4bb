//! The replica as the door exchange's ledger: this event's check-ins, on a connection of its
//! own; rows other doors send are checked, then kept like pulled rows (`Writer::apply_relayed`).

use eventos_lan::{Ledger, LedgerError, Shared};
use eventos_store::{PendingChange, Row, Store};
use serde_json::{Value, json};

const CHECKINS: &str = "event_checkins";

/// The replica as the exchange's ledger: this event's check-ins, on a connection of its own.
pub(super) struct ReplicaLedger {
    pub(super) store: Store,
    pub(super) event_id: String,
    pub(super) node: String,
    /// Tells the sync that rows wait to go up (a check-in another door had not pushed yet).
    pub(super) on_new: Box<dyn Fn() + Send>,
}

impl Ledger for ReplicaLedger {
    fn ids(&mut self) -> std::result::Result<Vec<String>, LedgerError> {
        let reader = self.store.connection();
        let mut stmt = reader.prepare_cached("SELECT id FROM event_checkins WHERE event_id = ?1").map_err(ledger)?;
        let ids = stmt.query_map([&self.event_id], |r| r.get(0)).map_err(ledger)?;
        ids.collect::<rusqlite::Result<_>>().map_err(ledger)
    }

    fn rows(&mut self, ids: &[String]) -> std::result::Result<Vec<Shared>, LedgerError> {
        let mut rows = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(row) = self.store.get(CHECKINS, id).map_err(ledger)? else { continue };
            let pending = self.store.pending_insert(CHECKINS, id).map_err(ledger)?;
            rows.push(Shared { id: id.clone(), body: json!({ "row": row, "pending": pending }) });
        }
        Ok(rows)
    }

    fn take_in(&mut self, rows: &[Shared]) -> std::result::Result<Vec<String>, LedgerError> {
        let event_id = self.event_id.clone();
        let new = self
            .store
            .write_partial(|w| {
                let mut new = Vec::new();
                for shared in rows {
                    let Some((row, pending)) = relayed(shared, &event_id) else { continue };
                    // A row that breaks a rule is one door's bad data: skipped, not the batch.
                    if let Ok(true) = w.apply_relayed(CHECKINS, &row, pending.as_ref()) {
                        new.push(shared.id.clone());
                    }
                }
                Ok(new)
            })
            .map_err(ledger)?;
        if !new.is_empty() {
            (self.on_new)();
        }
        Ok(new)
    }

    fn own_since(&mut self, cursor: &mut i64) -> std::result::Result<Vec<Shared>, LedgerError> {
        let reader = self.store.connection();
        if *cursor < 0 {
            *cursor = reader
                .query_row("SELECT coalesce(max(rowid), 0) FROM event_checkins", [], |r| r.get(0))
                .map_err(ledger)?;
            return Ok(Vec::new());
        }
        let mut stmt = reader
            .prepare_cached(
                "SELECT rowid, id FROM event_checkins WHERE rowid > ?1 AND event_id = ?2 AND device_id = ?3 ORDER BY rowid",
            )
            .map_err(ledger)?;
        let found: Vec<(i64, String)> = stmt
            .query_map(rusqlite::params![*cursor, self.event_id, self.node], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(ledger)?
            .collect::<rusqlite::Result<_>>()
            .map_err(ledger)?;
        drop(stmt);
        let Some(last) = found.last().map(|(rowid, _)| *rowid) else { return Ok(Vec::new()) };
        *cursor = last;
        let ids: Vec<String> = found.into_iter().map(|(_, id)| id).collect();
        self.rows(&ids)
    }

    fn own_count(&mut self) -> std::result::Result<u64, LedgerError> {
        let count: i64 = self
            .store
            .connection()
            .query_row(
                "SELECT count(*) FROM event_checkins WHERE event_id = ?1 AND device_id = ?2",
                [&self.event_id, &self.node],
                |r| r.get(0),
            )
            .map_err(ledger)?;
        Ok(u64::try_from(count).unwrap_or(0))
    }
}

/// A row another door sent, if it is a check-in of this event with a well-formed change.
fn relayed(shared: &Shared, event_id: &str) -> Option<(Row, Option<PendingChange>)> {
    let row = shared.body.get("row")?.as_object()?.clone();
    if row.get("id").and_then(Value::as_str) != Some(shared.id.as_str())
        || row.get("event_id").and_then(Value::as_str) != Some(event_id)
        || uuid::Uuid::parse_str(&shared.id).is_err()
    {
        return None;
    }
    let pending = match shared.body.get("pending") {
        None | Some(Value::Null) => None,
        Some(value) => {
            let pending: PendingChange = serde_json::from_value(value.clone()).ok()?;
            let well_formed = uuid::Uuid::parse_str(&pending.change_id)
                .is_ok_and(|u| u.to_string() == pending.change_id)
                && eventos_model::hlc::Timestamp::parse(&pending.hlc).is_some();
            if !well_formed {
                return None;
            }
            Some(pending)
        }
    };
    Some((row, pending))
}

fn ledger(e: impl std::fmt::Display) -> LedgerError {
    LedgerError(e.to_string())
}
