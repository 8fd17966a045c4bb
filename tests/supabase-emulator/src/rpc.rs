//! PostgREST's `POST /rest/v1/rpc/<fn>`: the JSON object's keys are the function's named
//! arguments (converted by `json_to_record` with the parameters' types, as PostgREST does), the
//! overload is chosen from the catalog, and the result comes back as PostgREST shapes it: a scalar
//! as its JSON value, a row as an object, a set as an array, `void` as 204.

use serde_json::Value;

use crate::catalog::{self, Function, ident};
use crate::errors::{ApiError, Reply};
use crate::media::MediaType;
use crate::request::{HttpRequest, Identity, Params, begin};
use crate::rest::MAX_ROWS;
use crate::server::State;

enum Call<'a> {
    /// Named arguments taken from these body keys.
    Named(&'a Function, Vec<String>),
    /// The whole body as the single unnamed json/jsonb parameter.
    WholeBody(&'a Function),
}

pub fn handle(state: &State, req: &HttpRequest, identity: &Identity, name: &str) -> Result<Reply, ApiError> {
    if req.method != "POST" {
        return Err(ApiError::not_implemented(format!(
            "{} on /rpc is not supported by the Supabase emulator; call functions with POST",
            req.method
        )));
    }
    let media = MediaType::negotiate(req)?;
    let body = if req.body.iter().all(u8::is_ascii_whitespace) { b"{}".to_vec() } else { req.body.clone() };
    let payload: Value = serde_json::from_slice(&body).map_err(|_| ApiError::invalid_body("Empty or invalid json"))?;
    let Value::Object(args) = &payload else {
        return Err(ApiError::not_implemented(
            "RPC bodies other than one JSON object (e.g. an array for bulk calls) are not supported by the Supabase emulator",
        ));
    };
    let mut keys: Vec<String> = args.keys().cloned().collect();
    keys.sort();
    let body_text = String::from_utf8_lossy(&body).into_owned();
    let pg = |e: postgres::Error| ApiError::from_pg(&e, identity.authenticated);

    let mut client = state.rest_pool.get().map_err(pg)?;
    // Read the catalog first (in a read-only transaction), then run the call in a transaction
    // whose mode follows the function's volatility, as PostgREST does.
    let candidates = {
        let mut tx = begin(&mut client, true, identity, req, &format!("/rpc/{name}")).map_err(pg)?;
        let found = catalog::functions(&mut tx, name).map_err(pg)?;
        tx.rollback().map_err(pg)?;
        found
    };
    let call = choose(&candidates, &keys, name)?;
    let function = match &call {
        Call::Named(f, _) | Call::WholeBody(f) => *f,
    };

    let mut params = Params::default();
    let (from, arguments) = match &call {
        Call::Named(_, keys) if keys.is_empty() => (String::new(), String::new()),
        Call::Named(f, keys) => {
            let placeholder = params.push(body_text);
            let mut typed = Vec::new();
            let mut named = Vec::new();
            for key in keys {
                let Some(param) = f.params.iter().find(|p| &p.name == key) else { continue };
                typed.push(format!("{} {}", ident(&param.name), param.type_name));
                let variadic = if param.variadic { "VARIADIC " } else { "" };
                named.push(format!("{variadic}{} := pgrst_body.{}", ident(&param.name), ident(&param.name)));
            }
            let columns: Vec<String> = keys.iter().map(|k| ident(k)).collect();
            (
                format!(
                    "FROM (SELECT {placeholder}::json AS json_data) pgrst_payload, \
                     LATERAL (SELECT {} FROM json_to_record(pgrst_payload.json_data) AS _({}) LIMIT 1) pgrst_body, ",
                    columns.join(", "),
                    typed.join(", ")
                ),
                named.join(", "),
            )
        }
        Call::WholeBody(f) => {
            let placeholder = params.push(body_text);
            (String::new(), format!("{placeholder}::{}", f.params[0].type_name))
        }
    };
    let callee = format!("\"public\".{}({arguments})", ident(name));
    let from = if from.is_empty() { "FROM ".to_owned() } else { from };
    let (source, aggregate) = if function.returns_void {
        (format!("SELECT 1 {from}LATERAL (SELECT {callee}) pgrst_call"), "NULL::text".to_owned())
    } else if function.returns_composite {
        // A set shaped as the negotiated media type asks (an array, or its one row as an object).
        let agg =
            if function.returns_set { media.aggregate() } else { "coalesce(json_agg(_postgrest_t)->0, 'null')::text" };
        (format!("SELECT pgrst_call.* {from}{callee} pgrst_call"), agg.to_owned())
    } else {
        let agg = match (function.returns_set, media) {
            (true, MediaType::Object { .. }) => "coalesce(json_agg(_postgrest_t.pgrst_scalar)->0, 'null')",
            (true, _) => "coalesce(json_agg(_postgrest_t.pgrst_scalar), '[]')",
            (false, _) => "coalesce(json_agg(_postgrest_t.pgrst_scalar)->0, 'null')",
        };
        (
            format!("SELECT pgrst_call.pgrst_scalar {from}LATERAL (SELECT {callee} pgrst_scalar) pgrst_call"),
            format!("{agg}::text"),
        )
    };
    let sql = format!(
        "WITH pgrst_source AS ({source})
         SELECT pg_catalog.count(_postgrest_t)::bigint, {aggregate}
         FROM (SELECT * FROM pgrst_source LIMIT {MAX_ROWS}) _postgrest_t"
    );

    let mut tx = begin(&mut client, !function.volatile, identity, req, &format!("/rpc/{name}")).map_err(pg)?;
    let row = tx.query_one(&sql, &params.refs()).map_err(pg)?;
    let count: i64 = row.get(0);
    // A set asked for as one object must hold one row; the error rolls the call back. A scalar
    // or a single row is one object already (PostgREST answers it as it is).
    if function.returns_set {
        media.check_rows(count)?;
    }
    tx.commit().map_err(pg)?;
    if function.returns_void {
        return Ok(Reply::empty(204).header("Content-Range", range(count)));
    }
    Ok(Reply::typed(200, media.content_type(), row.get(1)).header("Content-Range", range(count)))
}

fn range(count: i64) -> String {
    if count > 0 { format!("0-{}/*", count - 1) } else { "*/*".to_owned() }
}

/// PostgREST's overload resolution: a function whose named parameters include every key and
/// whose parameters without defaults are all given; failing that, one taking a single unnamed
/// json/jsonb parameter.
fn choose<'a>(candidates: &'a [Function], keys: &[String], name: &str) -> Result<Call<'a>, ApiError> {
    let named: Vec<&Function> = candidates
        .iter()
        .filter(|f| f.params.iter().all(|p| !p.name.is_empty()))
        .filter(|f| keys.iter().all(|k| f.params.iter().any(|p| &p.name == k)))
        .filter(|f| f.required().iter().all(|p| keys.contains(&p.name)))
        .collect();
    match named.as_slice() {
        [one] => return Ok(Call::Named(one, keys.to_vec())),
        [] => {}
        many => {
            let list: Vec<String> = many.iter().map(|f| f.signature()).collect();
            return Err(ApiError::new(
                300,
                "PGRST203",
                format!("Could not choose the best candidate function between: {}", list.join(", ")),
            )
            .hint("Try renaming the parameters or the function itself in the database so function overloading can be resolved"));
        }
    }
    if let Some(f) = candidates.iter().find(|f| {
        f.params.len() == 1 && f.params[0].name.is_empty() && matches!(f.params[0].type_name.as_str(), "json" | "jsonb")
    }) {
        return Ok(Call::WholeBody(f));
    }
    let (with, searched) = if keys.is_empty() {
        (" without parameters".to_owned(), " without parameters".to_owned())
    } else {
        let list = keys.join(", ");
        let plural = if keys.len() > 1 { "s" } else { "" };
        (format!("({list})"), format!(" with parameter{plural} {list}"))
    };
    Err(ApiError::new(404, "PGRST202", format!("Could not find the function public.{name}{with} in the schema cache")).details(
        format!(
            "Searched for the function public.{name}{searched} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache."
        ),
    ))
}
