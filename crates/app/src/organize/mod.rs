//! The organizer's event workflows a table cannot carry: creating an event in one step (its
//! venue chosen or made on the way, its times typed in the venue's time zone), moving it
//! through draft → published → completed or cancelled, and duplicating it with its programme.

mod create;
mod duplicate;
mod status;

use eventos_store::{Row, Store};

pub use create::{EventDraft, VenueChoice};
pub use status::StatusPlan;

use crate::{AppError, ErrorCode, Result};

/// The account new events belong to, and the person organizing them: the signed-in person in
/// a connected workspace, the account's owner in one never connected.
fn account_and_organizer(store: &Store) -> Result<(String, String)> {
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

/// The time zone an event's times are typed and shown in: its venue's, else this computer's.
fn zone_of_venue(venue: Option<&Row>) -> String {
    venue
        .and_then(|v| v.get("timezone"))
        .and_then(|z| z.as_str())
        .filter(|z| !z.is_empty())
        .map_or_else(|| eventos_store::zones::local_zone().to_owned(), str::to_owned)
}
