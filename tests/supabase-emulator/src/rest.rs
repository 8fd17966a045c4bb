//! PostgREST's `/rest/v1/<table>`: GET (and HEAD), POST (insert and upsert), PATCH and DELETE on
//! tables and views in `public`, with the statuses, headers and bodies PostgREST answers with.
//! The SQL has PostgREST's shape (`json_to_recordset` for bodies, `RETURNING 1` unless rows are
//! wanted back, `json_agg` for results); identifiers are checked against the catalog and quoted,
//! values are passed as text parameters and cast to the column's type.

use serde_json::Value;

use crate::catalog::{self, Table, ident, literal};
use crate::errors::{ApiError, Reply};
use crate::filters::{Direction, Filter, Nulls, Op, Prefer, Query, Resolution, Return, array_literal, percent_encode};
use crate::media::MediaType;
use crate::request::{HttpRequest, Identity, Params, begin};
use crate::server::State;

/// Supabase's default `max-rows`: a GET returns at most this many rows.
pub const MAX_ROWS: u64 = 1000;

pub fn handle(
    state: &State,
    req: &HttpRequest,
    identity: &Identity,
    table: &str,
    query: Query,
) -> Result<Reply, ApiError> {
    let prefer = Prefer::parse(req.headers_named("prefer"));
    let media = MediaType::negotiate(req)?;
    match req.method.as_str() {
        "GET" | "HEAD" => read(state, req, identity, table, &query, &prefer, media),
        "POST" => insert(state, req, identity, table, &query, &prefer, media),
        "PATCH" => update(state, req, identity, table, &query, &prefer, media),
        "DELETE" => delete(state, req, identity, table, &query, &prefer, media),
        "PUT" => Err(ApiError::not_implemented(
            "PUT (single-row upsert) is not supported by the Supabase emulator; use POST with Prefer: resolution=merge-duplicates",
        )),
        other => Err(ApiError::new(405, "PGRST117", format!("Unsupported HTTP method: {other}"))),
    }
}

/// Runs `work` in the request's transaction: commit on success, rollback on any error.
fn in_transaction<T>(
    state: &State,
    req: &HttpRequest,
    identity: &Identity,
    read_only: bool,
    pgrst_path: &str,
    work: impl FnOnce(&mut postgres::Transaction<'_>) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let pg = |e: postgres::Error| ApiError::from_pg(&e, identity.authenticated);
    let mut client = state.rest_pool.get().map_err(pg)?;
    let mut tx = begin(&mut client, read_only, identity, req, pgrst_path).map_err(pg)?;
    let out = work(&mut tx)?;
    tx.commit().map_err(pg)?;
    Ok(out)
}

fn load_table(tx: &mut postgres::Transaction<'_>, name: &str, identity: &Identity) -> Result<Table, ApiError> {
    catalog::table(tx, name)
        .map_err(|e| ApiError::from_pg(&e, identity.authenticated))?
        .ok_or_else(|| ApiError::table_not_found(name))
}

fn filter_sql(table: &Table, filter: &Filter, params: &mut Params) -> Result<String, ApiError> {
    let column = table.column(&filter.column).ok_or_else(|| ApiError::undefined_column(&table.name, &filter.column))?;
    let lhs = table.qualified_column(&column.name);
    let ty = &column.type_name;
    let expr = match &filter.op {
        Op::Compare(op, value) => format!("{lhs} {op} CAST({} AS {ty})", params.push(value.as_str())),
        Op::Like { insensitive, pattern } => {
            let op = if *insensitive { "ILIKE" } else { "LIKE" };
            format!("{lhs} {op} {}", params.push(pattern.replace('*', "%")))
        }
        Op::Is(value) => format!("{lhs} IS {}", value.sql()),
        Op::In(values) if values.is_empty() => format!("{lhs} = ANY('{{}}')"),
        Op::In(values) => format!("{lhs} = ANY(CAST({} AS {ty}[]))", params.push(array_literal(values))),
    };
    Ok(if filter.negated { format!("NOT {expr}") } else { expr })
}

fn where_sql(table: &Table, query: &Query, params: &mut Params) -> Result<String, ApiError> {
    let conditions = query.filters.iter().map(|f| filter_sql(table, f, params)).collect::<Result<Vec<_>, _>>()?;
    Ok(if conditions.is_empty() { String::new() } else { format!(" WHERE {}", conditions.join(" AND ")) })
}

/// The selected columns, qualified; `"public"."t".*` for all.
fn select_sql(table: &Table, select: Option<&[String]>) -> Result<String, ApiError> {
    match select {
        None => Ok(format!("{}.*", table.qualified())),
        Some(columns) => columns
            .iter()
            .map(|c| {
                table
                    .column(c)
                    .map(|col| table.qualified_column(&col.name))
                    .ok_or_else(|| ApiError::undefined_column(&table.name, c))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|cols| cols.join(", ")),
    }
}

fn order_sql(table: &Table, query: &Query) -> Result<String, ApiError> {
    if query.order.is_empty() {
        return Ok(String::new());
    }
    let mut terms = Vec::new();
    for term in &query.order {
        let column = table.column(&term.column).ok_or_else(|| ApiError::undefined_column(&table.name, &term.column))?;
        let mut sql = table.qualified_column(&column.name);
        match term.direction {
            Some(Direction::Asc) => sql.push_str(" ASC"),
            Some(Direction::Desc) => sql.push_str(" DESC"),
            None => {}
        }
        match term.nulls {
            Some(Nulls::First) => sql.push_str(" NULLS FIRST"),
            Some(Nulls::Last) => sql.push_str(" NULLS LAST"),
            None => {}
        }
        terms.push(sql);
    }
    Ok(format!(" ORDER BY {}", terms.join(", ")))
}

/// PostgREST's `contentRangeH`: `lower-upper/total`, `*` where the range or total is unknown.
fn content_range(lower: i64, upper: i64, total: Option<i64>) -> String {
    let range = if total != Some(0) && lower <= upper { format!("{lower}-{upper}") } else { "*".to_owned() };
    let total = total.map_or("*".to_owned(), |t| t.to_string());
    format!("{range}/{total}")
}

fn read(
    state: &State,
    req: &HttpRequest,
    identity: &Identity,
    name: &str,
    query: &Query,
    prefer: &Prefer,
    media: MediaType,
) -> Result<Reply, ApiError> {
    let offset = query.offset.unwrap_or(0);
    let limit = query.limit.map_or(MAX_ROWS, |l| l.min(MAX_ROWS));
    let (total, page, body) = in_transaction(state, req, identity, true, &format!("/{name}"), |tx| {
        let table = load_table(tx, name, identity)?;
        let mut params = Params::default();
        let where_ = where_sql(&table, query, &mut params)?;
        let select = select_sql(&table, query.select.as_deref())?;
        let order = order_sql(&table, query)?;
        let qualified = table.qualified();
        let total = if prefer.counts() {
            format!("(SELECT pg_catalog.count(*) FROM {qualified}{where_})")
        } else {
            "NULL::bigint".to_owned()
        };
        let sql = format!(
            "SELECT {total}, pg_catalog.count(_postgrest_t)::bigint, {}
             FROM (SELECT {select} FROM {qualified}{where_}{order} LIMIT {limit} OFFSET {offset}) _postgrest_t",
            media.aggregate()
        );
        let row = tx.query_one(&sql, &params.refs()).map_err(|e| ApiError::from_pg(&e, identity.authenticated))?;
        let page = row.get::<_, i64>(1);
        media.check_rows(page)?;
        Ok((row.get::<_, Option<i64>>(0), page, row.get::<_, String>(2)))
    })?;

    // PostgREST's rangeStatusHeader.
    let lower = i64::try_from(offset).unwrap_or(i64::MAX);
    let upper = lower + page - 1;
    let range = content_range(lower, upper, total);
    let status = match total {
        Some(t) if lower > t => 416,
        Some(t) if 1 + upper - lower < t => 206,
        _ => 200,
    };
    let mut reply = if status == 416 {
        ApiError::new(416, "PGRST103", "Requested range not satisfiable")
            .details(format!("An offset of {lower} was requested, but there are only {} rows.", total.unwrap_or(0)))
            .into_reply()
    } else {
        Reply::typed(status, media.content_type(), body)
    };
    reply = reply.header("Content-Range", range);
    if let Some(applied) = prefer.applied(false, false, false) {
        reply = reply.header("Preference-Applied", applied);
    }
    if req.method == "HEAD" {
        reply.body.clear();
    }
    Ok(reply)
}

/// The body's keys: those of the object, or of every object of the array (which must agree).
fn payload_keys(payload: &Value) -> Result<Vec<String>, ApiError> {
    match payload {
        Value::Object(map) => Ok(map.keys().cloned().collect()),
        Value::Array(items) => {
            let mut keys: Option<Vec<String>> = None;
            for item in items {
                let Value::Object(map) = item else {
                    return Err(ApiError::invalid_body("All object keys must match"));
                };
                let mut these: Vec<String> = map.keys().cloned().collect();
                these.sort();
                match &keys {
                    None => keys = Some(these),
                    Some(k) if *k != these => return Err(ApiError::invalid_body("All object keys must match")),
                    Some(_) => {}
                }
            }
            Ok(keys.unwrap_or_default())
        }
        _ => Err(ApiError::invalid_body("Empty or invalid json")),
    }
}

fn parse_body(req: &HttpRequest) -> Result<Value, ApiError> {
    serde_json::from_slice(&req.body).map_err(|_| ApiError::invalid_body("Empty or invalid json"))
}

/// The columns a body writes: `?columns=` when given (then PostgREST takes those keys from
/// every object and does not compare the objects' keys; supabase-js sends the union of its
/// rows' keys there for a bulk insert, and a key an object lacks is null), else the body's keys.
fn body_columns(payload: &Value, query: &Query) -> Result<Vec<String>, ApiError> {
    match &query.columns {
        Some(columns) if payload.is_object() || payload.is_array() => Ok(columns.clone()),
        Some(_) => Err(ApiError::invalid_body("Empty or invalid json")),
        None => payload_keys(payload),
    }
}

/// PostgREST's `fromJsonBodyF`: the rows of the JSON body (`$1`) as `pgrst_body`, typed by the
/// columns; with `missing=default`, absent keys take the column defaults.
fn body_source(table: &Table, columns: &[String], is_object: bool, with_defaults: bool) -> String {
    let typed: Vec<String> =
        columns.iter().filter_map(|c| table.column(c)).map(|c| format!("{} {}", ident(&c.name), c.type_name)).collect();
    let names: Vec<String> = columns.iter().map(|c| ident(c)).collect();
    let (payload, body, elements, to_record, to_recordset) = if with_defaults {
        let defaults: Vec<String> = columns
            .iter()
            .filter_map(|c| table.column(c))
            .filter_map(|c| c.default.as_ref().map(|d| format!("{}, {d}", literal(&c.name))))
            .collect();
        let defs = format!("jsonb_build_object({})", defaults.join(", "));
        let json_defs = if is_object {
            format!("LATERAL (SELECT {defs} || pgrst_payload.json_data AS val) pgrst_json_defs, ")
        } else {
            format!(
                "LATERAL (SELECT jsonb_agg({defs} || elem) AS val FROM jsonb_array_elements(pgrst_payload.json_data) elem) pgrst_json_defs, "
            )
        };
        (
            format!("(SELECT $1::text::jsonb AS json_data) pgrst_payload, {json_defs}"),
            "pgrst_json_defs.val",
            "jsonb_array_elements",
            "jsonb_to_record",
            "jsonb_to_recordset",
        )
    } else {
        (
            "(SELECT $1::text::json AS json_data) pgrst_payload, ".to_owned(),
            "pgrst_payload.json_data",
            "json_array_elements",
            "json_to_record",
            "json_to_recordset",
        )
    };
    let rows = if columns.is_empty() {
        if is_object { "(values(1)) _".to_owned() } else { format!("{elements}({body}) _") }
    } else {
        let function = if is_object { to_record } else { to_recordset };
        format!("{function}({body}) AS _({})", typed.join(", "))
    };
    format!("FROM {payload}LATERAL (SELECT {} FROM {rows}) pgrst_body", names.join(", "))
}

fn check_columns(table: &Table, columns: &[String]) -> Result<(), ApiError> {
    match columns.iter().find(|c| table.column(c).is_none()) {
        Some(missing) => Err(ApiError::column_not_found(&table.name, missing)),
        None => Ok(()),
    }
}

/// What a mutation returns: the selected columns, the primary key (for `Location`), or `1`.
fn returning_sql(table: &Table, query: &Query, prefer: &Prefer) -> Result<String, ApiError> {
    match prefer.return_ {
        Some(Return::Representation) => Ok(format!("RETURNING {}", select_sql(table, query.select.as_deref())?)),
        Some(Return::HeadersOnly) if !table.primary_key.is_empty() => Ok(format!(
            "RETURNING {}",
            table.primary_key.iter().map(|c| table.qualified_column(c)).collect::<Vec<_>>().join(", ")
        )),
        _ => Ok("RETURNING 1".to_owned()),
    }
}

/// Runs `WITH pgrst_source AS (<mutation>) ...`: the affected row count and the rows as JSON.
/// With a single object asked for, anything but one row is PGRST116 and (the error ending the
/// transaction) the mutation is rolled back, whatever `return=` says.
fn run_mutation(
    tx: &mut postgres::Transaction<'_>,
    mutation: &str,
    params: &Params,
    identity: &Identity,
    media: MediaType,
) -> Result<(i64, String), ApiError> {
    let sql = format!(
        "WITH pgrst_source AS ({mutation})
         SELECT pg_catalog.count(_postgrest_t)::bigint, {}
         FROM pgrst_source _postgrest_t",
        media.aggregate()
    );
    let row = tx.query_one(&sql, &params.refs()).map_err(|e| ApiError::from_pg(&e, identity.authenticated))?;
    media.check_rows(row.get(0))?;
    Ok((row.get(0), row.get(1)))
}

fn insert(
    state: &State,
    req: &HttpRequest,
    identity: &Identity,
    name: &str,
    query: &Query,
    prefer: &Prefer,
    media: MediaType,
) -> Result<Reply, ApiError> {
    let payload = parse_body(req)?;
    let columns = body_columns(&payload, query)?;
    let is_object = payload.is_object();
    let (count, body, updated, location, resolution_applied) = in_transaction(
        state,
        req,
        identity,
        false,
        &format!("/{name}"),
        |tx| {
            let table = load_table(tx, name, identity)?;
            check_columns(&table, &columns)?;
            let conflict_columns = query.on_conflict.clone().unwrap_or_else(|| table.primary_key.clone());
            check_columns(&table, &conflict_columns)?;
            let mut params = Params::default();
            params.push(String::from_utf8_lossy(&req.body).into_owned());
            let source = body_source(&table, &columns, is_object, prefer.missing_default());
            let names: Vec<String> = columns.iter().map(|c| ident(c)).collect();
            let body_columns: Vec<String> = columns.iter().map(|c| format!("pgrst_body.{}", ident(c))).collect();
            let target = if columns.is_empty() { String::new() } else { format!("({})", names.join(", ")) };
            let resolution = prefer.resolution.filter(|_| !conflict_columns.is_empty());
            let on_conflict = match resolution {
                None => String::new(),
                Some(resolution) => {
                    let conflict: Vec<String> = conflict_columns.iter().map(|c| ident(c)).collect();
                    let action = match resolution {
                        Resolution::MergeDuplicates if !columns.is_empty() => {
                            let sets: Vec<String> = names.iter().map(|n| format!("{n} = EXCLUDED.{n}")).collect();
                            // Counts the rows that were updated rather than inserted (PostgREST
                            // answers 200 instead of 201 when none was inserted).
                            format!(
                                "DO UPDATE SET {} WHERE set_config('pgrst_emu.updated', (coalesce(nullif(current_setting('pgrst_emu.updated', true), '')::int, 0) + 1)::text, true) IS NOT NULL",
                                sets.join(", ")
                            )
                        }
                        _ => "DO NOTHING".to_owned(),
                    };
                    format!(" ON CONFLICT({}) {action}", conflict.join(", "))
                }
            };
            let mutation = format!(
                "INSERT INTO {}{target} SELECT {} {source}{on_conflict} {}",
                table.qualified(),
                body_columns.join(", "),
                returning_sql(&table, query, prefer)?
            );
            let (count, body) = run_mutation(tx, &mutation, &params, identity, media)?;
            let updated: i64 = tx
                .query_one("SELECT coalesce(nullif(current_setting('pgrst_emu.updated', true), ''), '0')::bigint", &[])
                .map_err(|e| ApiError::from_pg(&e, identity.authenticated))?
                .get(0);
            let location = match prefer.return_ {
                Some(Return::HeadersOnly) if !table.primary_key.is_empty() => location(&table, &body),
                _ => None,
            };
            Ok((count, body, updated, location, resolution.is_some()))
        },
    )?;

    let inserted = count - updated;
    let status = if inserted <= 0 && prefer.resolution == Some(Resolution::MergeDuplicates) { 200 } else { 201 };
    let mut reply = match prefer.return_ {
        Some(Return::Representation) => Reply::typed(status, media.content_type(), body),
        _ => Reply::empty(status),
    };
    if let Some(location) = location {
        reply = reply.header("Location", location);
    }
    reply = reply.header("Content-Range", content_range(1, 0, prefer.counts().then_some(count)));
    if let Some(applied) = prefer.applied(resolution_applied, true, true) {
        reply = reply.header("Preference-Applied", applied);
    }
    Ok(reply)
}

/// `/table?pk=eq.value` for the first inserted row, as PostgREST's `Location` header.
fn location(table: &Table, rows_json: &str) -> Option<String> {
    let rows: Value = serde_json::from_str(rows_json).ok()?;
    // An array of rows, or the one row when a single object was asked for.
    let first = match &rows {
        Value::Array(rows) => rows.first()?.as_object()?,
        row => row.as_object()?,
    };
    let parts: Vec<String> = table
        .primary_key
        .iter()
        .map(|pk| {
            let value = match first.get(pk) {
                None | Some(Value::Null) => "is.null".to_owned(),
                Some(Value::String(s)) => format!("eq.{s}"),
                Some(other) => format!("eq.{other}"),
            };
            format!("{}={}", percent_encode(pk), percent_encode(&value))
        })
        .collect();
    Some(format!("/{}?{}", table.name, parts.join("&")))
}

fn reject_limits(query: &Query, method: &str) -> Result<(), ApiError> {
    if query.limit.is_some() || query.offset.is_some() || !query.order.is_empty() {
        return Err(ApiError::not_implemented(format!(
            "limit/offset/order on {method} are not supported by the Supabase emulator"
        )));
    }
    Ok(())
}

/// Supabase loads pg-safeupdate for PostgREST's role: UPDATE and DELETE need a WHERE clause.
fn require_where(query: &Query, verb: &str) -> Result<(), ApiError> {
    if query.filters.is_empty() {
        return Err(ApiError::new(400, "21000", format!("{verb} requires a WHERE clause")));
    }
    Ok(())
}

fn mutation_reply(prefer: &Prefer, media: MediaType, body: String, range: String, missing: bool) -> Reply {
    let mut reply = match prefer.return_ {
        Some(Return::Representation) => Reply::typed(200, media.content_type(), body),
        _ => Reply::empty(204),
    };
    reply = reply.header("Content-Range", range);
    if let Some(applied) = prefer.applied(false, true, missing) {
        reply = reply.header("Preference-Applied", applied);
    }
    reply
}

fn update(
    state: &State,
    req: &HttpRequest,
    identity: &Identity,
    name: &str,
    query: &Query,
    prefer: &Prefer,
    media: MediaType,
) -> Result<Reply, ApiError> {
    reject_limits(query, "PATCH")?;
    let payload = parse_body(req)?;
    let columns = body_columns(&payload, query)?;
    let is_object = payload.is_object();
    let (count, body) = in_transaction(state, req, identity, false, &format!("/{name}"), |tx| {
        let table = load_table(tx, name, identity)?;
        check_columns(&table, &columns)?;
        let mut params = Params::default();
        params.push(String::from_utf8_lossy(&req.body).into_owned());
        let where_ = where_sql(&table, query, &mut params)?;
        if columns.is_empty() {
            // PostgREST cannot `UPDATE ... SET` nothing: it selects no rows instead.
            media.check_rows(0)?;
            return Ok((0, "[]".to_owned()));
        }
        require_where(query, "UPDATE")?;
        let sets: Vec<String> = columns.iter().map(|c| format!("{} = pgrst_body.{}", ident(c), ident(c))).collect();
        let mutation = format!(
            "UPDATE {} SET {} {}{where_} {}",
            table.qualified(),
            sets.join(", "),
            body_source(&table, &columns, is_object, prefer.missing_default()),
            returning_sql(&table, query, prefer)?
        );
        run_mutation(tx, &mutation, &params, identity, media)
    })?;
    let range = content_range(0, count - 1, prefer.counts().then_some(count));
    Ok(mutation_reply(prefer, media, body, range, true))
}

fn delete(
    state: &State,
    req: &HttpRequest,
    identity: &Identity,
    name: &str,
    query: &Query,
    prefer: &Prefer,
    media: MediaType,
) -> Result<Reply, ApiError> {
    reject_limits(query, "DELETE")?;
    let (count, body) = in_transaction(state, req, identity, false, &format!("/{name}"), |tx| {
        let table = load_table(tx, name, identity)?;
        let mut params = Params::default();
        let where_ = where_sql(&table, query, &mut params)?;
        require_where(query, "DELETE")?;
        let mutation = format!("DELETE FROM {}{where_} {}", table.qualified(), returning_sql(&table, query, prefer)?);
        run_mutation(tx, &mutation, &params, identity, media)
    })?;
    let range = content_range(1, 0, prefer.counts().then_some(count));
    Ok(mutation_reply(prefer, media, body, range, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_range_matches_postgrest() {
        assert_eq!(content_range(0, 9, Some(123)), "0-9/123");
        assert_eq!(content_range(0, 9, None), "0-9/*");
        assert_eq!(content_range(0, -1, Some(0)), "*/0");
        assert_eq!(content_range(0, -1, None), "*/*");
        assert_eq!(content_range(1, 0, Some(3)), "*/3");
        assert_eq!(content_range(1, 0, None), "*/*");
    }
}
