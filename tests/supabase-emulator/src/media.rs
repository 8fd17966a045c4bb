//! PostgREST's content negotiation (`MediaType.hs`, `Plan/Negotiate.hs`) for the media types the
//! emulator produces: JSON arrays (`application/json`, `*/*`), arrays with null fields stripped
//! (`application/vnd.pgrst.array+json;nulls=stripped`) and single objects
//! (`application/vnd.pgrst.object+json`, what supabase-js's `.single()` asks for). A single
//! object is answered only when the statement touched exactly one row; otherwise 406 PGRST116,
//! and the request's transaction is rolled back (a mutation is undone), as PostgREST does.

use crate::errors::ApiError;
use crate::request::HttpRequest;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaType {
    /// `application/json`: rows as a JSON array.
    Json,
    /// `application/vnd.pgrst.array+json;nulls=stripped`.
    ArrayStripped,
    /// `application/vnd.pgrst.object+json` (`;nulls=stripped` when `strip`).
    Object { strip: bool },
}

impl MediaType {
    /// PostgREST's `Accept` handling: media ranges in order of preference (`q`, then order), the
    /// first one it can produce wins; no `Accept` at all means JSON.
    pub fn negotiate(req: &HttpRequest) -> Result<MediaType, ApiError> {
        let Some(accept) = req.header("accept").filter(|a| !a.trim().is_empty()) else {
            return Ok(MediaType::Json);
        };
        let mut ranges: Vec<(f32, String, Vec<String>)> = accept
            .split(',')
            .map(|item| {
                let mut parts = item.split(';').map(|p| p.trim().to_ascii_lowercase());
                let essence = parts.next().unwrap_or_default();
                let (q, params): (Vec<String>, Vec<String>) = parts.partition(|p| p.starts_with("q="));
                let q = q.first().and_then(|q| q[2..].parse().ok()).unwrap_or(1.0);
                (q, essence, params)
            })
            .filter(|(q, essence, _)| *q > 0.0 && !essence.is_empty())
            .collect();
        // A stable sort: equally preferred ranges keep the client's order.
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
        let stripped = |params: &[String]| params == ["nulls=stripped"];
        for (_, essence, params) in &ranges {
            match essence.as_str() {
                "application/json" | "*/*" => return Ok(MediaType::Json),
                "application/vnd.pgrst.object+json" | "application/vnd.pgrst.object" => {
                    return Ok(MediaType::Object { strip: stripped(params) });
                }
                "application/vnd.pgrst.array+json" | "application/vnd.pgrst.array" if stripped(params) => {
                    return Ok(MediaType::ArrayStripped);
                }
                "application/vnd.pgrst.array+json" | "application/vnd.pgrst.array" => return Ok(MediaType::Json),
                "text/csv" | "application/geo+json" | "application/openapi+json" => {
                    return Err(ApiError::not_implemented(format!(
                        "Accept: {essence} is not supported by the Supabase emulator (JSON only)"
                    )));
                }
                other if other.starts_with("application/vnd.pgrst.plan") => {
                    return Err(ApiError::not_implemented(
                        "execution plans (Accept: application/vnd.pgrst.plan) are not supported by the Supabase emulator",
                    ));
                }
                _ => {}
            }
        }
        Err(ApiError::new(406, "PGRST107", format!("None of these media types are available: {}", accept.trim())))
    }

    /// The response's `Content-Type`.
    pub fn content_type(self) -> &'static str {
        match self {
            MediaType::Json => "application/json; charset=utf-8",
            MediaType::ArrayStripped => "application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8",
            MediaType::Object { strip: false } => "application/vnd.pgrst.object+json; charset=utf-8",
            MediaType::Object { strip: true } => "application/vnd.pgrst.object+json;nulls=stripped; charset=utf-8",
        }
    }

    /// The SQL that turns the rows of `_postgrest_t` into the body, as text: PostgREST's
    /// `BuiltinAggArrayJson`, `BuiltinAggArrayJsonStrip` and `BuiltinAggSingleJson`.
    pub fn aggregate(self) -> &'static str {
        match self {
            MediaType::Json => "coalesce(json_agg(_postgrest_t), '[]')::text",
            MediaType::ArrayStripped => "coalesce(json_strip_nulls(json_agg(_postgrest_t)), '[]')::text",
            MediaType::Object { strip: false } => "coalesce((json_agg(_postgrest_t)->0)::text, '')",
            MediaType::Object { strip: true } => "coalesce(json_strip_nulls(json_agg(_postgrest_t)->0)::text, '')",
        }
    }

    /// For a single object: PGRST116 unless the statement returned exactly one row. Raised
    /// inside the request's transaction, so what the statement changed is rolled back.
    pub fn check_rows(self, rows: i64) -> Result<(), ApiError> {
        match self {
            MediaType::Object { .. } if rows != 1 => {
                Err(ApiError::new(406, "PGRST116", "Cannot coerce the result to a single JSON object")
                    .details(format!("The result contains {rows} rows")))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: Option<&str>) -> Result<MediaType, ApiError> {
        let headers = value.map(|v| vec![("accept".to_owned(), v.to_owned())]).unwrap_or_default();
        let req =
            HttpRequest { method: "GET".into(), path: "/".into(), query: String::new(), headers, body: Vec::new() };
        MediaType::negotiate(&req)
    }

    #[test]
    fn accept_picks_what_postgrest_would() {
        assert_eq!(accept(None).unwrap(), MediaType::Json);
        assert_eq!(accept(Some("*/*")).unwrap(), MediaType::Json, "what fetch sends by default");
        assert_eq!(accept(Some("application/vnd.pgrst.object+json")).unwrap(), MediaType::Object { strip: false });
        assert_eq!(accept(Some("application/vnd.pgrst.object")).unwrap(), MediaType::Object { strip: false });
        assert_eq!(
            accept(Some("application/vnd.pgrst.object+json;nulls=stripped")).unwrap(),
            MediaType::Object { strip: true }
        );
        assert_eq!(accept(Some("application/vnd.pgrst.array+json;nulls=stripped")).unwrap(), MediaType::ArrayStripped);
        assert_eq!(accept(Some("application/vnd.pgrst.array+json")).unwrap(), MediaType::Json);
        assert_eq!(
            accept(Some("text/html, application/vnd.pgrst.object+json;q=0.9, */*;q=0.8")).unwrap(),
            MediaType::Object { strip: false },
            "the most preferred range it can produce"
        );
        assert_eq!(
            accept(Some("application/json;q=0.5, application/vnd.pgrst.object+json")).unwrap(),
            MediaType::Object { strip: false }
        );
    }

    #[test]
    fn unavailable_media_types_are_pgrst107_and_unsupported_ones_pgrst127() {
        let e = accept(Some("text/html, image/png")).unwrap_err();
        assert_eq!(
            (e.status, e.code.as_str(), e.message.as_str()),
            (406, "PGRST107", "None of these media types are available: text/html, image/png")
        );
        assert_eq!(accept(Some("text/csv")).unwrap_err().code, "PGRST127");
        assert_eq!(
            accept(Some("application/vnd.pgrst.plan+text; for=\"application/json\"")).unwrap_err().code,
            "PGRST127"
        );
    }

    #[test]
    fn a_single_object_needs_exactly_one_row() {
        let object = MediaType::Object { strip: false };
        assert!(object.check_rows(1).is_ok());
        for rows in [0, 2] {
            let e = object.check_rows(rows).unwrap_err();
            assert_eq!((e.status, e.code.as_str()), (406, "PGRST116"));
            assert_eq!(e.message, "Cannot coerce the result to a single JSON object");
            assert_eq!(e.details.as_deref(), Some(format!("The result contains {rows} rows").as_str()));
        }
        assert!(MediaType::Json.check_rows(0).is_ok());
    }
}
