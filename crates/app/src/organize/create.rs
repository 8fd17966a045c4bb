//! Creating an event in one step.

use eventos_store::zones::local_to_utc;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::{account_and_organizer, zone_of_venue};
use crate::events::EventDetail;
use crate::records::Action;
use crate::{App, AppError, ErrorCode, Result, row};

/// Where the event takes place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VenueChoice {
    /// Online, or not decided yet: times are in this computer's zone.
    None,
    Existing {
        id: String,
    },
    /// A venue made with the event (its zone: the one given, else this computer's).
    New {
        name: String,
        address: Option<String>,
        city: Option<String>,
        timezone: Option<String>,
    },
}

/// What the "New event" form sends. Times are wall-clock times in the venue's zone
/// (`2026-03-08T09:30`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventDraft {
    pub name: String,
    /// conference, seminar, workshop or networking.
    pub kind: String,
    pub venue: VenueChoice,
    pub starts: String,
    pub ends: String,
    pub capacity: i64,
    pub price_cents: i64,
    /// public or private.
    pub visibility: String,
    pub description: Option<String>,
}

impl App {
    /// Creates the event as a draft (and its venue, if new) in one transaction; errors name
    /// the field (`name`, `start_at`, `end_at`, `capacity`, `venues.timezone` …).
    pub fn create_event(&mut self, draft: &EventDraft) -> Result<EventDetail> {
        self.permitted("events", Action::Create)?;
        if matches!(draft.venue, VenueChoice::New { .. }) {
            self.permitted("venues", Action::Create)?;
        }
        if draft.name.trim().is_empty() {
            return Err(AppError::new(ErrorCode::Invalid, "an event needs a name").on_field("name"));
        }
        let store = self.store_mut()?;
        let (account, organizer) = account_and_organizer(store)?;
        let existing = match &draft.venue {
            VenueChoice::Existing { id } => Some(store.get("venues", id)?.ok_or_else(|| {
                AppError::new(ErrorCode::NotFound, format!("there is no venue with id {id}")).on_field("venue_id")
            })?),
            _ => None,
        };
        let zone = match &draft.venue {
            VenueChoice::New { timezone: Some(zone), .. } if !zone.trim().is_empty() => zone.trim().to_owned(),
            _ => zone_of_venue(existing.as_ref()),
        };
        if !eventos_store::zones::is_known(&zone) {
            let message = format!("'{zone}' is not a time zone (use a name like Europe/Lisbon or America/Toronto)");
            return Err(AppError::new(ErrorCode::Invalid, message).on_field("timezone"));
        }
        let start = local_to_utc(&draft.starts, &zone, "start_at").map_err(eventos_store::StoreError::from)?;
        let end = local_to_utc(&draft.ends, &zone, "end_at").map_err(eventos_store::StoreError::from)?;
        let id = store.write(|w| {
            let venue_id = match &draft.venue {
                VenueChoice::None => None,
                VenueChoice::Existing { id } => Some(id.clone()),
                VenueChoice::New { name, address, city, .. } => Some(w.insert(
                    "venues",
                    row(json!({"account_id": account, "name": name.trim(), "address": address, "city": city,
                        "timezone": zone})),
                )?),
            };
            w.insert(
                "events",
                row(json!({"account_id": account, "organizer_id": organizer, "venue_id": venue_id,
                    "name": draft.name.trim(), "type": draft.kind, "description": draft.description,
                    "start_at": start, "end_at": end, "capacity": draft.capacity, "price_cents": draft.price_cents,
                    "status": "draft", "visibility": draft.visibility})),
            )
        })?;
        self.edited();
        self.event(&id)
    }
}
