//! Timestamps in the replica: RFC 3339, UTC, exactly six fractional digits and a `Z`
//! (`2025-06-15T13:00:00.000000Z`), so that text order is time order.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, UtcOffset};

const CANONICAL: &[time::format_description::BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");
const DATE: &[time::format_description::BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");

/// Formats an instant in the replica's canonical form.
pub fn format(at: OffsetDateTime) -> String {
    at.to_offset(UtcOffset::UTC).format(CANONICAL).expect("a UTC instant always formats")
}

/// Parses any RFC 3339 timestamp (any offset, any precision).
pub fn parse(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339).ok()
}

/// Re-writes any RFC 3339 timestamp in the canonical form, or `None` if it is not one.
pub fn normalize(text: &str) -> Option<String> {
    parse(text).map(format)
}

/// The current instant in canonical form.
pub fn now() -> String {
    format(OffsetDateTime::now_utc())
}

pub fn format_date(date: Date) -> String {
    date.format(DATE).expect("a date always formats")
}

pub fn parse_date(text: &str) -> Option<Date> {
    Date::parse(text, DATE).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_offsets_and_precision_to_utc_micros() {
        assert_eq!(normalize("2025-06-15T09:00:00-04:00").as_deref(), Some("2025-06-15T13:00:00.000000Z"));
        assert_eq!(normalize("2025-06-15T13:00:00.1234567Z").as_deref(), Some("2025-06-15T13:00:00.123456Z"));
        assert_eq!(normalize("2025-06-15 13:00"), None);
        assert_eq!(normalize("yesterday"), None);
    }

    #[test]
    fn canonical_text_sorts_as_time() {
        let a = normalize("2025-06-15T09:00:00.5-04:00").unwrap();
        let b = normalize("2025-06-15T13:00:01Z").unwrap();
        assert!(a < b, "{a} < {b}");
    }

    #[test]
    fn dates_round_trip() {
        assert_eq!(parse_date("2025-02-28").map(format_date).as_deref(), Some("2025-02-28"));
        assert_eq!(parse_date("2025-02-30"), None);
    }
}
