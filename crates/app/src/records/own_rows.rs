//! The row-level half of the server's CRM policies, for sales reps (an account's managers and
//! members, as `*_rls.sql` calls them): they write only rows that are theirs — the companies
//! and deals assigned to them, the contacts of their companies, the activities, notes, documents
//! and templates they made — and cannot delete a company or an activity, nor change the
//! pipeline's stages. Checked here so the UI's refusal is immediate and names the field, rather
//! than a change coming back refused from the server after the next sync.

use eventos_store::{Row, Store};
use serde_json::Value;

use super::{Action, Role};
use crate::{AppError, ErrorCode, Result};

/// What makes a row of a CRM table a rep's own.
enum Mine {
    /// This field names the rep (filled with them on a new row that leaves it out).
    Field(&'static str),
    /// Its company (`organizer_id`) is assigned to the rep.
    CompanyOf,
    /// Nobody's: reps only read it.
    ReadOnly,
}

/// The rule of a table, and whether a rep may delete their own rows of it.
fn rule(table: &str) -> Option<(Mine, bool)> {
    Some(match table {
        "crm_organizers" => (Mine::Field("assigned_to"), false),
        "crm_opportunities" => (Mine::Field("assigned_to"), true),
        "crm_activities" => (Mine::Field("user_id"), false),
        "meeting_bookings" => (Mine::Field("host_id"), false),
        "crm_notes" | "crm_email_templates" => (Mine::Field("created_by"), true),
        "crm_documents" => (Mine::Field("uploaded_by"), true),
        "crm_contacts" => (Mine::CompanyOf, true),
        "crm_pipeline_stages" => (Mine::ReadOnly, false),
        _ => return None,
    })
}

/// Refuses a rep's write of a row that is not theirs: `before` the row as stored (update,
/// delete), `after` the row as it would be (create, update; a new row's own field is filled).
pub(crate) fn check(
    store: &Store,
    role: Role,
    table: &str,
    action: Action,
    before: Option<&Row>,
    after: Option<&mut Row>,
) -> Result<()> {
    let (Some((mine, deletes)), Role::Manager | Role::Member) = (rule(table), role) else { return Ok(()) };
    let Some(me) = store.sync_connection()?.map(|c| c.user_id) else { return Ok(()) };
    let refuse = |field: &str, why: &str| {
        Err(AppError::new(ErrorCode::Forbidden, format!("as a sales rep you {why}")).on_field(field))
    };
    match mine {
        Mine::ReadOnly => return refuse("id", "can read the pipeline's stages, not change them"),
        _ if action == Action::Delete && !deletes => {
            return refuse("id", "cannot delete these: ask an owner or an admin");
        }
        _ => {}
    }
    let names_me = |row: &Row, field: &str| row.get(field).and_then(Value::as_str) == Some(me.as_str());
    let company_mine = |row: &Row| -> Result<bool> {
        let Some(company) = row.get("organizer_id").and_then(Value::as_str) else { return Ok(false) };
        Ok(store.get("crm_organizers", company)?.is_some_and(|c| names_me(&c, "assigned_to")))
    };
    if let Some(before) = before {
        let ours = match mine {
            Mine::Field(field) => names_me(before, field),
            _ => company_mine(before)?,
        };
        if !ours {
            let field = if let Mine::Field(f) = mine { f } else { "organizer_id" };
            return refuse(field, "can change only your own records; this one is someone else's");
        }
    }
    if let Some(after) = after {
        match mine {
            Mine::Field(field) => {
                if action == Action::Create && after.get(field).is_none_or(Value::is_null) {
                    after.insert(field.into(), Value::from(me.clone()));
                }
                if !names_me(after, field) {
                    return refuse(field, "can only keep records that are yours: leave yourself here");
                }
            }
            _ if !company_mine(after)? => {
                return refuse("organizer_id", "can keep contacts only of the companies assigned to you");
            }
            _ => {}
        }
    }
    Ok(())
}
