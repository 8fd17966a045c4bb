//! Time zones by IANA name (`venues.timezone`): the computer's own for a new venue, and a
//! check that a zone typed in exists, with the tz database built into the app (a machine
//! without tzdata, or Windows, still knows every zone).

use std::sync::OnceLock;

use eventos_model::ValidationError;

use crate::Row;

/// The columns that hold a zone name.
const ZONE_COLUMNS: [(&str, &str); 1] = [("venues", "timezone")];

/// This computer's IANA zone ("Europe/Lisbon"), or "UTC" when it has none by name.
pub fn local_zone() -> &'static str {
    static ZONE: OnceLock<String> = OnceLock::new();
    ZONE.get_or_init(|| jiff::tz::TimeZone::system().iana_name().unwrap_or("UTC").to_owned())
}

/// Refuses a local write that names a zone that does not exist (a pulled row is the server's
/// and is kept as it is).
pub(crate) fn check(table: &str, row: &Row) -> Result<(), ValidationError> {
    for (_, column) in ZONE_COLUMNS.iter().filter(|(t, _)| *t == table) {
        if let Some(name) = row.get(*column).and_then(|v| v.as_str())
            && jiff::tz::db().get(name).is_err()
        {
            return Err(ValidationError::new(
                table,
                column,
                format!("'{name}' is not a time zone (use a name like Europe/Lisbon or America/Toronto)"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_zones_pass_and_others_are_refused_naming_the_field() {
        let row = |zone: &str| serde_json::json!({"timezone": zone}).as_object().cloned().unwrap_or_default();
        assert!(check("venues", &row("America/Toronto")).is_ok());
        assert!(check("venues", &row("UTC")).is_ok());
        let err = check("venues", &row("Mars/Olympus")).unwrap_err();
        assert_eq!(err.field, "timezone");
        assert!(check("events", &row("Mars/Olympus")).is_ok(), "only zone columns are checked");
        assert!(jiff::tz::db().get(local_zone()).is_ok(), "the computer's zone is a known one");
    }
}
