//! The codes seed 003's triggers generate, made the same way offline so a row created on a
//! laptop without network carries its final code from the start (the server keeps a code the
//! client already set). The server-side triggers implement exactly these rules.

use base64::Engine as _;
use time::Date;
use uuid::Uuid;

/// The longest name part of a slug; the id prefix keeps slugs unique regardless.
const SLUG_NAME_MAX: usize = 60;

/// `{name-slug}-{first 8 hex of id}`: ASCII letters and digits of the name, lowercased, every
/// other run of characters one `-`, no leading or trailing `-`, at most 60 characters.
/// `"AI Summit 2025"` with id `e1111111-…` gives `ai-summit-2025-e1111111`. A name with no ASCII
/// letter or digit gives just the id prefix.
pub fn event_slug(name: &str, id: Uuid) -> String {
    let mut slug = String::with_capacity(name.len().min(SLUG_NAME_MAX) + 9);
    let mut pending_dash = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
            if slug.len() >= SLUG_NAME_MAX {
                break;
            }
        } else {
            pending_dash = true;
        }
    }
    let prefix = id_prefix(id);
    if slug.is_empty() { prefix } else { format!("{slug}-{prefix}") }
}

/// `ORD-{YYYYMMDD}-{first 8 hex of id}`, dated by the order's creation (UTC):
/// `ORD-20251013-01111111`.
pub fn order_number(id: Uuid, created: Date) -> String {
    format!("ORD-{:04}{:02}{:02}-{}", created.year(), u8::from(created.month()), created.day(), id_prefix(id))
}

/// `TKT-{first 8 HEX of id}-{YYMMDD}`, dated by the ticket's creation (UTC):
/// `TKT-B1111111-251013`.
pub fn ticket_number(id: Uuid, created: Date) -> String {
    format!(
        "TKT-{}-{:02}{:02}{:02}",
        id_prefix(id).to_ascii_uppercase(),
        created.year().rem_euclid(100),
        u8::from(created.month()),
        created.day()
    )
}

/// A ticket's `qr_code`: 32 bytes, standard base64 with padding (44 characters).
pub fn qr_code_from_bytes(bytes: [u8; 32]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A fresh random `qr_code` from the operating system's random source.
pub fn random_qr_code() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the OS random source is available");
    qr_code_from_bytes(bytes)
}

fn id_prefix(id: Uuid) -> String {
    let mut buf = Uuid::encode_buffer();
    id.hyphenated().encode_lower(&mut buf)[..8].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn id(s: &str) -> Uuid {
        Uuid::parse_str(s).unwrap()
    }

    #[test]
    fn seed_examples() {
        let event = id("e1111111-1111-4111-8111-111111111111");
        assert_eq!(event_slug("AI Summit 2025", event), "ai-summit-2025-e1111111");
        let order = id("01111111-1111-4111-8111-111111111111");
        assert_eq!(order_number(order, date!(2025 - 10 - 13)), "ORD-20251013-01111111");
        let ticket = id("b1111111-1111-4111-8111-111111111111");
        assert_eq!(ticket_number(ticket, date!(2025 - 10 - 13)), "TKT-B1111111-251013");
    }

    #[test]
    fn slug_collapses_punctuation_and_drops_non_ascii() {
        let e = id("abcdef12-0000-4000-8000-000000000000");
        assert_eq!(event_slug("  AI & Machine Learning -- Summit!! ", e), "ai-machine-learning-summit-abcdef12");
        assert_eq!(event_slug("Café Montréal", e), "caf-montr-al-abcdef12");
        assert_eq!(event_slug("東京", e), "abcdef12");
        let long = "x".repeat(200);
        assert_eq!(event_slug(&long, e).len(), SLUG_NAME_MAX + 9);
    }

    #[test]
    fn qr_codes_are_44_char_base64_and_differ() {
        let a = random_qr_code();
        let b = random_qr_code();
        assert_eq!(a.len(), 44);
        assert!(a.ends_with('='));
        assert_ne!(a, b);
        assert_eq!(qr_code_from_bytes([0; 32]), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    }
}
