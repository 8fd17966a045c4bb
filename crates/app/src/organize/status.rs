//! An event's life: draft → published → completed, or cancelled — saying first what a
//! cancellation does to the tickets sold.

use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::events::EventDetail;
use crate::records::Action;
use crate::{App, AppError, ErrorCode, Result, no_event, row};

/// What moving an event to another status would do, to show before asking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StatusPlan {
    pub from: String,
    pub to: String,
    /// Why it cannot move there, if it cannot.
    pub refused: Option<String>,
    /// Valid tickets not yet used: a cancellation cancels them (doors refuse them once synced).
    pub active_tickets: i64,
    /// Tickets already used: kept as they are.
    pub used_tickets: i64,
    /// In words, for the confirmation.
    pub consequence: String,
}

/// Why `from` → `to` is not a step an event takes (None when it is).
fn refusal(from: &str, to: &str, sold: i64) -> Option<String> {
    match (from, to) {
        (a, b) if a == b => Some(format!("the event is already {a}")),
        ("draft", "published" | "cancelled") | ("published", "completed" | "cancelled") => None,
        ("published", "draft") if sold == 0 => None,
        ("published", "draft") => Some(format!("{sold} tickets are sold: cancel the event instead")),
        ("cancelled" | "completed", _) => Some(format!("a {from} event stays {from}")),
        (_, "completed") => Some("only a published event can be completed".into()),
        _ => Some(format!("'{to}' is not a status (draft, published, completed, cancelled)")),
    }
}

impl App {
    pub fn status_plan(&self, event_id: &str, to: &str) -> Result<StatusPlan> {
        self.permitted("events", Action::Update)?;
        let store = self.store()?;
        let event = store.get("events", event_id)?.ok_or_else(|| no_event(event_id))?;
        let from = event["status"].as_str().unwrap_or_default().to_owned();
        let stats = store.event_stats(event_id)?;
        let refused = refusal(&from, to, stats.tickets_sold);
        let consequence = match to {
            "cancelled" if stats.tickets_active > 0 => format!(
                "{} tickets not yet used will be cancelled: every door refuses them once it has synced. \
                 Refunds are made order by order at the box office.",
                stats.tickets_active
            ),
            "cancelled" => "No valid tickets are affected.".into(),
            "published" => "The event goes on sale: the box office and the web can sell tickets.".into(),
            "completed" => "The event is over: nothing more is sold.".into(),
            _ => "The event is hidden from sale again.".into(),
        };
        Ok(StatusPlan {
            from,
            to: to.to_owned(),
            refused,
            active_tickets: stats.tickets_active,
            used_tickets: stats.tickets_used,
            consequence,
        })
    }

    /// Moves the event to `to`; a cancellation cancels its unused tickets in the same
    /// transaction, with the reason on each.
    pub fn set_event_status(&mut self, event_id: &str, to: &str) -> Result<EventDetail> {
        let plan = self.status_plan(event_id, to)?;
        if let Some(why) = plan.refused {
            return Err(
                AppError::new(ErrorCode::Invalid, format!("cannot make the event {to}: {why}")).on_field("status")
            );
        }
        self.store_mut()?.write(|w| {
            w.update("events", event_id, row(json!({"status": to})))?;
            if to == "cancelled" {
                for ticket in w.active_tickets(event_id)? {
                    let patch = json!({"status": "cancelled", "status_reason": "The event was cancelled"});
                    w.update("tickets", &ticket, row(patch))?;
                }
            }
            Ok(())
        })?;
        self.edited();
        self.move_waitlist(event_id)?;
        self.event(event_id)
    }
}

#[cfg(test)]
mod tests {
    use super::refusal;

    #[test]
    fn the_steps_an_event_takes() {
        assert_eq!(refusal("draft", "published", 0), None);
        assert_eq!(refusal("published", "completed", 5), None);
        assert_eq!(refusal("published", "cancelled", 5), None);
        assert_eq!(refusal("published", "draft", 0), None);
        assert!(refusal("published", "draft", 3).unwrap().contains("3 tickets are sold"));
        assert!(refusal("cancelled", "published", 0).unwrap().contains("stays cancelled"));
        assert!(refusal("draft", "completed", 0).is_some());
        assert!(refusal("draft", "archived", 0).unwrap().contains("not a status"));
        assert!(refusal("draft", "draft", 0).unwrap().contains("already"));
    }
}
