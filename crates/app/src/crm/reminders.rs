//! Reminders: a task of the signed-in person falling due, or a meeting about to start, is
//! reminded of once per due time — in the window (the UI asks every half minute) and by the
//! operating system's notifications. Snoozing moves the due time, so it comes again then. It all
//! works offline: the replica knows the tasks, this computer's clock the time.

use time::{Duration, OffsetDateTime};

use super::activities::{DayItem, items};
use crate::records::{Action, View};
use crate::{App, Result};

/// How far back a missed reminder is still shown (the app was closed when it fell due).
const MISSED: Duration = Duration::hours(12);
/// How long before a meeting starts it is reminded of.
const MEETING_LEAD: Duration = Duration::minutes(10);

impl App {
    /// The tasks and meetings to remind the signed-in person of now (each once per due time);
    /// the operating system is asked to show them too.
    pub fn due_reminders(&mut self) -> Result<Vec<DayItem>> {
        // The end-to-end tests' windows: a reminder popping up over a button would depend on
        // the time of day the test runs.
        if std::env::var_os("EVENTOS_NO_REMINDERS").is_some() {
            return Ok(Vec::new());
        }
        let due = self.due_reminders_at(OffsetDateTime::now_utc())?;
        for item in &due {
            crate::notify::show(&title(item), &body(item));
        }
        Ok(due)
    }

    /// [`App::due_reminders`] as of `now`, without the operating system's notifications.
    pub fn due_reminders_at(&mut self, now: OffsetDateTime) -> Result<Vec<DayItem>> {
        let view = View::of(self.store()?)?;
        view.permitted("crm_activities", Action::Read)?;
        let (_, me) = crate::organize::account_and_organizer(self.store()?)?;
        let stamp = |t: OffsetDateTime| eventos_model::timestamp::format(t);
        let (from, until, now_text) = (stamp(now - MISSED), stamp(now + MEETING_LEAD), stamp(now));
        // Tasks once due; meetings from MEETING_LEAD before. `now_text` is our own canonical
        // timestamp (digits, `-:.TZ`), safe in the statement.
        let condition =
            format!("done = 0 AND due > day_start AND due <= day_end AND (kind = 'meeting' OR due <= '{now_text}')");
        let candidates = items(&view, &me, &condition, "due", 50, (&from, &until))?;
        let pairs: Vec<(String, String)> =
            candidates.iter().filter_map(|i| Some((i.id.clone(), i.when.clone()?))).collect();
        let fresh = self.store_mut()?.take_reminders(&pairs, &now_text)?;
        Ok(candidates.into_iter().filter(|i| fresh.iter().any(|(id, _)| *id == i.id)).collect())
    }
}

fn title(item: &DayItem) -> String {
    match item.kind.as_str() {
        "meeting" => format!("Meeting soon: {}", item.subject),
        _ => format!("Task due: {}", item.subject),
    }
}

fn body(item: &DayItem) -> String {
    [item.company_name.as_deref(), item.contact_name.as_deref(), item.deal_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}
