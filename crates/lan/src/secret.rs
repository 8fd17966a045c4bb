//! The secrets a connection is made with: the event's door key (any door of the event) and
//! pairing codes (one door letting one other in, where the network hides doors from each other).

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// A Noise pre-shared key: 32 bytes derived from a secret and what it is for.
#[derive(Clone, PartialEq, Eq)]
pub struct Psk([u8; 32]);

impl Psk {
    /// The key of an event's door exchange: its id and its door key (never the door key alone,
    /// so one secret cannot be replayed as another event's).
    pub fn for_event(event_id: &str, door_key: &str) -> Psk {
        Psk::derive(&["eventos door exchange v1", event_id, door_key])
    }

    fn for_pairing(secret: &str) -> Psk {
        Psk::derive(&["eventos door pairing v1", secret])
    }

    fn derive(parts: &[&str]) -> Psk {
        let mut hash = Sha256::new();
        for part in parts {
            // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
            hash.update((part.len() as u64).to_be_bytes());
            hash.update(part.as_bytes());
        }
        Psk(hash.finalize().into())
    }

    pub(crate) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for PairingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PairingCode({}, …)", self.address)
    }
}

impl std::fmt::Debug for Psk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Psk(…)")
    }
}

/// Crockford's base32: no I, L, O or U, so a code read aloud or typed is hard to get wrong.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// 10 characters: 50 bits. Enough for a code that lives minutes and is used once: guessing it
/// online means a connection per guess to a door that counts them.
const SECRET_LEN: usize = 10;
/// What a pairing code's QR starts with, so a door's scanner tells it from a ticket.
pub const QR_PREFIX: &str = "eventos-pair:";
/// How long a shown code lets someone in.
pub const PAIRING_LIFETIME: Duration = Duration::from_secs(10 * 60);

/// A code one door shows and another scans or types: where to connect and the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct PairingCode {
    pub address: SocketAddr,
    secret: String,
}

impl PairingCode {
    pub(crate) fn new(address: SocketAddr) -> Result<PairingCode> {
        let mut random = [0u8; SECRET_LEN];
        getrandom::fill(&mut random).map_err(|e| Error::Random(e.to_string()))?;
        let secret = random.iter().map(|b| char::from(ALPHABET[usize::from(b & 31)])).collect();
        Ok(PairingCode { address, secret })
    }

    /// What a person types: `192.168.1.20:47011 K7M2Q-9PX3D`.
    pub fn text(&self) -> String {
        let (a, b) = self.secret.split_at(SECRET_LEN / 2);
        format!("{} {a}-{b}", self.address)
    }

    /// What the QR holds: the same, prefixed so a door's scanner knows it is no ticket.
    pub fn qr_payload(&self) -> String {
        format!("{QR_PREFIX}{}", self.text().replace(' ', "/"))
    }

    /// Reads a code as typed or scanned: any case, spaces, dashes or a slash between the parts.
    pub fn parse(text: &str) -> Result<PairingCode> {
        let text = text.trim();
        let text = text.strip_prefix(QR_PREFIX).unwrap_or(text);
        let (address, secret) =
            text.split_once(['/', ' ']).ok_or(Error::BadCode("a pairing code is an address and a secret"))?;
        let address: SocketAddr = address
            .trim()
            .parse()
            .or_else(|_| address.trim().parse::<IpAddr>().map(|ip| SocketAddr::new(ip, crate::DEFAULT_PORT)))
            .map_err(|_| Error::BadCode("the code's address is not an IP address and port"))?;
        let secret: String = secret
            .chars()
            .filter(|c| !matches!(c, '-' | ' ' | '/'))
            .map(|c| match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            })
            .collect();
        if secret.len() != SECRET_LEN || !secret.bytes().all(|b| ALPHABET.contains(&b)) {
            return Err(Error::BadCode("the code's secret is 10 letters and digits"));
        }
        Ok(PairingCode { address, secret })
    }

    pub(crate) fn psk(&self) -> Psk {
        Psk::for_pairing(&self.secret)
    }
}

/// A code this door showed, until it is used or expires.
pub(crate) struct Shown {
    pub code: PairingCode,
    pub until: Instant,
}

impl Shown {
    pub(crate) fn valid(&self) -> bool {
        Instant::now() < self.until
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_as_typed_or_scanned() {
        let code = PairingCode::new("10.0.0.2:47011".parse().unwrap()).unwrap();
        assert_eq!(PairingCode::parse(&code.text()).unwrap(), code);
        assert_eq!(PairingCode::parse(&code.qr_payload()).unwrap(), code);
        let typed = code.text().to_lowercase().replace('-', " ");
        assert_eq!(PairingCode::parse(&format!("  {typed} ")).unwrap().psk(), code.psk());
    }

    #[test]
    fn bad_codes_say_what_is_wrong() {
        assert!(matches!(PairingCode::parse("hello"), Err(Error::BadCode(_))));
        assert!(matches!(PairingCode::parse("10.0.0.2:1 ABC"), Err(Error::BadCode(m)) if m.contains("10 letters")));
        assert!(matches!(PairingCode::parse("nowhere ABCDEFGHJK"), Err(Error::BadCode(m)) if m.contains("address")));
    }

    #[test]
    fn keys_differ_by_event_and_secret() {
        assert_ne!(Psk::for_event("a", "k"), Psk::for_event("b", "k"));
        assert_ne!(Psk::for_event("a", "k"), Psk::for_event("a", "k2"));
        assert_ne!(Psk::for_event("ab", "c"), Psk::for_event("a", "bc"));
    }
}
