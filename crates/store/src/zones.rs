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

/// Whether a zone of this name exists ("America/Toronto").
pub fn is_known(zone: &str) -> bool {
    jiff::tz::db().get(zone).is_ok()
}

/// Refuses a local write that names a zone that does not exist (a pulled row is the server's
/// and is kept as it is).
pub(crate) fn check(table: &str, row: &Row) -> Result<(), ValidationError> {
    for (_, column) in ZONE_COLUMNS.iter().filter(|(t, _)| *t == table) {
        if let Some(name) = row.get(*column).and_then(|v| v.as_str())
            && !is_known(name)
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

/// A wall-clock time in a zone ("2026-03-08T09:30" in "America/Toronto") as the instant it
/// names, canonical UTC. A time the clocks skip (a spring-forward gap) is refused, saying so; a
/// time that happens twice (the autumn fold) is the first of the two, as people mean it.
pub fn local_to_utc(local: &str, zone: &str, field: &str) -> Result<String, ValidationError> {
    let invalid = |message: String| ValidationError::new("events", field, message);
    let tz = jiff::tz::db().get(zone).map_err(|_| invalid(format!("'{zone}' is not a time zone")))?;
    let civil: jiff::civil::DateTime =
        local.trim().parse().map_err(|_| invalid(format!("'{local}' is not a date and time like 2026-03-08T09:30")))?;
    let ambiguous = tz.to_ambiguous_timestamp(civil);
    if let jiff::tz::AmbiguousOffset::Gap { .. } = ambiguous.offset() {
        return Err(invalid(format!(
            "{} does not exist in {zone}: the clocks go forward then; choose another time",
            civil.strftime("%Y-%m-%d %H:%M")
        )));
    }
    let instant = ambiguous.earlier().map_err(|e| invalid(e.to_string()))?;
    Ok(instant.strftime("%Y-%m-%dT%H:%M:%S.%6fZ").to_string())
}

/// Today on this computer's calendar (`2026-12-07`): a payment or close date typed here.
pub fn local_today() -> String {
    let now = eventos_model::timestamp::now();
    let local = utc_to_local(&now, local_zone()).unwrap_or(now);
    local[..10].to_owned()
}

/// A canonical UTC timestamp as the wall-clock time in `zone` ("2026-03-08T09:30").
pub fn utc_to_local(utc: &str, zone: &str) -> Option<String> {
    let tz = jiff::tz::db().get(zone).ok()?;
    let instant: jiff::Timestamp = utc.parse().ok()?;
    Some(instant.to_zoned(tz).strftime("%Y-%m-%dT%H:%M").to_string())
}

/// Moves an instant by the wall-clock distance from `from_local` to `to_local` in `zone` (a
/// session at 09:00 the day after the start stays at 09:00 the day after the new start, across
/// a daylight-saving change too). None if a value cannot be read.
pub fn shift_wall_clock(utc: &str, zone: &str, from_local: &str, to_local: &str) -> Option<String> {
    let tz = jiff::tz::db().get(zone).ok()?;
    let from: jiff::civil::DateTime = from_local.parse().ok()?;
    let to: jiff::civil::DateTime = to_local.parse().ok()?;
    let by = from.until(to).ok()?;
    let instant: jiff::Timestamp = utc.parse().ok()?;
    let moved = instant.to_zoned(tz.clone()).datetime().checked_add(by).ok()?;
    let shifted = tz.to_ambiguous_timestamp(moved).compatible().ok()?;
    Some(shifted.strftime("%Y-%m-%dT%H:%M:%S.%6fZ").to_string())
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

    #[test]
    fn wall_clock_times_across_daylight_saving_changes() {
        let toronto = "America/Toronto";
        assert_eq!(local_to_utc("2026-07-01T09:00", toronto, "start_at").unwrap(), "2026-07-01T13:00:00.000000Z");
        assert_eq!(local_to_utc("2026-12-01T09:00", toronto, "start_at").unwrap(), "2026-12-01T14:00:00.000000Z");
        // 8 March 2026, 02:00 → 03:00: 02:30 never happens.
        let gap = local_to_utc("2026-03-08T02:30", toronto, "start_at").unwrap_err();
        assert_eq!(gap.field, "start_at");
        assert!(gap.message.contains("clocks go forward"), "{}", gap.message);
        // 1 November 2026, 02:00 → 01:00: 01:30 happens twice; the first (still EDT) is meant.
        assert_eq!(local_to_utc("2026-11-01T01:30", toronto, "start_at").unwrap(), "2026-11-01T05:30:00.000000Z");
        // A nine-hour event over the spring change lasts eight hours of wall clock.
        let start = local_to_utc("2026-03-07T22:00", toronto, "start_at").unwrap();
        assert_eq!(utc_to_local(&start, toronto).as_deref(), Some("2026-03-07T22:00"));
        assert_eq!(utc_to_local("2026-03-08T08:00:00.000000Z", toronto).as_deref(), Some("2026-03-08T04:00"));
        assert_eq!(utc_to_local("2026-03-08T08:00:00.000000Z", "Asia/Kolkata").as_deref(), Some("2026-03-08T13:30"));
        assert!(local_to_utc("next tuesday", toronto, "start_at").unwrap_err().message.contains("not a date"));
        assert!(local_to_utc("2026-03-08T09:30", "Nowhere/City", "start_at").is_err());

        // A week later, across the spring change: 09:00 stays 09:00 on the wall clock.
        let session = local_to_utc("2026-03-02T09:00", toronto, "start_time").unwrap();
        let moved = shift_wall_clock(&session, toronto, "2026-03-01T08:00", "2026-03-08T08:00").unwrap();
        assert_eq!(utc_to_local(&moved, toronto).as_deref(), Some("2026-03-09T09:00"));
        assert_eq!(moved, "2026-03-09T13:00:00.000000Z", "EDT now: an hour less from UTC");
    }
}
