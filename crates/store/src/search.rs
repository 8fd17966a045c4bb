//! Full-text search (FTS5) over attendees, for the door's "find by name or email".

use rusqlite::params;
use serde::Serialize;

use eventos_model::ValidationError;

use crate::{Result, Row, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttendeeHit {
    pub attendee_id: String,
    pub event_id: String,
    pub full_name: String,
    pub email: String,
}

impl Store {
    /// Attendees whose name, email or phone has words starting with every word of `query`
    /// (`"ann smi"` finds Anne Smith), best matches first, optionally within one event.
    /// Any text is safe here: it is turned into quoted prefix terms, never FTS syntax.
    ///
    /// Ranking is bounded: the best matches are chosen among the first [`RANK_WINDOW`] the
    /// index yields. A query that matches fewer people (any real name) is ranked exactly; a
    /// very broad one ("ch", an email domain) answers at once with good-enough matches
    /// instead of scoring tens of thousands of rows while someone waits at the door.
    pub fn search_attendees(&self, query: &str, event_id: Option<&str>, limit: usize) -> Result<Vec<AttendeeHit>> {
        let Some(fts_query) = prefix_query(query) else { return Ok(Vec::new()) };
        let sql = "SELECT a.id, a.event_id, a.full_name, a.email FROM ( \
                     SELECT rowid, rank FROM attendees_fts \
                     WHERE attendees_fts MATCH ?1 AND (?2 IS NULL OR event_id = ?2) LIMIT ?4 \
                   ) f JOIN attendees a ON a.rowid = f.rowid \
                   ORDER BY f.rank LIMIT ?3";
        let mut stmt = self.conn.prepare_cached(sql)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let hits = stmt
            .query_map(params![fts_query, event_id, limit, RANK_WINDOW], |r| {
                Ok(AttendeeHit { attendee_id: r.get(0)?, event_id: r.get(1)?, full_name: r.get(2)?, email: r.get(3)? })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(hits)
    }
}

impl Store {
    /// Rows of a full-text-indexed table (`attendees`, `crm_contacts`, `crm_organizers`,
    /// `crm_notes`) matching every word of `query` as a prefix, best first (ranked within the
    /// first [`RANK_WINDOW`] matches, as [`Store::search_attendees`]).
    pub fn search(&self, table: &str, query: &str, limit: usize) -> Result<Vec<Row>> {
        let Some(table) = INDEXED_TABLES.iter().find(|t| **t == table) else {
            return Err(StoreError::Invalid(ValidationError::new(table, "id", "this table has no search index")));
        };
        let Some(fts_query) = prefix_query(query) else { return Ok(Vec::new()) };
        let sql = format!(
            "SELECT t.id FROM (SELECT rowid, rank FROM {table}_fts WHERE {table}_fts MATCH ?1 LIMIT ?3) f \
             JOIN {table} t ON t.rowid = f.rowid ORDER BY f.rank LIMIT ?2"
        );
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let ids: Vec<String> = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params![fts_query, limit, RANK_WINDOW], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let registry = crate::writer::lookup(table)?;
        ids.iter().filter_map(|id| crate::queries::get_row(&self.conn, registry, id).transpose()).collect()
    }

    /// Compacts the file. VACUUM may renumber the rowids the search indexes point at, so they
    /// are rebuilt in the same breath.
    pub fn vacuum(&mut self) -> Result<()> {
        self.conn.execute_batch("VACUUM")?;
        let tx = self.conn.transaction()?;
        rebuild_indexes(&tx)?;
        Ok(tx.commit()?)
    }
}

/// How many matches a search ranks at most (see [`Store::search_attendees`]).
pub const RANK_WINDOW: i64 = 500;

/// The full-text tables and the tables they index (see the migrations).
pub(crate) const INDEXED_TABLES: &[&str] = &["attendees", "crm_contacts", "crm_organizers", "crm_notes"];

/// Rebuilds every full-text index from its table (after a bulk load, or a VACUUM, which may
/// renumber the rowids the indexes point at).
pub(crate) fn rebuild_indexes(conn: &rusqlite::Connection) -> Result<()> {
    for table in INDEXED_TABLES {
        conn.execute_batch(&format!("INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')"))?;
    }
    Ok(())
}

/// Sets the full-text triggers aside (dropped, their SQL kept in `search_index_suspended`) until
/// [`resume_suspended`]; does nothing if they are aside already.
pub(crate) fn suspend(conn: &rusqlite::Connection) -> Result<()> {
    let triggers: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_fts_a[idu]'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, sql) in triggers {
        conn.execute("INSERT INTO search_index_suspended (name, sql) VALUES (?1, ?2)", [&name, &sql])?;
        conn.execute_batch(&format!("DROP TRIGGER {name}"))?;
    }
    Ok(())
}

/// Puts back the triggers [`suspend`] set aside, and rebuilds the indexes.
pub(crate) fn resume_suspended(conn: &rusqlite::Connection) -> Result<()> {
    let suspended: Vec<String> = conn
        .prepare("SELECT sql FROM search_index_suspended")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if suspended.is_empty() {
        return Ok(());
    }
    rebuild_indexes(conn)?;
    for sql in suspended {
        conn.execute_batch(&sql)?;
    }
    conn.execute_batch("DELETE FROM search_index_suspended")?;
    Ok(())
}

/// `Anne-Marie O'Brien` → `"anne"* "marie"* "o"* "brien"*`: split as the unicode61 tokenizer
/// does (anything not a letter or digit separates words), each word a quoted prefix term.
pub(crate) fn prefix_query(query: &str) -> Option<String> {
    let terms: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{}\"*", w.to_lowercase()))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::prefix_query;

    #[test]
    fn queries_are_quoted_prefix_terms() {
        assert_eq!(prefix_query("Anne-Marie O'Brien").unwrap(), r#""anne"* "marie"* "o"* "brien"*"#);
        assert_eq!(prefix_query(r#"" OR 1=1; DROP TABLE x --"#).unwrap(), r#""or"* "1"* "1"* "drop"* "table"* "x"*"#);
        assert_eq!(prefix_query("  *** "), None);
    }
}
