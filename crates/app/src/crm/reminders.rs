//! Reminders: a task of the signed-in person falling due, or a meeting about to start, is
//! reminded of once per due time — in the window (the UI asks every half minute) and by the
//! operating system's notifications. Snoozing moves the due time, so it comes again then. It all
//! works offline: the replica knows the tasks, this computer's clock the time.

use time::{Duration, OffsetDateTime};

use serde::Serialize;
use ts_rs::TS;

use super::activities::{DayItem, items};
use crate::notify::{Answer, SNOOZE_MINUTES};
use crate::records::{Action, View};
use crate::{App, Result};

/// How far back a missed reminder is still shown (the app was closed when it fell due).
const MISSED: Duration = Duration::hours(12);
/// How long before a meeting starts it is reminded of.
const MEETING_LEAD: Duration = Duration::minutes(10);

/// What the window's reminders change now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Reminders {
    /// To remind of now.
    pub due: Vec<DayItem>,
    /// Reminders answered on their desktop notification (done or snoozed there) since the last
    /// look: the window's own for them go.
    pub answered: Vec<String>,
}

impl App {
    /// The tasks and meetings to remind the signed-in person of now (each once per due time);
    /// the operating system is asked to show them too. What was chosen on earlier notifications
    /// is done first.
    pub fn due_reminders(&mut self) -> Result<Reminders> {
        let now = OffsetDateTime::now_utc();
        let answered = self.do_notification_answers(now);
        // The end-to-end tests' windows: a reminder popping up over a button would depend on
        // the time of day the test runs.
        if std::env::var_os("EVENTOS_NO_REMINDERS").is_some() {
            return Ok(Reminders { due: Vec::new(), answered });
        }
        let due = self.due_reminders_at(now)?;
        for item in &due {
            crate::notify::show(&title(item), &body(item), &item.id, item.kind != "meeting", &self.answers);
        }
        Ok(Reminders { due, answered })
    }

    /// Where the desktop notifications' threads leave the person's answers.
    pub fn notification_answers(&self) -> crate::notify::Answers {
        self.answers.clone()
    }

    /// Does what was chosen on notifications (a task done, a reminder put off until `now` plus
    /// the snooze): the ids done. One that cannot be done (the task is gone, the write refused)
    /// is left to the window's own reminder, which still shows.
    pub fn do_notification_answers(&mut self, now: OffsetDateTime) -> Vec<String> {
        let mut done = Vec::new();
        for (id, answer) in self.answers.take() {
            let result = match answer {
                Answer::Done => self.complete_task(&id),
                Answer::Snooze => {
                    let until = eventos_model::timestamp::format(now + Duration::minutes(SNOOZE_MINUTES));
                    self.snooze_task(&id, &until)
                }
            };
            match result {
                Ok(_) => done.push(id),
                Err(e) => eprintln!("eventos: a notification's {answer:?} was not done ({})", e.message),
            }
        }
        done
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
