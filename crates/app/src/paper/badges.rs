//! Name badges of an event's attendees with a valid ticket, on a layout.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{EVENT_LIMIT, EventWords, PdfJob, safe_name};
use crate::{App, AppError, ErrorCode, Result};

/// A badge layout, as the screens offer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BadgeLayoutInfo {
    pub name: String,
    pub label: String,
    /// Badges a page (1: a thermal printer's).
    pub per_page: u32,
}

/// Every badge layout.
pub fn badge_layouts() -> Vec<BadgeLayoutInfo> {
    eventos_print::LAYOUTS
        .iter()
        .map(|l| BadgeLayoutInfo { name: l.name.into(), label: l.label_text.into(), per_page: l.cols * l.rows })
        .collect()
}

/// Which badges to print: an event's attendees with a valid ticket, all of them or only some.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BadgesOf {
    /// The event's id or slug.
    pub event: String,
    /// Only these attendees (ids); all when none.
    #[serde(default)]
    pub attendees: Option<Vec<String>>,
    /// Only the holder of this ticket (its number): the badge of someone just admitted.
    #[serde(default)]
    pub ticket: Option<String>,
    /// A layout's name (`eventos_print::LAYOUTS`).
    pub layout: String,
}

impl App {
    /// Name badges of an event's attendees with a valid ticket, sorted by name, on a layout:
    /// the name, their company where a CRM contact has their email, their ticket's type, and
    /// the ticket's code (signed where this computer holds the event's key). Read now, drawn by
    /// the caller.
    pub fn badges_job(&self, of: &BadgesOf) -> Result<PdfJob> {
        let layout = eventos_print::BadgeLayout::named(&of.layout).ok_or_else(|| {
            let names: Vec<&str> = eventos_print::LAYOUTS.iter().map(|l| l.name).collect();
            let message = format!("there is no badge layout '{}': use one of {}", of.layout, names.join(", "));
            AppError::new(ErrorCode::Invalid, message).on_field("layout")
        })?;
        let store = self.store()?;
        let event_id = store.event_stats(&of.event)?.event_id;
        let event = EventWords::of(&self.event(&event_id)?);
        let mut tickets = store.tickets_of_event(&event_id, EVENT_LIMIT)?;
        tickets.retain(|t| !t.order_refunded && t.attendee_id.is_some());
        if let Some(only) = &of.attendees {
            tickets.retain(|t| t.attendee_id.as_ref().is_some_and(|a| only.contains(a)));
        }
        if let Some(number) = &of.ticket {
            tickets.retain(|t| t.ticket_number.eq_ignore_ascii_case(number.trim()));
        }
        let companies = companies_by_email(store.connection(), &event_id)?;
        let codes = self.codes_of(&event_id, tickets.clone())?;
        let mut people: Vec<eventos_print::Badge> = tickets
            .iter()
            .zip(codes)
            .map(|(t, code)| eventos_print::Badge {
                name: t.attendee_name.clone().unwrap_or_default(),
                company: t.attendee_email.as_ref().and_then(|e| companies.get(&e.to_lowercase()).cloned()),
                role: Some("General admission".into()),
                code: Some(code.payload),
            })
            .collect();
        people.sort_by_cached_key(|b| (b.name.to_lowercase(), b.code.clone()));
        let file_name = format!("Badges {}.pdf", safe_name(&event.name));
        let title = format!("Badges of {}", event.name);
        Ok(PdfJob::new(self, file_name, move |progress| {
            eventos_print::badges(&title, &event.name, &people, layout, progress)
        }))
    }
}

/// The CRM company of each of the event's attendees whose email is a contact's (lower case).
fn companies_by_email(
    db: eventos_store::Reader<'_>,
    event_id: &str,
) -> Result<std::collections::HashMap<String, String>> {
    let sql = "SELECT lower(a.email), min(o.company_name) FROM attendees a \
               JOIN crm_contacts c ON lower(c.email) = lower(a.email) \
               JOIN crm_organizers o ON o.id = c.organizer_id \
               WHERE a.event_id = ?1 GROUP BY lower(a.email)";
    let mut stmt = db.prepare(sql)?;
    let rows = stmt.query_map([event_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
