//! Pulling a scope: pages until the server has no more, each applied in one transaction with
//! the cursor that covers it.

use eventos_store::Store;

use crate::pipeline::pipelined;
use crate::{PAGE, Page, Progress, Remote, Report, Scope, SyncError};

/// Pulls pages until the server has no more, fetching the next while applying the last
/// ([`pipelined`]).
pub(crate) fn pull_all(
    store: &mut Store,
    remote: &mut dyn Remote,
    scope: &Scope,
    mut cursor: String,
    report: &mut Report,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), SyncError> {
    let name = scope.to_string();
    let mut more = true;
    let fetch = move || {
        if !more {
            return None;
        }
        let page = match remote.pull(scope, &cursor, PAGE) {
            Ok(page) => page,
            Err(e) => return Some(Err(e)),
        };
        cursor.clone_from(&page.next);
        more = page.has_more && page.lost_scopes.is_empty();
        Some(Ok(page))
    };
    pipelined(fetch, |page: Page| {
        if !page.lost_scopes.is_empty() {
            return Err(SyncError::ScopeLost(name.clone()));
        }
        apply_page(store, scope, &name, &page)?;
        report.pulled += page.changes.len();
        progress(Progress::Pulling { scope: name.clone(), done: report.pulled });
        Ok(())
    })
}

fn apply_page(store: &mut Store, scope: &Scope, name: &str, page: &Page) -> Result<(), SyncError> {
    crate::apply(store, scope, |w| {
        for change in &page.changes {
            match (&change.row, change.op.as_str()) {
                (Some(row), "upsert") => w.apply_pulled(&change.table, row)?,
                _ => w.apply_tombstone(&change.table, &change.id)?,
            }
        }
        w.set_scope_cursor(name, &page.next)
    })
}
