//! Pulling a scope: pages until the server has no more, each applied in one transaction with
//! the cursor that covers it.

use eventos_store::Store;

use crate::{PAGE, Page, Progress, Remote, Report, Scope, SyncError};

pub(crate) fn pull_all(
    store: &mut Store,
    remote: &mut dyn Remote,
    scope: &Scope,
    mut cursor: String,
    report: &mut Report,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), SyncError> {
    let name = scope.to_string();
    loop {
        let page = remote.pull(scope, &cursor, PAGE)?;
        if !page.lost_scopes.is_empty() {
            return Err(SyncError::ScopeLost(name));
        }
        apply_page(store, scope, &name, &page)?;
        report.pulled += page.changes.len();
        progress(Progress::Pulling { scope: name.clone(), done: report.pulled });
        cursor = page.next;
        if !page.has_more {
            return Ok(());
        }
    }
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
