//! Responses, and the error bodies of the three services the emulator stands in for: the API
//! gateway (missing or wrong `apikey`), GoTrue and PostgREST (with its SQLSTATE → HTTP status map).

use std::ops::{Deref, DerefMut};

use serde_json::Value;

use crate::jwt::{JwtError, ordered_object};

/// One HTTP response.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

pub const JSON: &str = "application/json; charset=utf-8";

impl Reply {
    pub fn json(status: u16, body: String) -> Reply {
        Reply::typed(status, JSON, body)
    }

    /// A body of another media type (PostgREST's vendored JSON types).
    pub fn typed(status: u16, content_type: &str, body: String) -> Reply {
        Reply { status, headers: vec![("Content-Type".into(), content_type.into())], body: body.into_bytes() }
    }

    pub fn empty(status: u16) -> Reply {
        Reply { status, headers: Vec::new(), body: Vec::new() }
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Reply {
        self.headers.push((name.to_owned(), value.into()));
        self
    }
}

/// The API gateway's answer when no `apikey` header (or `?apikey=`) is sent.
pub fn missing_api_key() -> Reply {
    Reply::json(
        401,
        ordered_object(&[
            ("message", Value::from("No API key found in request")),
            ("hint", Value::from("No `apikey` request header or url param was found.")),
        ]),
    )
}

/// The API gateway's answer when the `apikey` is not the project's anon or service_role key.
pub fn invalid_api_key() -> Reply {
    Reply::json(
        401,
        ordered_object(&[
            ("message", Value::from("Invalid API key")),
            ("hint", Value::from("Double check your Supabase `anon` or `service_role` API key.")),
        ]),
    )
}

/// The gateway's answer for a path no route matches.
pub fn no_route() -> Reply {
    Reply::json(404, ordered_object(&[("message", Value::from("no Route matched with those values"))]))
}

/// A GoTrue error. Without `X-Supabase-Api-Version` GoTrue answers
/// `{"code":<status>,"error_code":..,"msg":..}`; from API version 2024-01-01 on (which
/// supabase-js sends) it answers `{"code":<error_code>,"message":..}` and echoes the version.
pub fn gotrue(status: u16, error_code: &str, msg: &str, api_version: Option<&str>) -> Reply {
    match api_version {
        Some(version) if version >= "2024-01-01" => {
            Reply::json(status, ordered_object(&[("code", Value::from(error_code)), ("message", Value::from(msg))]))
                .header("X-Supabase-Api-Version", "2024-01-01")
        }
        _ => Reply::json(
            status,
            ordered_object(&[
                ("code", Value::from(status)),
                ("error_code", Value::from(error_code)),
                ("msg", Value::from(msg)),
            ]),
        ),
    }
}

/// A PostgREST error: `{code, details, hint, message}` with its status and extra headers
/// (boxed, so `Result<_, ApiError>` stays small).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError(Box<ErrorBody>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorBody {
    pub status: u16,
    pub code: String,
    pub message: String,
    pub details: Option<String>,
    pub hint: Option<String>,
    pub headers: Vec<(String, String)>,
}

impl Deref for ApiError {
    type Target = ErrorBody;
    fn deref(&self) -> &ErrorBody {
        &self.0
    }
}

impl DerefMut for ApiError {
    fn deref_mut(&mut self) -> &mut ErrorBody {
        &mut self.0
    }
}

impl ApiError {
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> ApiError {
        ApiError(Box::new(ErrorBody {
            status,
            code: code.to_owned(),
            message: message.into(),
            details: None,
            hint: None,
            headers: Vec::new(),
        }))
    }

    pub fn details(mut self, details: impl Into<String>) -> ApiError {
        self.details = Some(details.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> ApiError {
        self.hint = Some(hint.into());
        self
    }

    /// PGRST100: a query parameter PostgREST cannot parse.
    pub fn query_param(message: impl Into<String>, details: impl Into<String>) -> ApiError {
        ApiError::new(400, "PGRST100", message).details(details)
    }

    /// PGRST102: the body is not the JSON PostgREST expects.
    pub fn invalid_body(message: impl Into<String>) -> ApiError {
        ApiError::new(400, "PGRST102", message)
    }

    /// PGRST127: something real PostgREST does that this emulator does not.
    pub fn not_implemented(details: impl Into<String>) -> ApiError {
        ApiError::new(400, "PGRST127", "Feature not implemented").details(details)
    }

    /// PGRST205: no such table or view in the exposed schema.
    pub fn table_not_found(table: &str) -> ApiError {
        ApiError::new(404, "PGRST205", format!("Could not find the table 'public.{table}' in the schema cache"))
    }

    /// PGRST204: a payload (or `columns`/`on_conflict`) key that is not a column.
    pub fn column_not_found(table: &str, column: &str) -> ApiError {
        ApiError::new(400, "PGRST204", format!("Could not find the '{column}' column of '{table}' in the schema cache"))
    }

    /// 42703 as PostgreSQL words it for a filter, order or select on an unknown column.
    pub fn undefined_column(table: &str, column: &str) -> ApiError {
        ApiError::new(400, "42703", format!("column {table}.{column} does not exist"))
    }

    /// PGRST106: only `public` is exposed.
    pub fn schema_not_exposed(schema: &str) -> ApiError {
        ApiError::new(406, "PGRST106", format!("Invalid schema: {schema}"))
            .hint("Only the following schemas are exposed: public")
    }

    /// A JWT PostgREST refuses: 401 with `WWW-Authenticate: Bearer error="invalid_token", ...`.
    pub fn jwt(err: &JwtError) -> ApiError {
        let message = err.message();
        let mut e = ApiError::new(401, err.code(), message.clone());
        e.headers.push((
            "WWW-Authenticate".into(),
            format!("Bearer error=\"invalid_token\", error_description={}", Value::from(message)),
        ));
        e
    }

    /// A PostgreSQL error, with PostgREST's status for its SQLSTATE. `authenticated` is true when
    /// the request's role is not the anonymous one (it decides 401 vs 403 for 42501).
    pub fn from_pg(err: &postgres::Error, authenticated: bool) -> ApiError {
        match err.as_db_error() {
            Some(db) => {
                let code = db.code().code();
                let status = pg_error_status(code, db.message(), authenticated);
                let mut e = ApiError::new(status, code, db.message());
                e.details = db.detail().map(str::to_owned);
                e.hint = db.hint().map(str::to_owned);
                if status == 401 {
                    e.headers.push(("WWW-Authenticate".into(), "Bearer".into()));
                }
                e
            }
            None => ApiError::new(503, "PGRST001", "Database client error. Retrying the connection.")
                .details(err.to_string()),
        }
    }

    pub fn into_reply(self) -> Reply {
        let e = *self.0;
        let opt = |v: Option<String>| v.map_or(Value::Null, Value::from);
        // PostgREST's JSON encoder writes the keys sorted: code, details, hint, message.
        let body = ordered_object(&[
            ("code", Value::from(e.code)),
            ("details", opt(e.details)),
            ("hint", opt(e.hint)),
            ("message", Value::from(e.message)),
        ]);
        let mut reply = Reply::json(e.status, body);
        reply.headers.extend(e.headers);
        reply
    }
}

/// PostgREST's `mapSQLtoHTTP` (src/PostgREST/Error.hs).
pub fn pg_error_status(code: &str, message: &str, authenticated: bool) -> u16 {
    let starts = |p: &str| code.starts_with(p);
    match code {
        "23503" | "23505" => 409,
        "25006" => 405,
        "21000" if message.ends_with("requires a WHERE clause") => 400,
        "21000" => 500,
        "22023" if message.starts_with("role") && message.ends_with("does not exist") => 401,
        "P0001" => 400,
        "42883" if message.starts_with("function xmlagg(") => 406,
        "42883" | "42P01" => 404,
        "42P17" => 500,
        "42501" => {
            if authenticated {
                403
            } else {
                401
            }
        }
        "53400" => 500,
        "57P01" => 503,
        _ if starts("08") => 503,
        _ if starts("09") => 500,
        _ if starts("0L") || starts("0P") => 403,
        _ if starts("25") => 500,
        _ if starts("28") => 403,
        _ if starts("2D") || starts("38") || starts("39") || starts("3B") || starts("40") => 500,
        _ if starts("53") => 503,
        _ if starts("54") || starts("55") || starts("57") || starts("58") => 500,
        _ if starts("F0") || starts("HV") || starts("P0") || starts("XX") => 500,
        _ if starts("PT") => code[2..].parse().ok().filter(|s| (100..600).contains(s)).unwrap_or(500),
        _ => 400,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlstates_map_to_postgrests_statuses() {
        for (code, status) in [
            ("23505", 409),
            ("23503", 409),
            ("23502", 400),
            ("23514", 400),
            ("22P02", 400),
            ("P0001", 400),
            ("P0002", 500),
            ("42883", 404),
            ("42P01", 404),
            ("40001", 500),
            ("25006", 405),
            ("08006", 503),
            ("53300", 503),
            ("PT418", 418),
        ] {
            assert_eq!(pg_error_status(code, "", true), status, "{code}");
        }
        assert_eq!(pg_error_status("42501", "permission denied", true), 403);
        assert_eq!(pg_error_status("42501", "permission denied", false), 401);
        assert_eq!(pg_error_status("21000", "DELETE requires a WHERE clause", true), 400);
        assert_eq!(pg_error_status("22023", "role \"x\" does not exist", true), 401);
    }

    #[test]
    fn error_bodies_have_postgrests_four_keys() {
        let reply = ApiError::table_not_found("nope").into_reply();
        assert_eq!(reply.status, 404);
        assert_eq!(
            String::from_utf8(reply.body).unwrap(),
            r#"{"code":"PGRST205","details":null,"hint":null,"message":"Could not find the table 'public.nope' in the schema cache"}"#
        );
    }

    #[test]
    fn gotrue_errors_follow_the_api_version_header() {
        let old = gotrue(400, "invalid_credentials", "Invalid login credentials", None);
        assert_eq!(
            String::from_utf8(old.body).unwrap(),
            r#"{"code":400,"error_code":"invalid_credentials","msg":"Invalid login credentials"}"#
        );
        let new = gotrue(400, "invalid_credentials", "Invalid login credentials", Some("2024-01-01"));
        assert_eq!(
            String::from_utf8(new.body).unwrap(),
            r#"{"code":"invalid_credentials","message":"Invalid login credentials"}"#
        );
    }
}
