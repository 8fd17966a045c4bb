//! The organizer's event workflows a table cannot carry: creating an event in one step (its
//! venue chosen or made on the way, its times typed in the venue's time zone), moving it
//! through draft → published → completed or cancelled, and duplicating it with its programme.

mod analytics;
mod budget;
mod create;
mod duplicate;
mod programme;
mod status;
mod steps;

use eventos_store::{Row, Store};

pub use analytics::{
    Comment, Count, DaySales, EventAnalytics, QuarterHour, Ratings, SessionAttendance, SessionRatings,
};
pub use budget::{Budget, CategoryTotals, ExpenseLine, Roi, StatusTotals};
pub use create::{EventDraft, VenueChoice};
pub use programme::{
    MaterialLine, Programme, ProgrammeDay, ProgrammeSession, Room, SpeakerLine, SponsorLine, SponsorTier, Warning,
    WarningKind,
};
pub use status::StatusPlan;
pub use steps::Step;

use crate::records::View;
use crate::{App, AppError, ErrorCode, Reads, Result};

impl App {
    pub fn programme(&self, event: &str) -> Result<Programme> {
        programme::programme(&View::of(self.store()?)?, event)
    }

    pub fn budget(&self, event: &str) -> Result<Budget> {
        budget::budget(&View::of(self.store()?)?, event)
    }

    pub fn event_analytics(&self, event: &str) -> Result<EventAnalytics> {
        analytics::event_analytics(&View::of(self.store()?)?, event)
    }
}

/// The same reads off the App's lock, for the shell.
impl Reads {
    pub fn programme(&self, event: &str) -> Result<Programme> {
        self.with(|view| programme::programme(view, event))
    }

    pub fn budget(&self, event: &str) -> Result<Budget> {
        self.with(|view| budget::budget(view, event))
    }

    pub fn event_analytics(&self, event: &str) -> Result<EventAnalytics> {
        self.with(|view| analytics::event_analytics(view, event))
    }
}

/// The account new events belong to, and the person organizing them: the signed-in person in
/// a connected workspace, the account's owner in one never connected.
pub(crate) fn account_and_organizer(store: &Store) -> Result<(String, String)> {
    let user = store.sync_connection()?.map(|c| c.user_id);
    let sql = "SELECT account_id, user_id FROM account_users WHERE status = 'active' \
               AND (?1 IS NULL AND role = 'owner' OR user_id = ?1) ORDER BY account_id LIMIT 1";
    store.connection().prepare(sql)?.query_map([user], |r| Ok((r.get(0)?, r.get(1)?)))?.next().transpose()?.ok_or_else(
        || {
            AppError::new(
                ErrorCode::Invalid,
                "this workspace has no account to hold events yet: connect it to your organisation first",
            )
        },
    )
}

/// The zone of an event's venue (this computer's when it has none).
pub(crate) fn event_zone(store: &Store, event: &Row) -> Result<String> {
    let venue = match event.get("venue_id").and_then(|v| v.as_str()) {
        Some(id) => store.get("venues", id)?,
        None => None,
    };
    Ok(zone_of_venue(venue.as_ref()))
}

/// The time zone an event's times are typed and shown in: its venue's, else this computer's.
fn zone_of_venue(venue: Option<&Row>) -> String {
    venue
        .and_then(|v| v.get("timezone"))
        .and_then(|z| z.as_str())
        .filter(|z| !z.is_empty())
        .map_or_else(|| eventos_store::zones::local_zone().to_owned(), str::to_owned)
}
