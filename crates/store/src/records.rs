//! The record layer's reads, for every registry table alike: a list with typed filters, search,
//! a sort on any column (ordered by the column's type) and keyset paging; a record's children;
//! what deleting a record would take with it. Writes go through the [`crate::Writer`] as all
//! writes do. The SQL text is built from the registry only — values are always bound.

use eventos_model::schema::{Column, ColumnType, OnDelete, Table};
use eventos_model::validate::{self, Stored};
use eventos_model::{ValidationError, presentation, schema};
use rusqlite::types::Value as Sql;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::writer::lookup;
use crate::{Result, Row, Store, StoreError};

/// How a filter compares a field with its value. Which ones a field takes follows its type:
/// text `contains`/`is`/`is_not`; numbers, money, dates and times `at_least`/`at_most`/`is`;
/// a choice or a reference `is`/`is_not`; a list `contains`; any field `empty`/`not_empty`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FilterOp {
    Contains,
    Is,
    IsNot,
    AtLeast,
    AtMost,
    Empty,
    NotEmpty,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Filter {
    pub field: String,
    pub op: FilterOp,
    /// Absent for `empty`/`not_empty`.
    #[ts(type = "unknown")]
    #[serde(default)]
    pub value: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Sort {
    pub field: String,
    #[serde(default)]
    pub descending: bool,
}

/// A page of a table: which rows, in which order, after which row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct RecordQuery {
    #[serde(default)]
    pub filters: Vec<Filter>,
    /// Words to find: full-text where the table is indexed, else in the fields that name a row.
    #[serde(default)]
    pub search: Option<String>,
    /// Default: the first field that names a row, else the id.
    #[serde(default)]
    pub sort: Option<Sort>,
    /// The `next` of the page before (keyset paging: stable while rows are added).
    #[serde(default)]
    pub after: Option<String>,
    /// Rows a page (1–500; default 50).
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RecordPage {
    #[ts(type = "Record<string, unknown>[]")]
    pub rows: Vec<Row>,
    /// Rows matching the filters and search, all pages together.
    pub total: i64,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<String>,
}

/// A table whose rows point at a record, with how many do and the first of them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Children {
    pub table: String,
    /// The column of `table` that points at the record.
    pub column: String,
    pub total: i64,
    #[ts(type = "Record<string, unknown>[]")]
    pub rows: Vec<Row>,
}

/// What deleting a record would do, found by doing it in a transaction that is rolled back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeletePlan {
    /// Rows deleted with it, per table (the record itself included).
    pub removes: Vec<TableCount>,
    /// Rows that stay but lose their link to it (ON DELETE SET NULL), per table.
    pub unlinks: Vec<TableCount>,
    /// Why the delete would be refused (rows still refer to it), if it would be.
    pub refused: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TableCount {
    pub table: String,
    pub count: i64,
}

const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 500;

impl Store {
    /// A page of `table`'s rows.
    pub fn list(&self, table: &str, query: &RecordQuery) -> Result<RecordPage> {
        let table = lookup(table)?;
        let (mut conditions, mut params) = matching(table, query)?;
        let total = count(self, table, &conditions, &params)?;

        let order = Order::of(table, query.sort.as_ref())?;
        if let Some(after) = &query.after {
            conditions.push(order.after_sql(after, &mut params)?);
        }
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        let columns: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
        let sql = format!(
            "SELECT {}, {} FROM {} {} ORDER BY {} LIMIT {}",
            columns.join(", "),
            order.select_sql(),
            table.name,
            where_sql(&conditions),
            order.order_sql(),
            limit + 1
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let width = table.columns.len();
        let mut rows = Vec::new();
        let mut keys = Vec::new();
        let mut found = stmt.query(rusqlite::params_from_iter(params))?;
        while let Some(r) = found.next()? {
            rows.push(crate::queries::decode_row(r, table)?);
            keys.push((r.get::<_, i64>(width)?, r.get::<_, Sql>(width + 1)?));
        }
        let next = if rows.len() > limit as usize {
            rows.truncate(limit as usize);
            let (is_null, key) = keys.swap_remove(limit as usize - 1);
            let id = rows.last().and_then(|r| r.get("id")).cloned().unwrap_or(Value::Null);
            Some(Value::Array(vec![Value::from(is_null), sql_to_json(key), id]).to_string())
        } else {
            None
        };
        Ok(RecordPage { rows, total, next })
    }

    /// Every table with a column pointing at `table`, with the first `limit` rows that point at
    /// this record (newest first where rows have a creation time; pinned ones, a note's, first).
    pub fn children(&self, table: &str, id: &str, limit: u32) -> Result<Vec<Children>> {
        let parent = lookup(table)?;
        let mut out = Vec::new();
        for (child, column) in references_to(parent.name) {
            let filter = Filter { field: column.name.into(), op: FilterOp::Is, value: Some(Value::from(id)) };
            let sort = child.has_column("created_at").then(|| Sort { field: "created_at".into(), descending: true });
            let query =
                RecordQuery { filters: vec![filter], sort, limit: Some(limit.max(1)), ..RecordQuery::default() };
            let page = self.list(child.name, &query)?;
            let rows = match limit {
                0 => Vec::new(),
                _ if child.has_column("is_pinned") => self.pinned_first(child.name, &query, page.rows)?,
                _ => page.rows,
            };
            out.push(Children { table: child.name.into(), column: column.name.into(), total: page.total, rows });
        }
        Ok(out)
    }

    /// The pinned rows `query` matches, then `newest` (its first page) without them, cut to the
    /// page's size: an old pinned note still heads its company's list.
    fn pinned_first(&self, table: &str, query: &RecordQuery, newest: Vec<Row>) -> Result<Vec<Row>> {
        let mut pinned_query = query.clone();
        pinned_query.filters.push(Filter {
            field: "is_pinned".into(),
            op: FilterOp::Is,
            value: Some(Value::Bool(true)),
        });
        let mut rows = self.list(table, &pinned_query)?.rows;
        let seen: std::collections::HashSet<Value> = rows.iter().filter_map(|r| r.get("id").cloned()).collect();
        rows.extend(newest.into_iter().filter(|r| r.get("id").is_none_or(|id| !seen.contains(id))));
        rows.truncate(query.limit.unwrap_or(u32::MAX) as usize);
        Ok(rows)
    }

    /// What deleting this record would remove and unlink, or why it would be refused: the
    /// delete is made, counted and rolled back, so the answer is the database's own.
    pub fn delete_plan(&mut self, table: &str, id: &str) -> Result<DeletePlan> {
        let table = lookup(table)?;
        if self.get(table.name, id)?.is_none() {
            return Err(StoreError::NotFound { table: table.name.into(), id: id.into() });
        }
        let reached = reachable_from(table);
        let _open = self.guard.open();
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let before = tally(&tx, &reached)?;
        let deleted = tx.execute(&format!("DELETE FROM {} WHERE id = ?1", table.name), [id]);
        let plan = match deleted {
            Err(e) => DeletePlan {
                removes: Vec::new(),
                unlinks: Vec::new(),
                refused: Some(crate::explain::explain(&tx, e, table, &[], Some(id)).to_string()),
            },
            Ok(_) => {
                let after = tally(&tx, &reached)?;
                let mut removes = Vec::new();
                let mut unlinks = Vec::new();
                for ((name, rows, links), (_, rows_after, links_after)) in before.into_iter().zip(after) {
                    if rows > rows_after {
                        removes.push(TableCount { table: name.clone(), count: rows - rows_after });
                    }
                    // Rows that lost a link but stayed (at least: a removed row may have had one).
                    let unlinked = (links - links_after).saturating_sub(rows - rows_after);
                    if unlinked > 0 {
                        unlinks.push(TableCount { table: name, count: unlinked });
                    }
                }
                DeletePlan { removes, unlinks, refused: None }
            }
        };
        drop(tx); // rolled back
        Ok(plan)
    }
}

/// The WHERE conditions (and their bound values) of a query's filters and search.
pub(crate) fn matching(table: &'static Table, query: &RecordQuery) -> Result<(Vec<String>, Vec<Sql>)> {
    let mut conditions = Vec::new();
    let mut params: Vec<Sql> = Vec::new();
    for filter in &query.filters {
        conditions.push(filter_sql(table, filter, &mut params)?);
    }
    if let Some(words) = query.search.as_deref().filter(|w| !w.trim().is_empty()) {
        conditions.push(search_sql(table, words, &mut params));
    }
    Ok((conditions, params))
}

/// Rows of a table and, of them, those with a SET NULL link to a reached table.
type Tally = (String, i64, i64);

fn tally(conn: &rusqlite::Connection, tables: &[&'static Table]) -> Result<Vec<Tally>> {
    tables
        .iter()
        .map(|t| {
            let links: Vec<String> = t
                .columns
                .iter()
                .filter(|c| matches!(c.references, Some((_, OnDelete::SetNull))))
                .map(|c| format!("{} IS NOT NULL", c.name))
                .collect();
            let linked = if links.is_empty() {
                "0".to_owned()
            } else {
                format!("count(*) FILTER (WHERE {})", links.join(" OR "))
            };
            let sql = format!("SELECT count(*), {linked} FROM {}", t.name);
            Ok(conn.query_row(&sql, [], |r| Ok((t.name.to_owned(), r.get(0)?, r.get(1)?)))?)
        })
        .collect()
}

/// The table and every table whose rows a delete there can reach through references.
pub(crate) fn reachable_from(table: &'static Table) -> Vec<&'static Table> {
    let mut reached = vec![table];
    let mut i = 0;
    while i < reached.len() {
        for (child, _) in references_to(reached[i].name) {
            if !reached.iter().any(|t| t.name == child.name) {
                reached.push(child);
            }
        }
        i += 1;
    }
    reached
}

/// Every (table, column) that refers to `parent`.
fn references_to(parent: &str) -> Vec<(&'static Table, &'static Column)> {
    schema::tables()
        .iter()
        .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
        .filter(|(_, c)| c.references.is_some_and(|(to, _)| to == parent))
        .collect()
}

pub(crate) fn where_sql(conditions: &[String]) -> String {
    if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) }
}

fn count(store: &Store, table: &Table, conditions: &[String], params: &[Sql]) -> Result<i64> {
    let sql = format!("SELECT count(*) FROM {} {}", table.name, where_sql(conditions));
    Ok(store.conn.prepare_cached(&sql)?.query_row(rusqlite::params_from_iter(params), |r| r.get(0))?)
}

/// The expression a column sorts and compares by, NULL as the type's zero (NULLs sort last by
/// their own flag, then by id): exact decimals (stored as text) as numbers, text regardless of
/// case.
fn key_sql(column: &Column) -> String {
    let c = column.name;
    match column.ty {
        ColumnType::Decimal { .. } => format!("coalesce(CAST({c} AS REAL), 0)"),
        ColumnType::Integer | ColumnType::Boolean => format!("coalesce({c}, 0)"),
        ColumnType::Text => format!("coalesce({c}, '') COLLATE NOCASE"),
        _ => format!("coalesce({c}, '')"),
    }
}

/// A sort: on a column (NULLs last), then on the id, so every row has one place.
pub(crate) struct Order {
    column: Option<&'static Column>,
    descending: bool,
}

impl Order {
    pub(crate) fn of(table: &Table, sort: Option<&Sort>) -> Result<Order> {
        let column = match sort {
            Some(sort) => Some(column_of(table, &sort.field)?),
            None => presentation::table(table).naming.first().and_then(|n| table.column(n)).or(table.column("id")),
        };
        Ok(Order { column, descending: sort.is_some_and(|s| s.descending) })
    }

    fn key(&self) -> String {
        self.column.map_or_else(|| "''".into(), key_sql)
    }

    fn null(&self) -> String {
        self.column.map_or_else(|| "0".into(), |c| format!("({} IS NULL)", c.name))
    }

    fn select_sql(&self) -> String {
        format!("{}, {}", self.null(), self.key())
    }

    pub(crate) fn order_sql(&self) -> String {
        let dir = if self.descending { "DESC" } else { "ASC" };
        format!("{} ASC, {} {dir}, id {dir}", self.null(), self.key())
    }

    /// Rows after the cursor `[null, key, id]` in this order.
    fn after_sql(&self, cursor: &str, params: &mut Vec<Sql>) -> Result<String> {
        let bad = || StoreError::Invalid(ValidationError::new("records", "after", "is not a cursor this list gave"));
        let parsed: Value = serde_json::from_str(cursor).map_err(|_| bad())?;
        let [null, key, id] = parsed.as_array().and_then(|a| <[Value; 3]>::try_from(a.clone()).ok()).ok_or_else(bad)?;
        let (Some(null), Some(id)) = (null.as_i64(), id.as_str()) else { return Err(bad()) };
        let cmp = if self.descending { "<" } else { ">" };
        let n = params.len();
        params.extend([Sql::Integer(null), json_to_sql(&key), Sql::Text(id.to_owned())]);
        let (null_sql, key_sql) = (self.null(), self.key());
        Ok(format!(
            "({null_sql} > ?{a} OR ({null_sql} = ?{a} AND ({key_sql} {cmp} ?{b} OR ({key_sql} = ?{b} AND id {cmp} ?{c}))))",
            a = n + 1,
            b = n + 2,
            c = n + 3
        ))
    }
}

/// `tickets.checked_in_at` on attendees: the rows with at least one child row (by the child's
/// reference to this table) that matches the filter on the child's field.
fn child_filter_sql(
    table: &'static Table,
    child: &str,
    field: &str,
    filter: &Filter,
    params: &mut Vec<Sql>,
) -> Result<String> {
    let unknown = || StoreError::UnknownColumn { table: table.name.into(), column: filter.field.clone() };
    let child = schema::table(child).ok_or_else(unknown)?;
    let link = child.columns.iter().find(|c| c.references.is_some_and(|(parent, _)| parent == table.name));
    let link = link.ok_or_else(unknown)?;
    let inner = filter_sql(child, &Filter { field: field.to_owned(), ..filter.clone() }, params)?;
    Ok(format!("id IN (SELECT {} FROM {} WHERE {inner})", link.name, child.name))
}

fn column_of(table: &Table, field: &str) -> Result<&'static Column> {
    table.column(field).ok_or_else(|| StoreError::UnknownColumn { table: table.name.into(), column: field.into() })
}

fn filter_sql(table: &'static Table, filter: &Filter, params: &mut Vec<Sql>) -> Result<String> {
    if let Some((child, field)) = filter.field.split_once('.') {
        return child_filter_sql(table, child, field, filter, params);
    }
    let column = column_of(table, &filter.field)?;
    let c = column.name;
    let refuse = |what: &str| StoreError::Invalid(ValidationError::new(table.name, c, what));
    let value = || filter.value.clone().ok_or_else(|| refuse("this filter needs a value"));
    let numeric = matches!(column.ty, ColumnType::Integer | ColumnType::Decimal { .. });
    let ordered = numeric || matches!(column.ty, ColumnType::Timestamp | ColumnType::Date);
    let bind = |params: &mut Vec<Sql>, v: Sql| {
        params.push(v);
        format!("?{}", params.len())
    };
    Ok(match filter.op {
        FilterOp::Empty if column.ty == ColumnType::Text => format!("({c} IS NULL OR {c} = '')"),
        FilterOp::Empty => format!("{c} IS NULL"),
        FilterOp::NotEmpty if column.ty == ColumnType::Text => format!("({c} IS NOT NULL AND {c} <> '')"),
        FilterOp::NotEmpty => format!("{c} IS NOT NULL"),
        FilterOp::Contains if column.ty == ColumnType::Array => {
            let p = bind(params, Sql::Text(text_of(&value()?)));
            format!("EXISTS (SELECT 1 FROM json_each({c}) WHERE value = {p})")
        }
        FilterOp::Contains if column.ty == ColumnType::Text => {
            let pattern = format!("%{}%", like_escape(&text_of(&value()?)));
            format!("{c} LIKE {} ESCAPE '\\'", bind(params, Sql::Text(pattern)))
        }
        FilterOp::Contains => return Err(refuse("can only be searched for words when it is text or a list")),
        FilterOp::Is | FilterOp::IsNot => {
            let stored = stored(table, column, &value()?, Bound::Exact)?;
            let p = bind(params, stored);
            let (left, right) =
                if numeric { (format!("CAST({c} AS REAL)"), format!("CAST({p} AS REAL)")) } else { (c.to_owned(), p) };
            if filter.op == FilterOp::Is {
                format!("{left} = {right}")
            } else {
                format!("({c} IS NULL OR {left} <> {right})")
            }
        }
        FilterOp::AtLeast | FilterOp::AtMost if !ordered => {
            return Err(refuse("has no order: filter it with is, is not or contains"));
        }
        FilterOp::AtLeast | FilterOp::AtMost => {
            let (cmp, bound) = if filter.op == FilterOp::AtLeast { (">=", Bound::Low) } else { ("<=", Bound::High) };
            let p = bind(params, stored(table, column, &value()?, bound)?);
            if numeric { format!("CAST({c} AS REAL) {cmp} CAST({p} AS REAL)") } else { format!("{c} {cmp} {p}") }
        }
    })
}

/// Which end of a day a bare date stands for when it filters a timestamp.
#[derive(Clone, Copy)]
enum Bound {
    Exact,
    Low,
    High,
}

/// A filter's value as the column stores it (so dates, times and money compare exactly).
fn stored(table: &'static Table, column: &'static Column, value: &Value, bound: Bound) -> Result<Sql> {
    let value = match (column.ty, value.as_str(), bound) {
        // "2026-12-07" for a timestamp: the whole day.
        (ColumnType::Timestamp, Some(day), Bound::Low | Bound::Exact) if day.len() == 10 => {
            Value::from(format!("{day}T00:00:00Z"))
        }
        (ColumnType::Timestamp, Some(day), Bound::High) if day.len() == 10 => {
            Value::from(format!("{day}T23:59:59.999999Z"))
        }
        // A choice or a number typed as text in a filter box.
        (ColumnType::Integer, Some(n), _) => n.trim().parse::<i64>().map(Value::from).unwrap_or_else(|_| value.clone()),
        (ColumnType::Boolean, Some(b), _) => match b {
            "true" | "yes" | "1" => Value::from(true),
            "false" | "no" | "0" => Value::from(false),
            _ => value.clone(),
        },
        _ => value.clone(),
    };
    // A computed column is never written, but it can be compared with.
    let comparable = Column { generated: false, not_null: false, ..*column };
    Ok(match validate::to_stored(table, &comparable, &value)? {
        Stored::Null => Sql::Null,
        Stored::Integer(n) => Sql::Integer(n),
        Stored::Text(t) => Sql::Text(t),
    })
}

/// Full-text where the table has an index; else every word in one of the naming fields. An
/// order or ticket number typed whole finds its attendees, order or tickets exactly.
fn search_sql(table: &Table, words: &str, params: &mut Vec<Sql>) -> String {
    if let Some(condition) = number_sql(table, words, params) {
        return condition;
    }
    if crate::search::INDEXED_TABLES.contains(&table.name)
        && let Some(fts) = crate::search::prefix_query(words)
    {
        params.push(Sql::Text(fts));
        return format!("rowid IN (SELECT rowid FROM {t}_fts WHERE {t}_fts MATCH ?{})", params.len(), t = table.name);
    }
    let fields = presentation::table(table).naming;
    let fields: Vec<&str> = if fields.is_empty() { vec!["id"] } else { fields };
    let mut each = Vec::new();
    for word in words.split_whitespace().take(8) {
        params.push(Sql::Text(format!("%{}%", like_escape(word))));
        let n = params.len();
        let any: Vec<String> = fields.iter().map(|f| format!("{f} LIKE ?{n} ESCAPE '\\'")).collect();
        each.push(format!("({})", any.join(" OR ")));
    }
    if each.is_empty() { "1".into() } else { each.join(" AND ") }
}

/// `ORD-…` or `TKT-…` (any letter case) on the tables those numbers name: an index lookup.
fn number_sql(table: &Table, words: &str, params: &mut Vec<Sql>) -> Option<String> {
    let word = words.trim();
    let upper = word.to_ascii_uppercase();
    let (by_order, by_ticket) = match table.name {
        "attendees" => (
            "order_id IN (SELECT id FROM orders WHERE order_number = ?N)",
            "id IN (SELECT attendee_id FROM tickets WHERE ticket_number = ?N)",
        ),
        "orders" => ("order_number = ?N", "id IN (SELECT order_id FROM tickets WHERE ticket_number = ?N)"),
        "tickets" => ("order_id IN (SELECT id FROM orders WHERE order_number = ?N)", "ticket_number = ?N"),
        _ => return None,
    };
    let condition = if upper.starts_with("ORD-") && !word.contains(char::is_whitespace) {
        params.push(Sql::Text(crate::door::order_number_as_stored(word)));
        by_order
    } else if upper.starts_with("TKT-") && !word.contains(char::is_whitespace) {
        params.push(Sql::Text(upper));
        by_ticket
    } else {
        return None;
    };
    Some(condition.replace("?N", &format!("?{}", params.len())))
}

/// Text as a LIKE pattern's literal part (`\` is the escape character: `ESCAPE '\'`).
pub fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn sql_to_json(value: Sql) -> Value {
    match value {
        Sql::Null => Value::Null,
        Sql::Integer(n) => Value::from(n),
        Sql::Real(f) => Value::from(f),
        Sql::Text(t) => Value::from(t),
        Sql::Blob(_) => Value::Null,
    }
}

fn json_to_sql(value: &Value) -> Sql {
    match value {
        Value::Number(n) => n.as_i64().map_or_else(|| Sql::Real(n.as_f64().unwrap_or(0.0)), Sql::Integer),
        Value::String(s) => Sql::Text(s.clone()),
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        _ => Sql::Null,
    }
}
