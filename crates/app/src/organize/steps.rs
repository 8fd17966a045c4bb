//! Status steps of the rows that follow a workflow: an expense is approved or rejected, then
//! paid; an announcement is scheduled, sent or cancelled; a company is archived or restored. A step writes the status with what
//! goes with it (who approved and when, the payment date, when it was sent) in one update, so
//! a generic record page offers the step and nothing is forgotten.

use serde::Serialize;
use serde_json::{Map, Value, json};
use ts_rs::TS;

use super::account_and_organizer;
use crate::records::Action;
use crate::{App, AppError, ErrorCode, Result, row, text};

/// A step a row may take from its current status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Step {
    /// The status it moves to.
    pub to: String,
    /// The button's words ("Approve", "Mark paid").
    pub label: String,
    /// What the step writes besides the status, in words.
    pub effect: String,
}

/// (table, from, to, button, effect): every step a workflow table allows.
const STEPS: &[(&str, &str, &str, &str, &str)] = &[
    ("event_expenses", "pending", "approved", "Approve", "records you as approver, now"),
    ("event_expenses", "pending", "rejected", "Reject", "records you as the one who rejected it, now"),
    ("event_expenses", "approved", "paid", "Mark paid", "records today as the payment date"),
    ("event_expenses", "rejected", "pending", "Reopen", "clears the approval"),
    ("event_announcements", "draft", "scheduled", "Schedule", "needs a time in the future to send it"),
    ("event_announcements", "draft", "sent", "Publish now", "records now as the time it was sent"),
    ("event_announcements", "scheduled", "sent", "Publish now", "records now as the time it was sent"),
    ("event_announcements", "scheduled", "draft", "Back to draft", "keeps the scheduled time"),
    ("event_announcements", "draft", "cancelled", "Cancel", "nothing is sent"),
    ("event_announcements", "scheduled", "cancelled", "Cancel", "nothing is sent"),
    ("crm_organizers", "active", "archived", "Archive", "keeps its contacts, deals and history"),
    ("crm_organizers", "inactive", "archived", "Archive", "keeps its contacts, deals and history"),
    ("crm_organizers", "prospect", "archived", "Archive", "keeps its contacts, deals and history"),
    ("crm_organizers", "archived", "active", "Restore", "back among the active companies"),
];

/// The status a row of a workflow table starts in when none is stored.
fn first_status(table: &str) -> &'static str {
    match table {
        "event_expenses" => "pending",
        "crm_organizers" => "active",
        _ => "draft",
    }
}

/// The steps `table` allows from `from` (none for a table without a workflow).
pub fn steps_from(table: &str, from: &str) -> Vec<Step> {
    STEPS
        .iter()
        .filter(|(t, f, ..)| *t == table && *f == from)
        .map(|(_, _, to, label, effect)| Step { to: (*to).into(), label: (*label).into(), effect: (*effect).into() })
        .collect()
}

impl App {
    /// The steps the row may take now, as the signed-in role may take them.
    pub fn record_steps(&self, table: &str, id: &str) -> Result<Vec<Step>> {
        let table = self.permitted(table, Action::Read)?;
        let store = self.store()?;
        let current = store.get(table.name, id)?.ok_or_else(|| not_found(id))?;
        if self.permitted(table.name, Action::Update).is_err() {
            return Ok(Vec::new());
        }
        Ok(steps_from(table.name, &status_of(table.name, &current)))
    }

    /// Moves the row to `to`, writing what the step writes; refuses a step the workflow does
    /// not have, naming the field.
    pub fn step_record(&mut self, table: &str, id: &str, to: &str) -> Result<eventos_store::Row> {
        let table = self.permitted(table, Action::Update)?;
        let store = self.store()?;
        let current = store.get(table.name, id)?.ok_or_else(|| not_found(id))?;
        let from = status_of(table.name, &current);
        if !steps_from(table.name, &from).iter().any(|s| s.to == to) {
            let allowed: Vec<String> = steps_from(table.name, &from).into_iter().map(|s| s.to).collect();
            let message = match allowed.is_empty() {
                true => format!("a {from} row does not move any more"),
                false => format!("from {from} it can become {}, not {to}", allowed.join(" or ")),
            };
            return Err(AppError::new(ErrorCode::Invalid, message).on_field("status"));
        }
        let now = eventos_model::timestamp::now();
        let mut patch: Map<String, Value> = row(json!({"status": to}));
        match (table.name, to) {
            ("event_expenses", "approved" | "rejected") => {
                let (_, person) = account_and_organizer(store)?;
                patch.extend(row(json!({"approved_by": person, "approved_at": now})));
            }
            ("event_expenses", "paid") => {
                // Today on this computer's calendar (a payment is made where the organizer is).
                patch.insert("payment_date".into(), Value::from(eventos_store::zones::local_today()));
            }
            ("event_expenses", "pending") => {
                patch.extend(row(json!({"approved_by": null, "approved_at": null})));
            }
            ("event_announcements", "scheduled") => {
                let at = text(&current, "scheduled_for");
                if at.is_empty() || at <= now {
                    let message = "give the time to send it (in the future) before scheduling";
                    return Err(AppError::new(ErrorCode::Invalid, message).on_field("scheduled_for"));
                }
            }
            ("event_announcements", "sent") => {
                patch.insert("sent_at".into(), Value::from(now));
            }
            _ => {}
        }
        self.update_record(table.name, id, patch)
    }
}

fn status_of(table: &str, row: &eventos_store::Row) -> String {
    Some(text(row, "status")).filter(|s| !s.is_empty()).unwrap_or_else(|| first_status(table).to_owned())
}

fn not_found(id: &str) -> AppError {
    AppError::new(ErrorCode::NotFound, format!("there is no row {id} on this computer"))
}
