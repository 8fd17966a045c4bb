//! Which tasks and meetings this computer has reminded its user of, at which due time
//! (`reminded`, migration V8): a reminder is shown once per due time.

use rusqlite::params;

use crate::{Result, Store};

impl Store {
    /// Of these `(activity id, due time)` pairs, the ones not reminded of at that time yet;
    /// those are recorded as reminded now.
    pub fn take_reminders(&mut self, due: &[(String, String)], now: &str) -> Result<Vec<(String, String)>> {
        let tx = self.conn.transaction()?;
        let mut fresh = Vec::new();
        {
            let mut seen = tx.prepare_cached("SELECT 1 FROM reminded WHERE activity_id = ?1 AND due = ?2")?;
            let mut mark = tx.prepare_cached(
                "INSERT INTO reminded (activity_id, due, reminded_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (activity_id) DO UPDATE SET due = excluded.due, reminded_at = excluded.reminded_at",
            )?;
            for (id, at) in due {
                if !seen.exists(params![id, at])? {
                    mark.execute(params![id, at, now])?;
                    fresh.push((id.clone(), at.clone()));
                }
            }
        }
        tx.commit()?;
        Ok(fresh)
    }
}
