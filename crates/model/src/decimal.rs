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

#[cfg(test)]
mod tests {
    use super::normalize;

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
