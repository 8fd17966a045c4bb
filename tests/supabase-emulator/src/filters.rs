//! PostgREST's query-string grammar, for the subset the emulator serves: horizontal filters
//! (`col=[not.]op.value`), `select`, `order`, `limit`, `offset`, `columns` and `on_conflict`.
//! Parsing only: the SQL is built in `rest.rs` once the columns are checked against the catalog.

use crate::errors::ApiError;

/// A filter operator and its operand(s), still as the text the client sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// `eq`, `neq`, `gt`, `gte`, `lt`, `lte`, `cs` (`@>`), `cd` (`<@`): the SQL operator and
    /// the value.
    Compare(&'static str, String),
    /// `like` / `ilike` (`*` stands for `%`).
    Like { insensitive: bool, pattern: String },
    /// `is.null|not_null|true|false|unknown`.
    Is(IsValue),
    /// `in.(a,b,"c,d")`.
    In(Vec<String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IsValue {
    Null,
    NotNull,
    True,
    False,
    Unknown,
}

impl IsValue {
    pub fn sql(self) -> &'static str {
        match self {
            IsValue::Null => "NULL",
            IsValue::NotNull => "NOT NULL",
            IsValue::True => "TRUE",
            IsValue::False => "FALSE",
            IsValue::Unknown => "UNKNOWN",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub column: String,
    pub negated: bool,
    pub op: Op,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Asc,
    Desc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nulls {
    First,
    Last,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderTerm {
    pub column: String,
    pub direction: Option<Direction>,
    pub nulls: Option<Nulls>,
}

/// Everything the query string says about one request on a table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// `None` for `*` (also when `select` is absent or empty).
    pub select: Option<Vec<String>>,
    pub filters: Vec<Filter>,
    pub order: Vec<OrderTerm>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
    pub columns: Option<Vec<String>>,
    pub on_conflict: Option<Vec<String>>,
}

/// Splits a raw query string into decoded `(key, value)` pairs (`+` is a space, as in
/// PostgREST's `parseQuery`).
pub fn parse_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Percent-encodes a query value the way Wai's `renderSimpleQuery` does (unreserved kept).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Keys that are not filters.
const RESERVED: &[&str] = &["select", "order", "limit", "offset", "columns", "on_conflict", "apikey"];

pub fn parse_query(pairs: &[(String, String)]) -> Result<Query, ApiError> {
    let mut q = Query::default();
    for (key, value) in pairs {
        match key.as_str() {
            "select" => q.select = parse_select(value)?,
            "order" => q.order = parse_order(value)?,
            "limit" => q.limit = Some(parse_number("limit", value)?),
            "offset" => q.offset = Some(parse_number("offset", value)?),
            "columns" | "on_conflict" => {
                let names = parse_column_names(key, value)?;
                if key == "columns" { q.columns = Some(names) } else { q.on_conflict = Some(names) }
            }
            "apikey" => {}
            "or" | "and" | "not.or" | "not.and" => {
                return Err(ApiError::not_implemented(format!(
                    "logical operators ({key}=...) are not supported by the Supabase emulator"
                )));
            }
            _ if RESERVED.contains(&key.as_str()) => {}
            _ => q.filters.push(parse_filter(key, value)?),
        }
    }
    Ok(q)
}

fn parse_number(name: &str, value: &str) -> Result<u64, ApiError> {
    value.trim().parse().map_err(|_| {
        ApiError::query_param(
            format!("\"failed to parse {name} parameter ({value})\""),
            format!("{name} must be a non-negative integer"),
        )
    })
}

fn parse_names(value: &str) -> Vec<String> {
    value.split(',').map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()).collect()
}

/// `columns` and `on_conflict` (PostgREST's `pColumns`): names separated by commas, each plain
/// or in double quotes — supabase-js sends `columns="order_id","event_id"` for a bulk insert.
fn parse_column_names(key: &str, value: &str) -> Result<Vec<String>, ApiError> {
    let fail = || {
        ApiError::query_param(
            format!("\"failed to parse {key} parameter ({value})\""),
            "expected column names separated by commas, each plain or in double quotes",
        )
    };
    let mut names = Vec::new();
    for item in value.split(',').map(str::trim) {
        let name = match item.strip_prefix('"') {
            Some(rest) => rest.strip_suffix('"').filter(|n| !n.contains('"')).ok_or_else(fail)?,
            None if item.contains('"') => return Err(fail()),
            None => item,
        };
        if name.is_empty() {
            return Err(fail());
        }
        names.push(name.to_owned());
    }
    Ok(names)
}

/// Plain column names or `*`; embedding, aliases, casts and JSON paths are refused.
pub fn parse_select(value: &str) -> Result<Option<Vec<String>>, ApiError> {
    let items = parse_names(value);
    if items.is_empty() || items.iter().any(|i| i == "*") && items.len() == 1 {
        return Ok(None);
    }
    let mut columns = Vec::new();
    for item in items {
        if item == "*" {
            return Err(ApiError::not_implemented(
                "'*' mixed with other select items is not supported by the Supabase emulator",
            ));
        }
        if !is_plain_name(&item) {
            return Err(ApiError::not_implemented(format!(
                "select item '{item}': embedded resources, aliases, casts, aggregates and JSON paths are not supported by the Supabase emulator; select plain columns"
            )));
        }
        columns.push(item);
    }
    Ok(Some(columns))
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && !name.contains(['(', ')', ':', '!', '.', ',', '"']) && !name.contains("->")
}

pub fn parse_order(value: &str) -> Result<Vec<OrderTerm>, ApiError> {
    let fail = || {
        ApiError::query_param(
            format!("\"failed to parse order ({value})\""),
            "expected col[.asc|.desc][.nullsfirst|.nullslast], separated by commas",
        )
    };
    let mut terms = Vec::new();
    for term in value.split(',') {
        let mut parts = term.split('.');
        let column = parts.next().unwrap_or("").trim().to_owned();
        if column.is_empty() {
            return Err(fail());
        }
        if !is_plain_name(&column) || column.contains("->") {
            return Err(ApiError::not_implemented(format!(
                "order term '{term}': ordering by related tables or JSON paths is not supported by the Supabase emulator"
            )));
        }
        let mut t = OrderTerm { column, direction: None, nulls: None };
        for modifier in parts {
            match modifier {
                "asc" if t.direction.is_none() && t.nulls.is_none() => t.direction = Some(Direction::Asc),
                "desc" if t.direction.is_none() && t.nulls.is_none() => t.direction = Some(Direction::Desc),
                "nullsfirst" if t.nulls.is_none() => t.nulls = Some(Nulls::First),
                "nullslast" if t.nulls.is_none() => t.nulls = Some(Nulls::Last),
                _ => return Err(fail()),
            }
        }
        terms.push(t);
    }
    Ok(terms)
}

pub fn parse_filter(key: &str, value: &str) -> Result<Filter, ApiError> {
    if !is_plain_name(key) {
        return Err(ApiError::not_implemented(format!(
            "filter on '{key}': filters on embedded resources or JSON paths are not supported by the Supabase emulator"
        )));
    }
    let fail = |details: &str| ApiError::query_param(format!("\"failed to parse filter ({value})\""), details);
    let (negated, rest) = match value.strip_prefix("not.") {
        Some(rest) => (true, rest),
        None => (false, value),
    };
    let (op, operand) = rest.split_once('.').ok_or_else(|| fail("expected operator.value"))?;
    let operand = operand.to_owned();
    let op = match op {
        "eq" => Op::Compare("=", operand),
        "neq" => Op::Compare("<>", operand),
        "gt" => Op::Compare(">", operand),
        "gte" => Op::Compare(">=", operand),
        "lt" => Op::Compare("<", operand),
        "lte" => Op::Compare("<=", operand),
        "like" => Op::Like { insensitive: false, pattern: operand },
        "ilike" => Op::Like { insensitive: true, pattern: operand },
        "is" => Op::Is(match operand.to_ascii_lowercase().as_str() {
            "null" => IsValue::Null,
            "not_null" => IsValue::NotNull,
            "true" => IsValue::True,
            "false" => IsValue::False,
            "unknown" => IsValue::Unknown,
            _ => return Err(fail("is takes null, not_null, true, false or unknown")),
        }),
        "in" => Op::In(parse_list(&operand).ok_or_else(|| fail("in takes a list: in.(a,b,\"c,d\")"))?),
        // Containment, for json/jsonb, arrays and ranges: the operand is cast to the column's
        // type (`{"parking": true}`, `{a,b}`, `[1,5)`), as PostgreSQL reads PostgREST's literal.
        "cs" => Op::Compare("@>", operand),
        "cd" => Op::Compare("<@", operand),
        "match" | "imatch" | "ov" | "sl" | "sr" | "nxr" | "nxl" | "adj" | "fts" | "plfts" | "phfts" | "wfts"
        | "isdistinct" => {
            return Err(ApiError::not_implemented(format!(
                "the '{op}' operator is not supported by the Supabase emulator"
            )));
        }
        _ if op.contains('(') => {
            return Err(ApiError::not_implemented(format!(
                "operator modifiers like '{op}' are not supported by the Supabase emulator"
            )));
        }
        _ => return Err(fail("unknown operator")),
    };
    Ok(Filter { column: key.to_owned(), negated, op })
}

/// `(a,b,"c,d")` → `["a", "b", "c,d"]`; `()` → `[]`. Double quotes protect commas and
/// parentheses, and a backslash escapes the next character inside them.
fn parse_list(operand: &str) -> Option<Vec<String>> {
    let inner = operand.strip_prefix('(')?.strip_suffix(')')?;
    if inner.is_empty() {
        return Some(Vec::new());
    }
    let mut items = Vec::new();
    let mut chars = inner.chars().peekable();
    loop {
        let mut item = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next()? {
                    '\\' => item.push(chars.next()?),
                    '"' => break,
                    c => item.push(c),
                }
            }
            match chars.next() {
                None => {
                    items.push(item);
                    return Some(items);
                }
                Some(',') => items.push(item),
                Some(_) => return None,
            }
        } else {
            loop {
                match chars.next() {
                    None => {
                        items.push(item);
                        return Some(items);
                    }
                    Some(',') => break,
                    Some(c) => item.push(c),
                }
            }
            items.push(item);
        }
    }
}

/// A PostgreSQL array literal of the values (as PostgREST's `pgBuildArrayLiteral`).
pub fn array_literal(values: &[String]) -> String {
    let escaped: Vec<String> =
        values.iter().map(|v| format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))).collect();
    format!("{{{}}}", escaped.join(","))
}

/// The `Prefer` header's preferences that the emulator honours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prefer {
    pub return_: Option<Return>,
    pub count: Option<String>,
    pub resolution: Option<Resolution>,
    pub missing_default: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Return {
    Minimal,
    Representation,
    HeadersOnly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    MergeDuplicates,
    IgnoreDuplicates,
}

impl Prefer {
    /// Parses every `Prefer` header (comma-separated); unknown preferences are ignored, as
    /// PostgREST does with its default `handling=lenient`.
    pub fn parse<'a>(headers: impl IntoIterator<Item = &'a str>) -> Prefer {
        let mut p = Prefer::default();
        for header in headers {
            for token in header.split(',').map(str::trim) {
                match token {
                    "return=minimal" => p.return_ = Some(Return::Minimal),
                    "return=representation" => p.return_ = Some(Return::Representation),
                    "return=headers-only" => p.return_ = Some(Return::HeadersOnly),
                    "count=exact" | "count=planned" | "count=estimated" => {
                        p.count = token.strip_prefix("count=").map(str::to_owned);
                    }
                    "resolution=merge-duplicates" => p.resolution = Some(Resolution::MergeDuplicates),
                    "resolution=ignore-duplicates" => p.resolution = Some(Resolution::IgnoreDuplicates),
                    "missing=default" => p.missing_default = Some(true),
                    "missing=null" => p.missing_default = Some(false),
                    _ => {}
                }
            }
        }
        p
    }

    pub fn counts(&self) -> bool {
        self.count.is_some()
    }

    pub fn missing_default(&self) -> bool {
        self.missing_default == Some(true)
    }

    /// The `Preference-Applied` value, in PostgREST's order (resolution, return, count,
    /// missing), for the preferences this request applies.
    pub fn applied(&self, resolution: bool, return_: bool, missing: bool) -> Option<String> {
        let mut parts = Vec::new();
        if resolution {
            match self.resolution {
                Some(Resolution::MergeDuplicates) => parts.push("resolution=merge-duplicates".to_owned()),
                Some(Resolution::IgnoreDuplicates) => parts.push("resolution=ignore-duplicates".to_owned()),
                None => {}
            }
        }
        if return_ {
            match self.return_ {
                Some(Return::Minimal) => parts.push("return=minimal".to_owned()),
                Some(Return::Representation) => parts.push("return=representation".to_owned()),
                Some(Return::HeadersOnly) => parts.push("return=headers-only".to_owned()),
                None => {}
            }
        }
        if let Some(count) = &self.count {
            parts.push(format!("count={count}"));
        }
        if missing {
            match self.missing_default {
                Some(true) => parts.push("missing=default".to_owned()),
                Some(false) => parts.push("missing=null".to_owned()),
                None => {}
            }
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(key: &str, value: &str) -> Filter {
        parse_filter(key, value).unwrap()
    }

    #[test]
    fn every_operator_parses() {
        assert_eq!(filter("a", "eq.1").op, Op::Compare("=", "1".into()));
        assert_eq!(
            filter("a", "neq.x.y").op,
            Op::Compare("<>", "x.y".into()),
            "dots after the operator belong to the value"
        );
        assert_eq!(filter("a", "gt.1").op, Op::Compare(">", "1".into()));
        assert_eq!(filter("a", "gte.1").op, Op::Compare(">=", "1".into()));
        assert_eq!(filter("a", "lt.1").op, Op::Compare("<", "1".into()));
        assert_eq!(filter("a", "lte.1").op, Op::Compare("<=", "1".into()));
        assert_eq!(filter("a", "like.*x*").op, Op::Like { insensitive: false, pattern: "*x*".into() });
        assert_eq!(filter("a", "ilike.X*").op, Op::Like { insensitive: true, pattern: "X*".into() });
        assert_eq!(filter("a", "is.NULL").op, Op::Is(IsValue::Null));
        assert_eq!(filter("a", "is.not_null").op, Op::Is(IsValue::NotNull));
        assert_eq!(filter("a", "is.true").op, Op::Is(IsValue::True));
        assert_eq!(filter("a", "is.false").op, Op::Is(IsValue::False));
        assert_eq!(filter("a", r#"cs.{"parking": true}"#).op, Op::Compare("@>", r#"{"parking": true}"#.into()));
        assert_eq!(filter("a", "cd.{x,y}").op, Op::Compare("<@", "{x,y}".into()));
        let negated = filter("a", "not.eq.2");
        assert!(negated.negated);
        assert_eq!(negated.op, Op::Compare("=", "2".into()));
    }

    #[test]
    fn in_lists_handle_quotes_and_empty_lists() {
        assert_eq!(filter("a", "in.(1,2,3)").op, Op::In(vec!["1".into(), "2".into(), "3".into()]));
        assert_eq!(filter("a", r#"in.("a,b",c,"d\"e")"#).op, Op::In(vec!["a,b".into(), "c".into(), "d\"e".into()]));
        assert_eq!(filter("a", "in.()").op, Op::In(vec![]));
        assert_eq!(parse_filter("a", "in.1,2").unwrap_err().code, "PGRST100");
        assert_eq!(parse_filter("a", r#"in.("a)"#).unwrap_err().code, "PGRST100");
    }

    #[test]
    fn bad_filters_are_pgrst100_and_unsupported_ones_pgrst127() {
        let e = parse_filter("a", "eqx.1").unwrap_err();
        assert_eq!(
            (e.status, e.code.as_str(), e.message.as_str()),
            (400, "PGRST100", "\"failed to parse filter (eqx.1)\"")
        );
        assert_eq!(parse_filter("a", "1").unwrap_err().code, "PGRST100");
        assert_eq!(parse_filter("a", "is.maybe").unwrap_err().code, "PGRST100");
        assert_eq!(parse_filter("a", "ov.{1}").unwrap_err().code, "PGRST127");
        assert_eq!(parse_filter("a", "eq(any).{1,2}").unwrap_err().code, "PGRST127");
        assert_eq!(parse_filter("rel.a", "eq.1").unwrap_err().code, "PGRST127");
        assert_eq!(parse_filter("data->>x", "eq.1").unwrap_err().code, "PGRST127");
    }

    #[test]
    fn order_select_limit_and_offset_parse() {
        let q = parse_query(&parse_pairs(
            "select=id,name&order=name.desc.nullslast,id&limit=10&offset=20&id=gt.3&apikey=k",
        ))
        .unwrap();
        assert_eq!(q.select, Some(vec!["id".to_owned(), "name".to_owned()]));
        assert_eq!(
            q.order,
            vec![
                OrderTerm { column: "name".into(), direction: Some(Direction::Desc), nulls: Some(Nulls::Last) },
                OrderTerm { column: "id".into(), direction: None, nulls: None },
            ]
        );
        assert_eq!((q.limit, q.offset), (Some(10), Some(20)));
        assert_eq!(q.filters, vec![Filter { column: "id".into(), negated: false, op: Op::Compare(">", "3".into()) }]);
        assert_eq!(parse_order("a.nullsfirst").unwrap()[0].nulls, Some(Nulls::First));
        assert_eq!(parse_order("a.up").unwrap_err().code, "PGRST100");
        assert_eq!(parse_order("a.nullslast.desc").unwrap_err().code, "PGRST100", "direction comes first");
        assert_eq!(parse_query(&parse_pairs("limit=x")).unwrap_err().code, "PGRST100");
        assert_eq!(parse_select("*").unwrap(), None);
        assert_eq!(parse_select("").unwrap(), None);
        assert_eq!(parse_select("id,other(*)").unwrap_err().code, "PGRST127");
        assert_eq!(parse_select("alias:id").unwrap_err().code, "PGRST127");
        assert_eq!(parse_query(&parse_pairs("or=(a.eq.1,b.eq.2)")).unwrap_err().code, "PGRST127");
    }

    #[test]
    fn columns_and_on_conflict_take_plain_or_quoted_names() {
        // What supabase-js sends for `insert([...])`: the union of the rows' keys, quoted.
        let q =
            parse_query(&parse_pairs("columns=%22order_id%22%2C%22full_name%22&on_conflict=id,%22email%22")).unwrap();
        assert_eq!(q.columns, Some(vec!["order_id".to_owned(), "full_name".to_owned()]));
        assert_eq!(q.on_conflict, Some(vec!["id".to_owned(), "email".to_owned()]));
        assert_eq!(parse_query(&parse_pairs("columns=a,%20b")).unwrap().columns, Some(vec!["a".into(), "b".into()]));
        for bad in ["columns=", "columns=a,,b", "columns=%22a", "columns=a%22b", "on_conflict=%22%22"] {
            assert_eq!(parse_query(&parse_pairs(bad)).unwrap_err().code, "PGRST100", "{bad}");
        }
    }

    #[test]
    fn query_strings_are_percent_decoded() {
        assert_eq!(
            parse_pairs("name=eq.a%20b+c&x=in.(%22q%2Cr%22)"),
            vec![("name".into(), "eq.a b c".into()), ("x".into(), "in.(\"q,r\")".into())]
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_encode("eq.a b/c"), "eq.a%20b%2Fc");
    }

    #[test]
    fn array_literals_escape_quotes_and_backslashes() {
        assert_eq!(array_literal(&["a".into(), "b,c".into(), r#"d"\"#.into()]), r#"{"a","b,c","d\"\\"}"#);
    }

    #[test]
    fn prefer_headers_parse_and_report_what_was_applied() {
        let p = Prefer::parse([
            "return=representation, count=exact",
            "resolution=merge-duplicates,missing=default,tx=rollback",
        ]);
        assert_eq!(p.return_, Some(Return::Representation));
        assert!(p.counts() && p.missing_default());
        assert_eq!(p.resolution, Some(Resolution::MergeDuplicates));
        assert_eq!(
            p.applied(true, true, true).as_deref(),
            Some("resolution=merge-duplicates, return=representation, count=exact, missing=default")
        );
        assert_eq!(p.applied(false, false, false).as_deref(), Some("count=exact"));
        assert_eq!(Prefer::parse(["nonsense"]).applied(true, true, true), None);
    }
}
