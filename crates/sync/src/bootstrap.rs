//! Bootstrapping a scope: a cursor taken first (every change after it comes through pulls),
//! then the scope's tables read page by page in id order, each page applied in one transaction
//! together with where the bootstrap has got to — so an interrupted one resumes there.

use eventos_model::schema;
use eventos_store::Store;
use serde_json::{Value, json};

use crate::{PAGE, Progress, Remote, Report, Scope, SyncError};

/// The tables a scope replicates, parents first.
pub fn tables(scope: &Scope) -> Vec<&'static str> {
    match scope {
        Scope::Account(_) => schema::tables().iter().map(|t| t.name).collect(),
        Scope::Event(_) => vec!["events", "attendees", "tickets", "event_checkins"],
    }
}

/// Returns the cursor to pull from once the tables are read.
pub(crate) fn bootstrap(
    store: &mut Store,
    remote: &mut dyn Remote,
    scope: &Scope,
    resume: Option<Value>,
    report: &mut Report,
    progress: &mut dyn FnMut(Progress),
) -> Result<String, SyncError> {
    let name = scope.to_string();
    let tables = tables(scope);
    // Resume where an interrupted bootstrap stopped, with its cursor; else start now.
    let (cursor, mut table_index, mut after, mut done, total) = match resume {
        Some(saved) if saved["cursor"].is_string() => (
            saved["cursor"].as_str().unwrap_or_default().to_owned(),
            saved["table"].as_u64().unwrap_or(0) as usize,
            saved["after"].as_str().map(str::to_owned),
            saved["done"].as_u64().unwrap_or(0),
            saved["total"].as_u64().unwrap_or(0),
        ),
        _ => {
            let cursor = remote.cursor()?;
            let counts = remote.counts(scope)?;
            let total = tables.iter().filter_map(|t| counts.get(*t)?.as_u64()).sum();
            // Saved at once: an interrupted bootstrap resumes from this cursor.
            let saved = json!({"cursor": cursor, "table": 0, "after": null, "done": 0, "total": total});
            store.write(|w| w.set_bootstrap_progress(&name, &saved))?;
            (cursor, 0, None, 0, total)
        }
    };
    progress(Progress::Bootstrapping { scope: name.clone(), done, total });
    // Search indexes are rebuilt once for the whole load (row by row is its slowest part) —
    // also when it fails half-way, so that search keeps working until it resumes.
    store.write(|w| w.suspend_search_index())?;
    let mut load = || -> Result<(), SyncError> {
        while let Some(table) = tables.get(table_index) {
            let rows = remote.snapshot(table, scope, after.as_deref(), PAGE)?;
            let full = rows.len() == PAGE as usize;
            after = rows.last().and_then(|r| r.get("id")).and_then(Value::as_str).map(str::to_owned);
            if !full {
                table_index += 1;
                after = None;
            }
            done += rows.len() as u64;
            let saved = json!({"cursor": cursor, "table": table_index, "after": after, "done": done, "total": total});
            crate::apply(store, scope, |w| {
                for row in &rows {
                    w.apply_pulled(table, row)?;
                }
                w.set_bootstrap_progress(&name, &saved)
            })?;
            report.bootstrapped += rows.len();
            progress(Progress::Bootstrapping { scope: name.clone(), done, total: total.max(done) });
        }
        Ok(())
    };
    let loaded = load();
    store.write(|w| w.resume_search_index())?;
    loaded?;
    Ok(cursor)
}
