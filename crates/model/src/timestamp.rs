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
    if is_canonical(text) {
        return Some(text.to_owned());
    }
    parse(text).map(format)
}

/// Whether `text` is already a valid canonical timestamp (the common case for rows the app or
/// the server wrote): checked by hand, since parsing and re-formatting every value of a
/// 100k-row bulk load is measurable.
fn is_canonical(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 27 {
        return false;
    }
    let shape_ok = b.iter().enumerate().all(|(i, &c)| match i {
        4 | 7 => c == b'-',
        10 => c == b'T',
        13 | 16 => c == b':',
        19 => c == b'.',
        26 => c == b'Z',
        _ => c.is_ascii_digit(),
    });
    if !shape_ok {
        return false;
    }
    let num = |from: usize, to: usize| b[from..to].iter().fold(0u32, |n, &c| n * 10 + u32::from(c - b'0'));
    let (year, month, day) = (num(0, 4) as i32, num(5, 7), num(8, 10));
    let Ok(month) = time::Month::try_from(month as u8) else { return false };
    day >= 1
        && day <= u32::from(time::util::days_in_month(month, year))
        && num(11, 13) < 24
        && num(14, 16) < 60
        && num(17, 19) < 60
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
    fn canonical_text_is_kept_and_impossible_dates_refused() {
        assert_eq!(normalize("2024-02-29T23:59:59.999999Z").as_deref(), Some("2024-02-29T23:59:59.999999Z"));
        assert_eq!(normalize("2025-02-29T00:00:00.000000Z"), None);
        assert_eq!(normalize("2025-13-01T00:00:00.000000Z"), None);
        assert_eq!(normalize("2025-01-01T24:00:00.000000Z"), None);
        assert_eq!(normalize("2025-01-01T00:00:60.000000Z"), None);
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
