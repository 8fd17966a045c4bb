//! Read-only access to the replica for queries the store does not offer as methods yet: a
//! statement that would write (even to the bookkeeping tables) is refused before it runs, so
//! the only way to change the replica is [`crate::Store::write`].

use rusqlite::{CachedStatement, Connection, Params, Row, Statement};

/// A borrowed connection that only reads.
pub struct Reader<'c> {
    conn: &'c Connection,
}

impl<'c> Reader<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Self {
        Reader { conn }
    }

    pub fn prepare(&self, sql: &str) -> rusqlite::Result<Statement<'c>> {
        let stmt = self.conn.prepare(sql)?;
        if stmt.readonly() || reads_a_setting(sql) { Ok(stmt) } else { Err(refused(sql)) }
    }

    pub fn prepare_cached(&self, sql: &str) -> rusqlite::Result<CachedStatement<'c>> {
        let stmt = self.conn.prepare_cached(sql)?;
        if stmt.readonly() || reads_a_setting(sql) { Ok(stmt) } else { Err(refused(sql)) }
    }

    pub fn query_row<T, P: Params, F: FnOnce(&Row<'_>) -> rusqlite::Result<T>>(
        &self,
        sql: &str,
        params: P,
        f: F,
    ) -> rusqlite::Result<T> {
        self.prepare(sql)?.query_row(params, f)
    }
}

/// `PRAGMA name` (no `=`): SQLite calls every pragma a possible write, but asking for a
/// setting (`foreign_keys`, `integrity_check`) changes no row.
fn reads_a_setting(sql: &str) -> bool {
    let sql = sql.trim_start();
    sql.get(..6).is_some_and(|head| head.eq_ignore_ascii_case("pragma")) && !sql.contains('=')
}

fn refused(sql: &str) -> rusqlite::Error {
    let code = rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY);
    rusqlite::Error::SqliteFailure(
        code,
        Some(format!("the store's reader only reads; write through Store::write: {sql}")),
    )
}
