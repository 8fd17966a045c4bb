//! A company's primary contact: exactly one (seed 004's unique index). Making a contact primary
//! unsets the one before in the same transaction, so the company is never without one or with
//! two; setting the flag directly on a second contact is refused, naming the field.

use eventos_store::Row;
use serde_json::json;

use crate::records::Action;
use crate::{App, AppError, ErrorCode, Result, row, text};

impl App {
    /// Makes the contact its company's primary contact, in place of the one before.
    pub fn make_primary_contact(&mut self, contact_id: &str) -> Result<Row> {
        self.permitted("crm_contacts", Action::Update)?;
        let store = self.store()?;
        let contact = store.get("crm_contacts", contact_id)?.ok_or_else(|| {
            AppError::new(ErrorCode::NotFound, format!("there is no contact {contact_id} on this computer"))
        })?;
        let company = text(&contact, "organizer_id");
        let sql = "SELECT id FROM crm_contacts WHERE organizer_id = ?1 AND is_primary = 1 AND id <> ?2";
        let before: Vec<String> = store
            .connection()
            .prepare(sql)?
            .query_map([&company, &contact_id.to_owned()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // Checked as any edit would be (a sales rep's own company), before anything is written.
        for id in before.iter().map(String::as_str).chain([contact_id]) {
            let current = self.store()?.get("crm_contacts", id)?.unwrap_or_default();
            let mut after = current.clone();
            after.insert("is_primary".into(), json!(id == contact_id));
            crate::records::own_rows_check(self, "crm_contacts", &current, &mut after)?;
        }
        self.store_mut()?.write(|w| {
            for id in &before {
                w.update("crm_contacts", id, row(json!({"is_primary": false})))?;
            }
            w.update("crm_contacts", contact_id, row(json!({"is_primary": true})))
        })?;
        self.edited();
        self.store()?
            .get("crm_contacts", contact_id)?
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, "the contact is gone"))
    }
}
