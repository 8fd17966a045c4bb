//! Supabase Storage's object API, for the calls the desktop client makes: upload
//! (`POST /storage/v1/object/<bucket>/<key>`), download (`GET …/object/<bucket>/<key>` and
//! `…/object/authenticated/<bucket>/<key>`) and delete (`DELETE …/object/<bucket>` with
//! `{"prefixes": [...]}`). As the real service does, each runs the caller's own statement on
//! `storage.objects` with the JWT's role and claims, so the project's policies decide; the bytes
//! sit beside it in `storage.emulator_blobs` (S3's part). Errors have the service's legacy
//! shape: HTTP 400 with `{"statusCode": "404", "error": …, "message": …}`.

use serde_json::{Value, json};

use crate::errors::Reply;
use crate::filters::percent_decode;
use crate::request::{HttpRequest, Identity, begin, identify};
use crate::server::{State, unix_now};

/// A Storage error: its own status code travels in the body, the HTTP status is 400.
struct StorageError {
    status: &'static str,
    error: &'static str,
    message: String,
}

impl StorageError {
    fn new(status: &'static str, error: &'static str, message: impl Into<String>) -> StorageError {
        StorageError { status, error, message: message.into() }
    }

    fn not_found() -> StorageError {
        StorageError::new("404", "not_found", "Object not found")
    }

    fn reply(self) -> Reply {
        Reply::json(400, json!({"statusCode": self.status, "error": self.error, "message": self.message}).to_string())
    }

    fn from_pg(e: &postgres::Error) -> StorageError {
        match e.as_db_error() {
            Some(db) if db.code().code() == "23505" => {
                StorageError::new("409", "Duplicate", "The resource already exists")
            }
            Some(db) if db.code().code() == "42501" => StorageError::new("403", "Unauthorized", db.message()),
            Some(db) => StorageError::new("500", "internal", db.message()),
            None => StorageError::new("500", "internal", e.to_string()),
        }
    }
}

impl From<postgres::Error> for StorageError {
    fn from(e: postgres::Error) -> StorageError {
        StorageError::from_pg(&e)
    }
}

/// Runs `work` in one transaction as the caller (the JWT's role and claims): commit on success,
/// rollback on any error. `SET LOCAL ROLE NONE` inside it turns back to `authenticator`.
fn as_caller<T>(
    state: &State,
    req: &HttpRequest,
    identity: &Identity,
    read_only: bool,
    work: impl FnOnce(&mut postgres::Transaction<'_>) -> Result<T, StorageError>,
) -> Result<T, StorageError> {
    let mut client = state.rest_pool.get()?;
    let mut tx = begin(&mut client, read_only, identity, req, "")?;
    let out = work(&mut tx)?;
    tx.commit()?;
    Ok(out)
}

pub fn handle(state: &State, req: &HttpRequest, path: &str) -> Reply {
    route(state, req, path).unwrap_or_else(StorageError::reply)
}

fn route(state: &State, req: &HttpRequest, path: &str) -> Result<Reply, StorageError> {
    // Storage wants a bearer token on every call (the anon key for the anonymous role).
    if req.header("authorization").is_none() {
        return Err(StorageError::new("403", "Unauthorized", "headers must have required property 'authorization'"));
    }
    let identity = identify(req, state.jwt_secret.as_bytes(), unix_now())
        .map_err(|_| StorageError::new("403", "Unauthorized", "jwt expired"))?;
    let rest = path.strip_prefix("/object/").ok_or_else(|| StorageError::new("404", "not_found", "Route not found"))?;
    let rest = rest.strip_prefix("authenticated/").filter(|_| req.method == "GET").unwrap_or(rest);
    let (bucket, key) = match rest.split_once('/') {
        Some((bucket, key)) => (bucket.to_owned(), decode_key(key)),
        None => (rest.to_owned(), String::new()),
    };
    match (req.method.as_str(), key.is_empty()) {
        ("POST", false) => upload(state, req, &identity, &bucket, &key),
        ("GET", false) => download(state, req, &identity, &bucket, &key),
        ("DELETE", true) => {
            let prefixes = serde_json::from_slice::<Value>(&req.body)
                .ok()
                .and_then(|v| v.get("prefixes").and_then(Value::as_array).cloned())
                .ok_or_else(|| {
                    StorageError::new("400", "Invalid JSON", "body must have required property 'prefixes'")
                })?;
            let names: Vec<String> = prefixes.iter().filter_map(Value::as_str).map(str::to_owned).collect();
            delete(state, req, &identity, &bucket, &names)
        }
        ("DELETE", false) => delete(state, req, &identity, &bucket, &[key]),
        _ => Err(StorageError::new("404", "not_found", "Route not found")),
    }
}

/// A key as sent in the URL: percent-decoded (a `+` is itself in a path).
fn decode_key(key: &str) -> String {
    percent_decode(&key.replace('+', "%2B"))
}

/// The service's own rule for object keys (storage-api `isValidKey`).
fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || "_/!-.*'() &$@=;:+,?".contains(c))
        && !key.split('/').any(|part| part == "." || part == "..")
}

/// The bucket's size limit, read as the service reads buckets: past row-level security.
fn bucket_limit(state: &State, bucket: &str) -> Result<Option<i64>, StorageError> {
    let mut admin = state.admin_pool.get()?;
    let row = admin
        .query_opt("SELECT file_size_limit FROM storage.buckets WHERE id = $1", &[&bucket])?
        .ok_or_else(|| StorageError::new("404", "Bucket not found", "Bucket not found"))?;
    Ok(row.get(0))
}

fn upload(
    state: &State,
    req: &HttpRequest,
    identity: &Identity,
    bucket: &str,
    key: &str,
) -> Result<Reply, StorageError> {
    if !valid_key(key) {
        return Err(StorageError::new("400", "InvalidKey", format!("Invalid key: {key}")));
    }
    if req.header("x-upsert") == Some("true") {
        return Err(StorageError::new("501", "not_implemented", "upsert is not supported by the Supabase emulator"));
    }
    let size = i64::try_from(req.body.len()).unwrap_or(i64::MAX);
    if bucket_limit(state, bucket)?.is_some_and(|limit| size > limit) {
        return Err(StorageError::new("413", "Payload too large", "The object exceeded the maximum allowed size"));
    }
    let mimetype = req.header("content-type").unwrap_or("application/octet-stream").to_owned();
    let owner = owner(identity);
    let metadata = json!({"mimetype": mimetype, "size": size, "contentLength": size, "cacheControl": "max-age=3600"});
    let id = as_caller(state, req, identity, false, |tx| {
        let id: String = tx
            .query_one(
                "INSERT INTO storage.objects (bucket_id, name, owner, owner_id, metadata)
                 VALUES ($1, $2, $3::text::uuid, $3, $4::text::jsonb) RETURNING id::text",
                &[&bucket, &key, &owner, &metadata.to_string()],
            )?
            .get(0);
        tx.batch_execute("SET LOCAL ROLE NONE")?;
        tx.execute(
            "INSERT INTO storage.emulator_blobs (object_id, data) VALUES ($1::text::uuid, $2)",
            &[&id, &req.body],
        )?;
        Ok(id)
    })?;
    Ok(Reply::json(200, json!({"Key": format!("{bucket}/{key}"), "Id": id}).to_string()))
}

fn download(
    state: &State,
    req: &HttpRequest,
    identity: &Identity,
    bucket: &str,
    key: &str,
) -> Result<Reply, StorageError> {
    let (mimetype, data) = as_caller(state, req, identity, true, |tx| {
        let row = tx
            .query_opt(
                "SELECT id::text, coalesce(metadata->>'mimetype', 'application/octet-stream') FROM storage.objects
                 WHERE bucket_id = $1 AND name = $2",
                &[&bucket, &key],
            )?
            .ok_or_else(StorageError::not_found)?;
        let (id, mimetype): (String, String) = (row.get(0), row.get(1));
        tx.batch_execute("SET LOCAL ROLE NONE")?;
        let data: Vec<u8> = tx
            .query_opt("SELECT data FROM storage.emulator_blobs WHERE object_id = $1::text::uuid", &[&id])?
            .ok_or_else(StorageError::not_found)?
            .get(0);
        Ok((mimetype, data))
    })?;
    let mut reply = Reply::empty(200).header("Content-Type", mimetype);
    reply.body = data;
    Ok(reply)
}

fn delete(
    state: &State,
    req: &HttpRequest,
    identity: &Identity,
    bucket: &str,
    names: &[String],
) -> Result<Reply, StorageError> {
    let deleted: Vec<Value> = as_caller(state, req, identity, false, |tx| {
        Ok(tx
            .query(
                "DELETE FROM storage.objects WHERE bucket_id = $1 AND name = ANY ($2)
                 RETURNING json_build_object('bucket_id', bucket_id, 'name', name, 'id', id, 'metadata', metadata)::text",
                &[&bucket, &names],
            )?
            .iter()
            .filter_map(|row| serde_json::from_str(row.get::<_, &str>(0)).ok())
            .collect())
    })?;
    Ok(Reply::json(200, Value::Array(deleted).to_string()))
}

/// The caller's user id (`sub`), which Storage records as the object's owner.
fn owner(identity: &Identity) -> Option<String> {
    serde_json::from_str::<Value>(&identity.claims_json)
        .ok()
        .and_then(|claims| claims.get("sub").and_then(Value::as_str).map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::{decode_key, valid_key};

    #[test]
    fn keys_follow_the_services_rule() {
        assert!(valid_key("a1/b2/Contract_v2.pdf"));
        assert!(!valid_key("a1/b2/Vertrag-Müller.pdf"));
        assert!(!valid_key("a1/../secret"));
        assert!(!valid_key(""));
        assert_eq!(decode_key("a/b%20c+d.pdf"), "a/b c+d.pdf");
    }
}
