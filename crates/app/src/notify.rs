//! The operating system's desktop notifications (freedesktop on Linux, Notification Center on
//! macOS, toasts on Windows). Best effort: a computer without a notification service still has
//! the window's own reminder, so a failure is only logged.
//!
//! Where the platform lets a notification carry buttons (freedesktop, Windows), a reminder's
//! has Done (tasks) and Snooze 15 min; the answer is kept in [`Answers`] and done by the App at
//! its next look for reminders (the UI asks every half minute), so a notification's thread never
//! holds the App.

use std::sync::{Arc, Mutex, PoisonError};

/// What a person chose on a reminder's notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Done,
    /// Put off by [`SNOOZE_MINUTES`].
    Snooze,
}

/// How long a notification's Snooze puts a reminder off.
pub const SNOOZE_MINUTES: i64 = 15;

/// Answers given on notifications, by activity id, waiting for the App.
#[derive(Debug, Clone, Default)]
pub struct Answers(Arc<Mutex<Vec<(String, Answer)>>>);

impl Answers {
    /// A person answered the notification of this activity.
    pub fn give(&self, activity_id: &str, answer: Answer) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).push((activity_id.to_owned(), answer));
    }

    /// The answers given since the last look.
    pub(crate) fn take(&self) -> Vec<(String, Answer)> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// A reminder's notification, on a thread of its own (the service may be slow to answer, and
/// the thread waits for the person's answer).
pub(crate) fn show(title: &str, body: &str, activity_id: &str, task: bool, answers: &Answers) {
    let (title, body, id, answers) = (title.to_owned(), body.to_owned(), activity_id.to_owned(), answers.clone());
    let _ = std::thread::Builder::new().name("eventos-notify".into()).spawn(move || {
        let mut notification = notify_rust::Notification::new();
        notification.appname("EventOS").summary(&title).body(&body);
        #[cfg(any(target_os = "windows", all(unix, not(target_os = "macos"))))]
        {
            if task {
                notification.action("done", "Done");
            }
            notification.action("snooze", "Snooze 15 min");
        }
        match notification.show() {
            #[cfg(any(target_os = "windows", all(unix, not(target_os = "macos"))))]
            Ok(handle) => handle.wait_for_action(|action| match action {
                "done" => answers.give(&id, Answer::Done),
                "snooze" => answers.give(&id, Answer::Snooze),
                _ => {} // closed, or the notification itself clicked
            }),
            #[cfg(not(any(target_os = "windows", all(unix, not(target_os = "macos")))))]
            Ok(_) => {
                let _ = (task, &id, &answers);
            }
            Err(e) => eprintln!("eventos: no desktop notification ({e})"),
        }
    });
}
