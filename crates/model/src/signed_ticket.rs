//! Signed ticket codes: a QR payload a door can trust without having the ticket in its replica
//! (sold on another laptop after the door's last sync).
//!
//! `EOS1.<body>.<signature>`, both base64url without padding. The body is the ticket id (16
//! bytes), the event id (16 bytes), the ticket number (19 ASCII bytes, `TKT-B1111111-251013`)
//! and the holder's name (UTF-8, at most [`HOLDER_MAX`] bytes, may be empty) so the door can greet
//! them. The signature is Ed25519 over [`DOMAIN`] followed by the body, made with the event's
//! private key (kept only on organizer machines); the public key travels with the event row
//! (`events.ticket_public_key`, base64url).
//!
//! Anything else scanned is a plain code (the seed's random `qr_code`, or a typed ticket
//! number), looked up as it is.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use uuid::Uuid;

pub const PREFIX: &str = "EOS1.";
/// Signed in front of every body, so a signature made for anything else never verifies here.
pub const DOMAIN: &[u8] = b"eventos-ticket-v1\0";
/// The longest holder name a code carries (bytes); longer names are cut at a character.
pub const HOLDER_MAX: usize = 48;
/// Longer than any code we make: anything past it is not a ticket, and is not parsed.
pub const PAYLOAD_MAX: usize = 512;

const NUMBER_LEN: usize = 19;

/// What a signed code says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketClaim {
    pub ticket_id: Uuid,
    pub event_id: Uuid,
    pub ticket_number: String,
    pub holder: String,
}

/// Why a scanned text is not a valid signed ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignedTicketError {
    /// Not in the format at all (or cut, or garbage inside a valid-looking frame).
    #[error("not an EventOS ticket code")]
    Malformed,
    /// Well formed, but the signature is not the event key's (tampered, or another key).
    #[error("the ticket's signature does not match the event's key")]
    BadSignature,
    /// The event's public key on this computer is not a key.
    #[error("the event's ticket key is damaged")]
    BadKey,
}

/// A signed code, parsed but not yet verified: read [`SignedCode::event_id`] to find the key,
/// then [`SignedCode::verify`].
#[derive(Debug, Clone)]
pub struct SignedCode {
    body: Vec<u8>,
    signature: Signature,
    claim: TicketClaim,
}

/// What a scanned or typed text is, by its shape alone (nothing looked up yet).
#[derive(Debug, Clone)]
pub enum Scanned {
    /// `EOS1.…`, parsed; verify it with the event's key.
    Signed(SignedCode),
    /// The seed's random `qr_code`: base64, 16 to 88 characters.
    QrCode(String),
    /// A ticket number, as a wedge scanner or a person types it (any letter case).
    TicketNumber(String),
    /// Anything else: random bytes, a cut code, a 10 KB string, SQL, a URL.
    NotATicket,
}

/// Sorts a scanned text by its shape. Surrounding whitespace (a scanner's line end) is ignored.
pub fn classify(text: &str) -> Scanned {
    let text = text.trim();
    if text.is_empty() || text.len() > PAYLOAD_MAX {
        return Scanned::NotATicket;
    }
    if is_signed(text) {
        return SignedCode::parse(text).map_or(Scanned::NotATicket, Scanned::Signed);
    }
    let upper = text.to_ascii_uppercase();
    if is_ticket_number(&upper) {
        return Scanned::TicketNumber(upper);
    }
    let base64 = text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
    if base64 && (16..=88).contains(&text.len()) {
        return Scanned::QrCode(text.to_owned());
    }
    Scanned::NotATicket
}

/// Whether `text` claims to be a signed code (it may still be malformed).
pub fn is_signed(text: &str) -> bool {
    text.starts_with(PREFIX)
}

impl SignedCode {
    pub fn parse(text: &str) -> Result<SignedCode, SignedTicketError> {
        use SignedTicketError::Malformed;
        if text.len() > PAYLOAD_MAX {
            return Err(Malformed);
        }
        let rest = text.strip_prefix(PREFIX).ok_or(Malformed)?;
        let (body, signature) = rest.split_once('.').ok_or(Malformed)?;
        let body = B64.decode(body).map_err(|_| Malformed)?;
        let signature: [u8; 64] = B64.decode(signature).map_err(|_| Malformed)?.try_into().map_err(|_| Malformed)?;
        let claim = parse_body(&body).ok_or(Malformed)?;
        Ok(SignedCode { body, signature: Signature::from_bytes(&signature), claim })
    }

    /// The event the code claims to be for (whose key verifies it).
    pub fn event_id(&self) -> Uuid {
        self.claim.event_id
    }

    /// The claim, if the event's public key (base64url) signed it.
    pub fn verify(self, public_key: &str) -> Result<TicketClaim, SignedTicketError> {
        let key = decode_public_key(public_key)?;
        key.verify_strict(&signed_message(&self.body), &self.signature).map_err(|_| SignedTicketError::BadSignature)?;
        Ok(self.claim)
    }
}

/// An event's signing key pair.
pub struct TicketKey(SigningKey);

impl TicketKey {
    /// A new key from the operating system's random source.
    pub fn generate() -> TicketKey {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).expect("the OS random source is available");
        TicketKey(SigningKey::from_bytes(&secret))
    }

    /// The key [`TicketKey::secret_text`] wrote.
    pub fn from_secret_text(text: &str) -> Result<TicketKey, SignedTicketError> {
        let secret: [u8; 32] =
            B64.decode(text.trim()).ok().and_then(|b| b.try_into().ok()).ok_or(SignedTicketError::BadKey)?;
        Ok(TicketKey(SigningKey::from_bytes(&secret)))
    }

    /// The private half, base64url: for the keychain only.
    pub fn secret_text(&self) -> String {
        B64.encode(self.0.to_bytes())
    }

    /// The public half, base64url: `events.ticket_public_key`.
    pub fn public_text(&self) -> String {
        B64.encode(self.0.verifying_key().to_bytes())
    }

    /// The QR payload for a ticket. The holder's name is cut to [`HOLDER_MAX`] bytes.
    pub fn sign(&self, claim: &TicketClaim) -> String {
        let body = encode_body(claim);
        self.sign_body(&body)
    }

    /// Signs any bytes as a body: for tests of what a door does with a valid signature over
    /// something that is not a ticket.
    pub fn sign_body(&self, body: &[u8]) -> String {
        let signature = self.0.sign(&signed_message(body));
        format!("{PREFIX}{}.{}", B64.encode(body), B64.encode(signature.to_bytes()))
    }
}

fn decode_public_key(text: &str) -> Result<VerifyingKey, SignedTicketError> {
    let bytes: [u8; 32] =
        B64.decode(text.trim()).ok().and_then(|b| b.try_into().ok()).ok_or(SignedTicketError::BadKey)?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| SignedTicketError::BadKey)
}

fn signed_message(body: &[u8]) -> Vec<u8> {
    [DOMAIN, body].concat()
}

fn encode_body(claim: &TicketClaim) -> Vec<u8> {
    let mut body = Vec::with_capacity(32 + NUMBER_LEN + HOLDER_MAX);
    body.extend_from_slice(claim.ticket_id.as_bytes());
    body.extend_from_slice(claim.event_id.as_bytes());
    body.extend_from_slice(claim.ticket_number.as_bytes());
    body.extend_from_slice(cut(clean_holder(&claim.holder).as_str(), HOLDER_MAX).as_bytes());
    body
}

/// Strict: a body is exactly two ids, a ticket number that belongs to the first id, and a
/// printable name. Anything else (even validly signed) is not a ticket.
fn parse_body(body: &[u8]) -> Option<TicketClaim> {
    if body.len() < 32 + NUMBER_LEN || body.len() > 32 + NUMBER_LEN + HOLDER_MAX {
        return None;
    }
    let ticket_id = Uuid::from_slice(&body[..16]).ok()?;
    let event_id = Uuid::from_slice(&body[16..32]).ok()?;
    let ticket_number = std::str::from_utf8(&body[32..32 + NUMBER_LEN]).ok()?;
    let holder = std::str::from_utf8(&body[32 + NUMBER_LEN..]).ok()?;
    if !number_belongs_to(ticket_number, ticket_id) || holder.chars().any(char::is_control) {
        return None;
    }
    Some(TicketClaim { ticket_id, event_id, ticket_number: ticket_number.to_owned(), holder: holder.to_owned() })
}

/// `TKT-{first 8 hex of the id, upper case}-{YYMMDD}` (see [`crate::codes::ticket_number`]).
fn number_belongs_to(number: &str, id: Uuid) -> bool {
    is_ticket_number(number) && number[4..12] == id.simple().to_string()[..8].to_ascii_uppercase()
}

/// `TKT-` 8 upper-case hex digits `-` 6 digits.
fn is_ticket_number(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == NUMBER_LEN
        && text.starts_with("TKT-")
        && b[4..12].iter().all(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(c))
        && b[12] == b'-'
        && b[13..].iter().all(u8::is_ascii_digit)
}

fn clean_holder(name: &str) -> String {
    name.chars().filter(|c| !c.is_control()).collect()
}

fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim() -> TicketClaim {
        let ticket_id = Uuid::parse_str("b1111111-1111-4111-8111-111111111111").unwrap();
        TicketClaim {
            ticket_id,
            event_id: Uuid::parse_str("e1111111-1111-4111-8111-111111111111").unwrap(),
            ticket_number: "TKT-B1111111-251013".into(),
            holder: "Zoë Tremblay".into(),
        }
    }

    #[test]
    fn a_signed_code_verifies_with_its_event_key_only() {
        let key = TicketKey::generate();
        let code = key.sign(&claim());
        assert!(is_signed(&code) && code.len() < 200, "{code}");
        let parsed = SignedCode::parse(&code).unwrap();
        assert_eq!(parsed.event_id(), claim().event_id);
        assert_eq!(parsed.verify(&key.public_text()).unwrap(), claim());
        let other = TicketKey::generate();
        assert_eq!(
            SignedCode::parse(&code).unwrap().verify(&other.public_text()),
            Err(SignedTicketError::BadSignature)
        );
        assert_eq!(SignedCode::parse(&code).unwrap().verify("not a key"), Err(SignedTicketError::BadKey));
    }

    #[test]
    fn a_changed_claim_fails_the_signature() {
        let key = TicketKey::generate();
        let code = key.sign(&claim());
        let (_, signature) = code.rsplit_once('.').unwrap();
        let mut forged = claim();
        forged.holder = "Someone Else".into();
        let forged_body = B64.encode(encode_body(&forged));
        let tampered = format!("{PREFIX}{forged_body}.{signature}");
        assert_eq!(
            SignedCode::parse(&tampered).unwrap().verify(&key.public_text()),
            Err(SignedTicketError::BadSignature)
        );
    }

    #[test]
    fn garbage_is_malformed_even_when_validly_signed() {
        let key = TicketKey::generate();
        for text in ["", "EOS1.", "EOS1.abc", "EOS1.abc.def", "EOS1.!!!.???", &"EOS1.".repeat(200)] {
            assert_eq!(SignedCode::parse(text).err(), Some(SignedTicketError::Malformed), "{text:?}");
        }
        assert!(SignedCode::parse(&key.sign_body(b"'; DROP TABLE tickets; --")).is_err());
        let mut body = encode_body(&claim());
        body[33 + 4] = b'Z'; // the number no longer belongs to the id
        assert!(SignedCode::parse(&key.sign_body(&body)).is_err());
    }

    #[test]
    fn scanned_texts_are_sorted_by_shape() {
        assert!(matches!(classify(" tkt-b1111111-251013\n"), Scanned::TicketNumber(n) if n == "TKT-B1111111-251013"));
        let qr = crate::codes::qr_code_from_bytes([7; 32]);
        assert!(matches!(classify(&qr), Scanned::QrCode(c) if c == qr));
        let signed = TicketKey::generate().sign(&claim());
        assert!(matches!(classify(&signed), Scanned::Signed(_)));
        for junk in [
            "",
            "   ",
            "' OR 1=1; --",
            "https://example.com/t/1",
            "\u{0}\u{1}\u{2}",
            &"A".repeat(10_000),
            "EOS1.garbage",
        ] {
            assert!(matches!(classify(junk), Scanned::NotATicket), "{junk:?}");
        }
    }

    #[test]
    fn long_names_are_cut_at_a_character() {
        let mut long = claim();
        long.holder = "é".repeat(40);
        let key = TicketKey::generate();
        let read = SignedCode::parse(&key.sign(&long)).unwrap().verify(&key.public_text()).unwrap();
        assert_eq!(read.holder, "é".repeat(HOLDER_MAX / 2));
        let back = TicketKey::from_secret_text(&key.secret_text()).unwrap();
        assert_eq!(back.public_text(), key.public_text());
    }
}
