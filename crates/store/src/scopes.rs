//! What this replica pulls (`sync_scopes`): `account:<uuid>` or `event:<uuid>`, each with its
//! cursor, set in the same transaction as the rows it covers, and an unfinished bootstrap's
//! progress.

use eventos_model::timestamp;
use rusqlite::params;
use serde::Serialize;
use serde_json::Value;

use crate::{Result, Store, StoreError, Writer};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScopeState {
    pub scope: String,
    /// `None` until the scope's bootstrap has finished.
    pub cursor: Option<String>,
    /// Where an unfinished bootstrap has got to.
    pub bootstrap: Option<Value>,
    pub synced_at: Option<String>,
}

impl Store {
    pub fn scopes(&self) -> Result<Vec<ScopeState>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT scope, cursor, bootstrap, synced_at FROM sync_scopes ORDER BY scope")?;
        let rows = stmt.query_map([], |r| {
            let bootstrap: Option<String> = r.get(2)?;
            Ok(ScopeState {
                scope: r.get(0)?,
                cursor: r.get(1)?,
                bootstrap: bootstrap.and_then(|b| serde_json::from_str(&b).ok()),
                synced_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Starts replicating a scope (`account:<uuid>` or `event:<uuid>`); its bootstrap runs at
    /// the next sync.
    pub fn add_scope(&mut self, scope: &str) -> Result<()> {
        check_scope(scope)?;
        self.conn.execute(ADD_SCOPE, [scope])?;
        Ok(())
    }

    /// Replicates exactly `scopes` from now on. New ones are bootstrapped at the next sync. If
    /// one is dropped, the synced tables are emptied and every kept scope is bootstrapped again
    /// (a row cannot be told apart by scope in general: a profile, a venue two events share):
    /// one transaction, never recorded in the outbox. The caller makes sure nothing waits to go
    /// up first. Returns whether the replica was emptied.
    pub fn replace_scopes(&mut self, scopes: &[String]) -> Result<bool> {
        for scope in scopes {
            check_scope(scope)?;
        }
        let kept: Vec<String> = self.scopes()?.into_iter().map(|s| s.scope).collect();
        let dropping = kept.iter().any(|s| !scopes.contains(s));
        self.write_partial(|w| {
            if dropping {
                w.defer_search_index()?;
                for table in eventos_model::schema::tables().iter().rev() {
                    w.tx.execute(&format!("DELETE FROM {}", table.name), [])?;
                }
                w.tx.execute("DELETE FROM sync_scopes", [])?;
            }
            for scope in scopes {
                w.tx.execute(ADD_SCOPE, [scope])?;
            }
            Ok(())
        })?;
        Ok(dropping)
    }
}

impl Writer<'_> {
    /// The scope is up to date with the server as of `cursor` (in the pull's transaction).
    pub fn set_scope_cursor(&mut self, scope: &str, cursor: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE sync_scopes SET cursor = ?2, bootstrap = NULL, synced_at = ?3 WHERE scope = ?1",
            params![scope, cursor, timestamp::now()],
        )?;
        Ok(())
    }

    /// Where a bootstrap has got to (in the transaction of the page it just applied).
    pub fn set_bootstrap_progress(&mut self, scope: &str, progress: &Value) -> Result<()> {
        self.tx
            .execute("UPDATE sync_scopes SET bootstrap = ?2 WHERE scope = ?1", params![scope, progress.to_string()])?;
        Ok(())
    }
}

const ADD_SCOPE: &str = "INSERT INTO sync_scopes (scope) VALUES (?1) ON CONFLICT DO NOTHING";

fn check_scope(scope: &str) -> Result<()> {
    let valid = scope
        .split_once(':')
        .is_some_and(|(kind, id)| matches!(kind, "account" | "event") && uuid::Uuid::parse_str(id).is_ok());
    if !valid {
        return Err(StoreError::Invalid(eventos_model::ValidationError::new(
            "sync_scopes",
            "scope",
            format!("must be account:<uuid> or event:<uuid> (got '{scope}')"),
        )));
    }
    Ok(())
}
