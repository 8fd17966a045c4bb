//! Supabase Storage: a file's upload, download and delete (`/storage/v1/object/…`), with
//! the user's token, so the bucket's policies on `storage.objects` decide. Storage answers most
//! errors with HTTP 400 and the real status inside the body (`{"statusCode": "404", …}`).

use std::time::Duration;

use eventos_sync::RemoteError;
use reqwest::blocking::Response;
use serde_json::Value;

use crate::Client;

/// A file may be large and the road's network slow: more than the 30 s a page gets.
const FILE_TIMEOUT: Duration = Duration::from_secs(600);

/// What a Storage call came to that its caller decides about (the rest are errors).
enum Answer {
    Ok(Response),
    /// The object is not there, or a policy hides it.
    NotFound,
    /// It was uploaded before (an upload whose answer was lost).
    Duplicate,
}

/// A response read from its HTTP status or the body's `statusCode`; `Expired`: refresh and try
/// again.
enum Read {
    Answer(Answer),
    Expired,
    Failed(RemoteError),
}

fn answer(response: Response) -> Read {
    let status = response.status().as_u16();
    if response.status().is_success() {
        return Read::Answer(Answer::Ok(response));
    }
    let body: Value = response.json().unwrap_or(Value::Null);
    let code = body["statusCode"].as_str().map_or(status.to_string(), str::to_owned);
    let message = body["message"].as_str().unwrap_or("no details").to_owned();
    let jwt = message.to_ascii_lowercase().contains("jwt") || body["error"] == "InvalidJWT";
    match code.as_str() {
        "404" => Read::Answer(Answer::NotFound),
        "409" => Read::Answer(Answer::Duplicate),
        "401" | "403" | "400" if jwt => Read::Expired,
        "401" => Read::Failed(RemoteError::Unauthorized(message)),
        "408" | "429" | "500" | "502" | "503" | "504" => {
            Read::Failed(RemoteError::Unreachable(format!("Storage {code}: {message}")))
        }
        _ => Read::Failed(RemoteError::Refused(format!("Storage {code}: {message}"))),
    }
}

/// A key's characters as a URL path: `/` kept, the rest of Storage's allowed set escaped.
fn encode_key(key: &str) -> String {
    key.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl Client {
    /// Sends a Storage request; an expired token is refreshed once and the request sent again.
    fn storage(
        &mut self,
        build: &dyn Fn(&reqwest::blocking::Client, &str) -> reqwest::blocking::RequestBuilder,
    ) -> Result<Answer, RemoteError> {
        for attempt in 0..2 {
            let response = self.authorized(build)?.timeout(FILE_TIMEOUT).send().map_err(|e| {
                RemoteError::Unreachable(if e.is_timeout() {
                    "the file transfer took too long".into()
                } else {
                    e.to_string()
                })
            })?;
            match answer(response) {
                Read::Answer(answer) => return Ok(answer),
                Read::Failed(e) => return Err(e),
                Read::Expired if attempt == 0 => self.refresh_for_remote()?,
                Read::Expired => break,
            }
        }
        Err(RemoteError::Unauthorized("the refreshed session was refused".into()))
    }

    /// Uploads a file; one uploaded before under the same key counts as done (keys are never
    /// reused for other bytes).
    pub fn upload_to(&mut self, bucket: &str, key: &str, bytes: &[u8], content_type: &str) -> Result<(), RemoteError> {
        let path = format!("/storage/v1/object/{bucket}/{}", encode_key(key));
        let body = bytes.to_vec();
        match self.storage(&|http, url| {
            http.post(format!("{url}{path}"))
                .header("Content-Type", content_type)
                .header("x-upsert", "false")
                .body(body.clone())
        })? {
            Answer::Ok(_) | Answer::Duplicate => Ok(()),
            Answer::NotFound => Err(RemoteError::Refused(format!("the project has no Storage bucket '{bucket}'"))),
        }
    }

    /// Downloads a file; `None` when it is not there (not uploaded yet) or not this user's to see.
    pub fn download_from(&mut self, bucket: &str, key: &str) -> Result<Option<Vec<u8>>, RemoteError> {
        let path = format!("/storage/v1/object/authenticated/{bucket}/{}", encode_key(key));
        match self.storage(&|http, url| http.get(format!("{url}{path}")))? {
            Answer::Ok(response) => response
                .bytes()
                .map(|b| Some(b.to_vec()))
                .map_err(|e| RemoteError::Unreachable(format!("the download broke off: {e}"))),
            Answer::NotFound => Ok(None),
            Answer::Duplicate => Err(RemoteError::Refused("Storage answered 409 to a download".into())),
        }
    }

    /// Removes a file; one not there (or not this user's to see) counts as removed.
    pub fn delete_from(&mut self, bucket: &str, key: &str) -> Result<(), RemoteError> {
        let path = format!("/storage/v1/object/{bucket}");
        let body = serde_json::json!({ "prefixes": [key] });
        match self.storage(&|http, url| http.delete(format!("{url}{path}")).json(&body))? {
            Answer::Ok(_) | Answer::NotFound => Ok(()),
            Answer::Duplicate => Err(RemoteError::Refused("Storage answered 409 to a delete".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::encode_key;

    #[test]
    fn keys_are_escaped_but_their_folders_kept() {
        assert_eq!(encode_key("a1/b2/Offer v2 (final).pdf"), "a1/b2/Offer%20v2%20%28final%29.pdf");
    }
}
