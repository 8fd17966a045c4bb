//! One search over the records people look for by name — companies, contacts, deals, events
//! and attendees — for Ctrl/Cmd+K: a few best matches of each kind the role may see, each
//! opening its record. Indexed tables answer from their full-text index; the rest by name.

use serde::Serialize;
use ts_rs::TS;

use crate::records::{Action, View};
use crate::{App, Reads, Result, text};

/// A record found, to show and open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SearchHit {
    pub table: String,
    pub id: String,
    pub title: String,
    /// A second line: the company, the email, the date.
    pub detail: Option<String>,
}

/// Matches of each kind at most.
const EACH: usize = 5;

/// The kinds, in the order they are shown, with how each is found: (table, indexed, title
/// field, detail field).
const KINDS: [(&str, bool, &str, &str); 5] = [
    ("crm_organizers", true, "company_name", "industry"),
    ("crm_contacts", true, "full_name", "email"),
    ("crm_opportunities", false, "name", "value"),
    ("events", false, "name", "start_at"),
    ("attendees", true, "full_name", "email"),
];

pub(crate) fn search_everything(view: &View<'_>, query: &str) -> Result<Vec<SearchHit>> {
    let query = query.trim();
    if query.is_empty() {
        return Ok(Vec::new());
    }
    let store = view.store();
    let mut hits = Vec::new();
    for (table, indexed, title, detail) in KINDS {
        if view.permitted(table, Action::Read).is_err() {
            continue;
        }
        let rows = if indexed {
            store.search(table, query, EACH)?
        } else {
            let pattern = format!("%{}%", eventos_store::like_escape(query));
            let sql = format!(
                "SELECT id FROM {table} WHERE {title} LIKE ?1 ESCAPE '\\' ORDER BY {title} LIKE ?2 ESCAPE '\\' DESC, {title} LIMIT {EACH}"
            );
            let ids: Vec<String> = store
                .connection()
                .prepare(&sql)?
                .query_map([&pattern, &format!("{}%", &pattern[1..])], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            ids.iter().filter_map(|id| store.get(table, id).transpose()).collect::<Result<Vec<_>, _>>()?
        };
        hits.extend(rows.iter().map(|row| SearchHit {
            table: table.into(),
            id: text(row, "id"),
            title: text(row, title),
            detail: Some(text(row, detail)).filter(|d| !d.is_empty()),
        }));
    }
    Ok(hits)
}

impl App {
    pub fn search_everything(&self, query: &str) -> Result<Vec<SearchHit>> {
        search_everything(&View::of(self.store()?)?, query)
    }
}

impl Reads {
    pub fn search_everything(&self, query: &str) -> Result<Vec<SearchHit>> {
        self.with(|view| search_everything(view, query))
    }
}
