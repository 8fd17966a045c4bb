//! The outbox: every local write to a synced table, recorded in the same transaction as the
//! write once the workspace is connected (`sync_device.capture`), with a clock from this
//! device's hybrid logical clock. The sync engine reads it, pushes it, and settles it.

use eventos_model::hlc::{Clock, Timestamp};
use eventos_model::timestamp;
use rusqlite::{Connection, Transaction, params};
use serde::Serialize;
use serde_json::Value;

use crate::{Result, Row, Store};

/// What a change does to its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Insert,
    Update,
    Delete,
}

impl Op {
    /// The name the outbox and the server's `push_changes` use.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Insert => "insert",
            Op::Update => "update",
            Op::Delete => "delete",
        }
    }

    fn parse(text: &str) -> Op {
        match text {
            "insert" => Op::Insert,
            "update" => Op::Update,
            _ => Op::Delete,
        }
    }
}

/// One change in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub seq: i64,
    pub change_id: String,
    pub table: String,
    pub row_id: String,
    pub op: Op,
    /// The changed columns as the server takes them; `None` for a delete.
    pub data: Option<Row>,
    pub hlc: String,
    pub created_at: String,
    /// Why the server refused it, when it did (then it waits for the user: retry or discard).
    pub error: Option<String>,
    pub attempts: i64,
}

/// How the server answered one pushed change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Applied, or applied before (a replay): done.
    Applied,
    /// Some or all fields had a later edit elsewhere: those go to the conflict log.
    Lost { fields: Vec<String> },
    /// Refused: kept as failed, with the reason.
    Refused { error: String },
    /// Not answered (network, server error): stays pending, tried again later.
    Unanswered,
}

/// This device's clock and whether its writes are captured, for one write transaction.
pub(crate) struct Capture {
    clock: Clock,
    ticked: bool,
}

impl Capture {
    /// `None` while the workspace is not connected: nothing is recorded then.
    pub(crate) fn load(conn: &Connection) -> Result<Option<Capture>> {
        let (node, ms, counter, on): (String, i64, i64, bool) = conn
            .prepare_cached("SELECT node, clock_ms, clock_counter, capture FROM sync_device WHERE id = 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        let last = Timestamp { ms: u64::try_from(ms).unwrap_or(0), counter: u32::try_from(counter).unwrap_or(0) };
        Ok(on.then(|| Capture { clock: Clock::new(node, last), ticked: false }))
    }

    pub(crate) fn record(
        &mut self,
        tx: &Transaction<'_>,
        table: &str,
        row_id: &str,
        op: Op,
        data: Option<&Row>,
    ) -> Result<()> {
        let hlc = self.clock.tick(now_ms()).to_string();
        self.ticked = true;
        Capture::record_as(tx, &uuid::Uuid::new_v4().to_string(), &hlc, table, row_id, op, data)
    }

    /// Queues a change made elsewhere under its own id and clock (a check-in another door sent,
    /// not pushed yet there): whichever computer pushes it first, the server keeps it once.
    pub(crate) fn record_as(
        tx: &Transaction<'_>,
        change_id: &str,
        hlc: &str,
        table: &str,
        row_id: &str,
        op: Op,
        data: Option<&Row>,
    ) -> Result<()> {
        let data = data.map(|d| Value::Object(d.clone()).to_string());
        tx.prepare_cached(
            "INSERT INTO sync_outbox (change_id, tbl, row_id, op, data, hlc, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![change_id, table, row_id, op.as_str(), data, hlc, timestamp::now()])?;
        Ok(())
    }

    /// Moves the clock past one seen in a pulled row.
    pub(crate) fn observe(&mut self, seen: &str) {
        let before = self.clock.last();
        self.clock.observe(seen);
        self.ticked |= self.clock.last() != before;
    }

    /// Keeps the clock for the next transaction (called before commit).
    pub(crate) fn save(&self, tx: &Transaction<'_>) -> Result<()> {
        if self.ticked {
            let last = self.clock.last();
            tx.prepare_cached("UPDATE sync_device SET clock_ms = ?1, clock_counter = ?2 WHERE id = 1")?
                .execute(params![i64::try_from(last.ms).unwrap_or(i64::MAX), last.counter])?;
        }
        Ok(())
    }
}

fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

impl Store {
    /// Starts (or stops) recording local writes in the outbox: on when the workspace connects
    /// to a server.
    pub fn set_capture(&mut self, on: bool) -> Result<()> {
        self.conn.execute("UPDATE sync_device SET capture = ?1 WHERE id = 1", [on])?;
        Ok(())
    }

    /// This device's name in its clocks.
    pub fn device_node(&self) -> Result<String> {
        Ok(self.conn.query_row("SELECT node FROM sync_device WHERE id = 1", [], |r| r.get(0))?)
    }

    /// Changes waiting to go up, oldest first (failed ones excluded: they wait for the user).
    pub fn pending_changes(&self, limit: usize) -> Result<Vec<Change>> {
        self.changes("WHERE state = 'pending' ORDER BY seq LIMIT ?1", i64::try_from(limit).unwrap_or(i64::MAX))
    }

    /// Every change in the outbox, pending and failed, oldest first.
    pub fn outbox(&self) -> Result<Vec<Change>> {
        self.changes("WHERE ?1 ORDER BY seq", true)
    }

    /// How many changes wait to go up, and how many of them the server refused.
    pub fn outbox_counts(&self) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT count(*), count(*) FILTER (WHERE state = 'failed') FROM sync_outbox",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// The outbox rows that `clause` (with one parameter) selects.
    fn changes(&self, clause: &str, param: impl rusqlite::ToSql) -> Result<Vec<Change>> {
        let sql = format!(
            "SELECT seq, change_id, tbl, row_id, op, data, hlc, created_at, error, attempts FROM sync_outbox {clause}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([param], |r| {
            let data: Option<String> = r.get(5)?;
            Ok(Change {
                seq: r.get(0)?,
                change_id: r.get(1)?,
                table: r.get(2)?,
                row_id: r.get(3)?,
                op: Op::parse(&r.get::<_, String>(4)?),
                data: data.and_then(|d| match serde_json::from_str(&d) {
                    Ok(Value::Object(row)) => Some(row),
                    _ => None,
                }),
                hlc: r.get(6)?,
                created_at: r.get(7)?,
                error: r.get(8)?,
                attempts: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records the server's answers in one transaction: applied changes leave the outbox; lost
    /// fields go to the conflict log (the winner is filled in when the row is pulled); refused
    /// changes stay, failed, with their error; unanswered ones stay pending.
    pub fn settle(&mut self, answers: &[(Change, Outcome)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        for (change, outcome) in answers {
            match outcome {
                Outcome::Applied => {
                    tx.execute("DELETE FROM sync_outbox WHERE change_id = ?1", [&change.change_id])?;
                }
                Outcome::Lost { fields } => {
                    for field in fields {
                        let mine = change.data.as_ref().and_then(|d| d.get(field)).map(Value::to_string);
                        tx.execute(
                            "INSERT INTO sync_conflicts (tbl, row_id, field, mine, at, change_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            params![change.table, change.row_id, field, mine, timestamp::now(), change.change_id],
                        )?;
                    }
                    tx.execute("DELETE FROM sync_outbox WHERE change_id = ?1", [&change.change_id])?;
                }
                Outcome::Refused { error } => {
                    tx.execute(
                        "UPDATE sync_outbox SET state = 'failed', error = ?2, attempts = attempts + 1 WHERE change_id = ?1",
                        params![change.change_id, error],
                    )?;
                }
                Outcome::Unanswered => {
                    tx.execute(
                        "UPDATE sync_outbox SET attempts = attempts + 1 WHERE change_id = ?1",
                        [&change.change_id],
                    )?;
                }
            }
        }
        Ok(tx.commit()?)
    }

    /// Puts a failed change back in line.
    pub fn retry_change(&mut self, change_id: &str) -> Result<bool> {
        Ok(self.conn.execute(
            "UPDATE sync_outbox SET state = 'pending', error = NULL WHERE change_id = ?1 AND state = 'failed'",
            [change_id],
        )? == 1)
    }

    /// Drops a change from the outbox for good (the local row keeps its value until the next
    /// pull brings the server's).
    pub fn discard_change(&mut self, change_id: &str) -> Result<bool> {
        let tx = self.conn.transaction()?;
        // A delete given up (a document's, or its company's or deal's): the files it would have
        // taken stay in the bucket with the server's rows.
        tx.execute(
            "DELETE FROM file_deletions WHERE (after_table, after_id) IN
               (SELECT tbl, row_id FROM sync_outbox WHERE change_id = ?1 AND op = 'delete')",
            [change_id],
        )?;
        let discarded = tx.execute("DELETE FROM sync_outbox WHERE change_id = ?1", [change_id])? == 1;
        tx.commit()?;
        Ok(discarded)
    }
}
