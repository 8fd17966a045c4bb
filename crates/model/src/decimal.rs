//! Exact decimals for `numeric(p, s)` columns, kept as text: money never goes through a float.

/// Re-writes a decimal with exactly `scale` fractional digits, checking that it fits
/// `numeric(precision, scale)`. Accepts an optional sign, digits, and an optional fraction.
/// Extra fractional digits are an error rather than silently rounded.
pub fn normalize(text: &str, precision: u8, scale: u8) -> Result<String, String> {
    let text = text.trim();
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (int_part, frac_part) = body.split_once('.').unwrap_or((body, ""));
    let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int_part.is_empty() && frac_part.is_empty() || !digits_ok(int_part) || !digits_ok(frac_part) {
        return Err(format!("`{text}` is not a decimal number"));
    }
    let frac = frac_part.trim_end_matches('0');
    if frac.len() > usize::from(scale) {
        return Err(format!("`{text}` has more than {scale} decimal places"));
    }
    let int = int_part.trim_start_matches('0');
    let max_int_digits = usize::from(precision - scale);
    if int.len() > max_int_digits {
        return Err(format!("`{text}` has more than {max_int_digits} digits before the point"));
    }
    let int = if int.is_empty() { "0" } else { int };
    let mut out = String::with_capacity(int.len() + usize::from(scale) + 2);
    let is_zero = int == "0" && frac.is_empty();
    if negative && !is_zero {
        out.push('-');
    }
    out.push_str(int);
    if scale > 0 {
        out.push('.');
        out.push_str(frac);
        out.extend(std::iter::repeat_n('0', usize::from(scale) - frac.len()));
    }
    Ok(out)
}

/// The sum of exact decimals with `scale` fractional digits (as [`normalize`] writes them), as
/// the same kind of text; `None` if one of them is not such a decimal.
pub fn sum<'a>(values: impl IntoIterator<Item = &'a str>, scale: u8) -> Option<String> {
    let mut total: i128 = 0;
    for value in values {
        total = total.checked_add(to_units(value, scale)?)?;
    }
    Some(from_units(total, scale))
}

/// An amount (`"1250.50"`, spaces around allowed) in cents; None when it is not one or does
/// not fit.
pub fn cents(amount: &str) -> Option<i64> {
    to_units(amount.trim(), 2).and_then(|units| i64::try_from(units).ok())
}

/// `"12.34"` at scale 2 → `1234`.
pub fn to_units(text: &str, scale: u8) -> Option<i128> {
    let (negative, body) = text.strip_prefix('-').map_or((false, text), |rest| (true, rest));
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if frac.len() > usize::from(scale) || int.is_empty() && frac.is_empty() {
        return None;
    }
    let digits = format!("{int}{frac:0<width$}", width = usize::from(scale));
    let units: i128 = digits.parse().ok()?;
    Some(if negative { -units } else { units })
}

fn from_units(units: i128, scale: u8) -> String {
    let sign = if units < 0 { "-" } else { "" };
    let digits = format!("{:0>width$}", units.unsigned_abs(), width = usize::from(scale) + 1);
    let (int, frac) = digits.split_at(digits.len() - usize::from(scale));
    if scale == 0 { format!("{sign}{int}") } else { format!("{sign}{int}.{frac}") }
}

#[cfg(test)]
mod tests {
    use super::{normalize, sum};

    #[test]
    fn sums_exactly() {
        assert_eq!(sum(["0.10", "0.20"], 2).unwrap(), "0.30");
        assert_eq!(sum(["12345678901.99", "0.01"], 2).unwrap(), "12345678902.00");
        assert_eq!(sum(["-5.25", "1.00"], 2).unwrap(), "-4.25");
        assert_eq!(sum([], 2).unwrap(), "0.00");
        assert_eq!(sum(["1.5"], 4).unwrap(), "1.5000");
        assert_eq!(sum(["abc"], 2), None);
    }

    #[test]
    fn pads_to_scale() {
        assert_eq!(normalize("12", 10, 2).unwrap(), "12.00");
        assert_eq!(normalize("12.5", 10, 2).unwrap(), "12.50");
        assert_eq!(normalize("0012.50", 10, 2).unwrap(), "12.50");
        assert_eq!(normalize(".5", 10, 2).unwrap(), "0.50");
        assert_eq!(normalize("-0.00", 10, 2).unwrap(), "0.00");
        assert_eq!(normalize("-3.1", 15, 4).unwrap(), "-3.1000");
    }

    #[test]
    fn rejects_what_does_not_fit() {
        assert!(normalize("1.234", 10, 2).is_err());
        assert!(normalize("123456789", 10, 2).is_err());
        assert!(normalize("1e5", 10, 2).is_err());
        assert!(normalize("", 10, 2).is_err());
        assert!(normalize(".", 10, 2).is_err());
        assert!(normalize("12,50", 10, 2).is_err());
    }
}
