//! The door list: every valid ticket by last name, for when the laptops at the door are down.

use eventos_print::Paper;

use super::{EVENT_LIMIT, EventWords, PdfJob, local_now, safe_name};
use crate::{App, Result};

impl App {
    /// The door list of an event, for paper fallback: every valid ticket (active or used, its
    /// order not refunded) by last name, with its number and type, ticked if already checked in.
    pub fn door_list_job(&self, event: &str, paper: Paper) -> Result<PdfJob> {
        let store = self.store()?;
        let event_id = store.event_stats(event)?.event_id;
        let words = EventWords::of(&self.event(&event_id)?);
        let mut rows: Vec<eventos_print::DoorListRow> = store
            .tickets_of_event(&event_id, EVENT_LIMIT)?
            .into_iter()
            .filter(|t| !t.order_refunded)
            .map(|t| eventos_print::DoorListRow {
                name: t.attendee_name.unwrap_or_else(|| "—".into()),
                ticket_number: t.ticket_number,
                ticket_type: "General admission".into(),
                checked_in: t.status == "used",
            })
            .collect();
        rows.sort_by_cached_key(|r| (by_last_name(&r.name), r.ticket_number.clone()));
        let printed_at = local_now();
        let file_name = format!("Door list {}.pdf", safe_name(&words.name));
        Ok(PdfJob::new(self, file_name, move |progress| {
            eventos_print::door_list(&words.name, &words.when, &printed_at, &rows, paper, progress)
        }))
    }
}

/// A name's sort key by last name (its last word, then the whole name): right for most names;
/// a family name of two words ("van Dijk") sorts by its last.
fn by_last_name(name: &str) -> String {
    let lower = name.to_lowercase();
    let last = lower.split_whitespace().last().unwrap_or("");
    format!("{last}\u{0}{lower}")
}
