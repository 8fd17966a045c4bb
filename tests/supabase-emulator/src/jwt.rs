//! HS256 JSON Web Tokens: encoding (GoTrue's access tokens, the CLI-style API keys) and the
//! checks PostgREST makes before it trusts a token.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Map, Value};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The header every token carries: `{"alg":"HS256","typ":"JWT"}` (the Supabase CLI's key order).
const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// PostgREST accepts `exp`, `nbf` and `iat` within 30 seconds of its clock.
pub const ALLOWED_SKEW_SECONDS: i64 = 30;

/// Signs `payload`, a JSON object already serialized (so the claims keep the order the caller
/// wrote them in, as Go's and the CLI's encoders do).
pub fn encode(secret: &[u8], payload: &str) -> String {
    let signing_input = format!("{}.{}", URL_SAFE_NO_PAD.encode(HEADER), URL_SAFE_NO_PAD.encode(payload));
    let signature = sign(secret, signing_input.as_bytes());
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

fn sign(secret: &[u8], input: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = HmacSha256::new_from_slice(secret).unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(input);
    mac.finalize().into_bytes().to_vec()
}

/// A verified token: its claims as an object and as the exact JSON text that was signed.
#[derive(Debug, Clone)]
pub struct Verified {
    pub claims: Map<String, Value>,
    pub claims_json: String,
}

/// Why a token was refused, with PostgREST's code and message for each case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JwtError {
    /// PGRST301: the token cannot be decoded or its signature does not match.
    Decode(&'static str),
    /// PGRST301 with a dynamic message (the number of parts).
    Parts(usize),
    /// PGRST303: the claims are not acceptable (expired, not yet valid, ...).
    Claims(&'static str),
}

impl JwtError {
    pub fn code(&self) -> &'static str {
        match self {
            JwtError::Decode(_) | JwtError::Parts(_) => "PGRST301",
            JwtError::Claims(_) => "PGRST303",
        }
    }

    pub fn message(&self) -> String {
        match self {
            JwtError::Decode(m) | JwtError::Claims(m) => (*m).to_owned(),
            JwtError::Parts(n) => format!("Expected 3 parts in JWT; got {n}"),
        }
    }
}

/// Checks a compact HS256 token as PostgREST does: three parts, an HS256 header, the signature,
/// then `exp`/`nbf`/`iat` against `now` (Unix seconds) with 30 seconds of skew.
pub fn verify(secret: &[u8], token: &str, now: i64) -> Result<Verified, JwtError> {
    if token.is_empty() {
        return Err(JwtError::Decode("Empty JWT is sent in Authorization header"));
    }
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return Err(JwtError::Parts(parts.len()));
    }
    let header = decode_json(parts[0]).ok_or(JwtError::Decode("JWT couldn't be decoded"))?;
    if header.get("alg").and_then(Value::as_str) != Some("HS256") {
        return Err(JwtError::Decode("Wrong or unsupported encoding algorithm"));
    }
    let signature = URL_SAFE_NO_PAD.decode(parts[2]).map_err(|_| JwtError::Decode("JWT couldn't be decoded"))?;
    let mut mac = HmacSha256::new_from_slice(secret).unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
    mac.verify_slice(&signature).map_err(|_| JwtError::Decode("JWT cryptographic operation failed"))?;

    let payload = URL_SAFE_NO_PAD.decode(parts[1]).map_err(|_| JwtError::Decode("JWT couldn't be decoded"))?;
    let claims_json = String::from_utf8(payload).map_err(|_| JwtError::Claims("Parsing claims failed"))?;
    let claims = match serde_json::from_str::<Value>(&claims_json) {
        Ok(Value::Object(map)) => map,
        _ => return Err(JwtError::Claims("Parsing claims failed")),
    };
    check_time_claims(&claims, now)?;
    Ok(Verified { claims, claims_json })
}

fn check_time_claims(claims: &Map<String, Value>, now: i64) -> Result<(), JwtError> {
    let number = |name: &str, message: &'static str| -> Result<Option<i64>, JwtError> {
        match claims.get(name) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_i64().or_else(|| n.as_f64().map(|f| f as i64))),
            Some(_) => Err(JwtError::Claims(message)),
        }
    };
    if let Some(exp) = number("exp", "The JWT 'exp' claim must be a number")?
        && now > exp + ALLOWED_SKEW_SECONDS
    {
        return Err(JwtError::Claims("JWT expired"));
    }
    if let Some(nbf) = number("nbf", "The JWT 'nbf' claim must be a number")?
        && now < nbf - ALLOWED_SKEW_SECONDS
    {
        return Err(JwtError::Claims("JWT not yet valid"));
    }
    if let Some(iat) = number("iat", "The JWT 'iat' claim must be a number")?
        && now + ALLOWED_SKEW_SECONDS < iat
    {
        return Err(JwtError::Claims("JWT issued at future"));
    }
    Ok(())
}

fn decode_json(part: &str) -> Option<Map<String, Value>> {
    let bytes = URL_SAFE_NO_PAD.decode(part).ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// Serializes `(key, value)` pairs as one JSON object, keeping their order.
pub fn ordered_object(fields: &[(&str, Value)]) -> String {
    let mut out = String::from("{");
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&Value::from(*key).to_string());
        out.push(':');
        out.push_str(&value.to_string());
    }
    out.push('}');
    out
}

/// An API key as the Supabase CLI makes them: `{"iss":"supabase-demo","role":ROLE,"exp":EXP}`.
pub fn api_key(secret: &[u8], role: &str) -> String {
    // The CLI's demo keys expire in 2032 (exp 1983812996).
    let payload = ordered_object(&[
        ("iss", Value::from("supabase-demo")),
        ("role", Value::from(role)),
        ("exp", Value::from(1_983_812_996_i64)),
    ]);
    encode(secret, &payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLI_SECRET: &[u8] = b"super-secret-jwt-token-with-at-least-32-characters-long";

    #[test]
    fn the_default_secret_gives_the_supabase_cli_demo_keys() {
        // The well-known keys `supabase start` prints with its default JWT secret.
        assert_eq!(
            api_key(CLI_SECRET, "anon"),
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0"
        );
        assert_eq!(
            api_key(CLI_SECRET, "service_role"),
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU"
        );
    }

    #[test]
    fn verify_accepts_its_own_tokens_and_returns_the_signed_claims() {
        let payload = r#"{"sub":"u1","role":"authenticated","exp":2000}"#;
        let token = encode(CLI_SECRET, payload);
        let verified = verify(CLI_SECRET, &token, 1000).unwrap();
        assert_eq!(verified.claims_json, payload);
        assert_eq!(verified.claims["role"], "authenticated");
    }

    #[test]
    fn verify_refuses_a_wrong_secret_a_tampered_payload_and_a_bad_shape() {
        let token = encode(CLI_SECRET, r#"{"role":"anon"}"#);
        assert_eq!(
            verify(b"another-secret-another-secret-another", &token, 0).unwrap_err(),
            JwtError::Decode("JWT cryptographic operation failed")
        );
        let parts: Vec<&str> = token.split('.').collect();
        let forged = format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(r#"{"role":"service_role"}"#), parts[2]);
        assert_eq!(verify(CLI_SECRET, &forged, 0).unwrap_err().code(), "PGRST301");
        assert_eq!(verify(CLI_SECRET, "abc", 0).unwrap_err().message(), "Expected 3 parts in JWT; got 1");
        assert_eq!(verify(CLI_SECRET, "", 0).unwrap_err().message(), "Empty JWT is sent in Authorization header");
        let none_alg = format!("{}.{}.", URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#), parts[1]);
        assert_eq!(
            verify(CLI_SECRET, &none_alg, 0).unwrap_err(),
            JwtError::Decode("Wrong or unsupported encoding algorithm")
        );
    }

    #[test]
    fn expiry_is_checked_with_postgrests_thirty_seconds_of_skew() {
        let token = encode(CLI_SECRET, r#"{"role":"authenticated","exp":1000}"#);
        assert!(verify(CLI_SECRET, &token, 1030).is_ok(), "within the skew");
        let err = verify(CLI_SECRET, &token, 1031).unwrap_err();
        assert_eq!((err.code(), err.message().as_str()), ("PGRST303", "JWT expired"));
        let future = encode(CLI_SECRET, r#"{"iat":2000}"#);
        assert_eq!(verify(CLI_SECRET, &future, 1000).unwrap_err().message(), "JWT issued at future");
        let bad = encode(CLI_SECRET, r#"{"exp":"soon"}"#);
        assert_eq!(verify(CLI_SECRET, &bad, 1000).unwrap_err().message(), "The JWT 'exp' claim must be a number");
    }

    #[test]
    fn ordered_object_keeps_the_given_order() {
        assert_eq!(ordered_object(&[("z", Value::from(1)), ("a", Value::from("x\""))]), r#"{"z":1,"a":"x\""}"#);
    }
}
