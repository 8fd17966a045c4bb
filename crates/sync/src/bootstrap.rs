//! Bootstrapping a scope: a cursor taken first (every change after it comes through pulls),
//! then the scope's tables read page by page in id order, a few pages applied in one transaction
//! together with where the bootstrap has got to — so an interrupted one resumes there.

use eventos_model::schema;
use eventos_store::Store;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::pipeline::pipelined;
use crate::{PAGE, Progress, Remote, Report, Row, Scope, SyncError};

/// Where a bootstrap has got to, saved with every page it applies.
#[derive(Serialize, Deserialize)]
struct Saved {
    /// Taken before the first page: pulls continue from it.
    cursor: String,
    /// The scope's tables, parents first (those the server counted for it).
    tables: Vec<String>,
    /// The table being read, and the last id read from it.
    table: usize,
    after: Option<String>,
    done: u64,
    total: u64,
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
    // Resume where an interrupted bootstrap stopped, with its cursor; else start now.
    let at = match resume.and_then(|saved| serde_json::from_value::<Saved>(saved).ok()) {
        Some(saved) => saved,
        None => {
            let cursor = remote.cursor()?;
            let counts = remote.counts(scope)?;
            let tables: Vec<String> =
                schema::tables().iter().map(|t| t.name.to_owned()).filter(|t| counts.contains_key(t)).collect();
            let total = tables.iter().filter_map(|t| counts.get(t)?.as_u64()).sum();
            let saved = Saved { cursor, tables, table: 0, after: None, done: 0, total };
            // Saved at once: an interrupted bootstrap resumes from this cursor.
            store.write(|w| w.set_bootstrap_progress(&name, &to_json(&saved)))?;
            saved
        }
    };
    progress(Progress::Bootstrapping { scope: name.clone(), done: at.done, total: at.total });
    // Search indexes are rebuilt once for the whole load (row by row is its slowest part) —
    // also when it fails half-way, so that search keeps working until it resumes.
    store.write(|w| w.suspend_search_index())?;
    let cursor = at.cursor.clone();
    let loaded = load(store, remote, scope, at, report, progress);
    store.write(|w| w.resume_search_index())?;
    loaded?;
    Ok(cursor)
}

/// Pages applied in one transaction: fewer, larger commits write each index page to the WAL
/// once instead of once a page (uuids scatter every page's rows over the whole index).
const PAGES_PER_TRANSACTION: usize = 5;

/// A few pages read, with where the bootstrap is once they are applied.
struct Fetched {
    pages: Vec<(String, Vec<Row>)>,
    at: Value,
    done: u64,
    total: u64,
}

/// Reads the pages and applies them a group or two behind ([`pipelined`]); each group lands in
/// one transaction with the progress that follows it.
fn load(
    store: &mut Store,
    remote: &mut dyn Remote,
    scope: &Scope,
    mut at: Saved,
    report: &mut Report,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), SyncError> {
    let name = scope.to_string();
    let fetch = move || {
        let mut pages = Vec::new();
        while pages.len() < PAGES_PER_TRANSACTION {
            let Some(table) = at.tables.get(at.table).cloned() else { break };
            let rows = match remote.snapshot(&table, scope, at.after.as_deref(), PAGE) {
                Ok(rows) => rows,
                // What was read applies first; the failed page is asked for again next time.
                Err(_) if !pages.is_empty() => break,
                Err(e) => return Some(Err(e)),
            };
            at.after = rows.last().and_then(|r| r.get("id")).and_then(Value::as_str).map(str::to_owned);
            if rows.len() < PAGE as usize {
                at.table += 1;
                at.after = None;
            }
            at.done += rows.len() as u64;
            pages.push((table, rows));
        }
        (!pages.is_empty())
            .then(|| Ok(Fetched { pages, at: to_json(&at), done: at.done, total: at.total.max(at.done) }))
    };
    pipelined(fetch, |group: Fetched| {
        crate::apply(store, scope, |w| {
            for (table, rows) in &group.pages {
                for row in rows {
                    w.apply_pulled(table, row)?;
                }
            }
            w.set_bootstrap_progress(&name, &group.at)
        })?;
        report.bootstrapped += group.pages.iter().map(|(_, rows)| rows.len()).sum::<usize>();
        progress(Progress::Bootstrapping { scope: name.clone(), done: group.done, total: group.total });
        Ok(())
    })
}

fn to_json(saved: &Saved) -> Value {
    serde_json::to_value(saved).unwrap_or(Value::Null)
}
