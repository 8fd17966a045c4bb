//! The record layer over every table of the registry, on the demo workspace (every table has
//! rows): lists with each filter and sort by field type, keyset paging, search, children, and
//! the delete plan — each checked against plain SQL.
#![allow(clippy::unwrap_used)]

use eventos_demo::{DemoOptions, generate};
use eventos_model::schema::{self, Check, ColumnType, Table};
use eventos_store::{Filter, FilterOp, RecordQuery, Sort, Store};
use serde_json::{Value, json};
use time::macros::date;

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("records.db")).unwrap();
    generate(&mut store, &DemoOptions { attendees: 300, seed: 3, today: date!(2026 - 11 - 22) }).unwrap();
    (dir, store)
}

fn sql_count(store: &Store, sql: &str) -> i64 {
    store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn ids(rows: &[serde_json::Map<String, Value>]) -> Vec<String> {
    rows.iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect()
}

/// Every row of the table, page by page (pages of 7, to cross many page boundaries).
fn all_pages(store: &Store, table: &str, mut query: RecordQuery) -> Vec<serde_json::Map<String, Value>> {
    query.limit = Some(7);
    let mut rows = Vec::new();
    loop {
        let page = store.list(table, &query).unwrap();
        rows.extend(page.rows);
        match page.next {
            Some(next) => query.after = Some(next),
            None => return rows,
        }
    }
}

#[test]
fn every_table_lists_all_its_rows_once_in_every_sort() {
    let (_dir, store) = demo();
    for table in schema::tables() {
        let total = sql_count(&store, &format!("SELECT count(*) FROM {}", table.name));
        assert!(total > 0, "the demo has {} rows", table.name);
        let first = store.list(table.name, &RecordQuery::default()).unwrap();
        assert_eq!(first.total, total, "{}", table.name);
        // One column of each type the table has, both ways.
        let mut seen_types = Vec::new();
        for column in table.columns {
            let kind = std::mem::discriminant(&column.ty);
            if seen_types.contains(&kind) || column.ty == ColumnType::Json {
                continue;
            }
            seen_types.push(kind);
            for descending in [false, true] {
                let sort = Some(Sort { field: column.name.into(), descending });
                let rows = all_pages(&store, table.name, RecordQuery { sort, ..RecordQuery::default() });
                let mut got = ids(&rows);
                assert_eq!(got.len() as i64, total, "{}.{} paged", table.name, column.name);
                got.sort();
                got.dedup();
                assert_eq!(got.len() as i64, total, "{}.{}: a row twice", table.name, column.name);
                assert_sorted(table, column.name, &rows, descending);
            }
        }
    }
}

/// Non-null values in order (by the column's type), NULLs after them.
fn assert_sorted(table: &Table, field: &str, rows: &[serde_json::Map<String, Value>], descending: bool) {
    let column = table.column(field).unwrap();
    let values: Vec<&Value> = rows.iter().map(|r| &r[field]).collect();
    let first_null = values.iter().position(|v| v.is_null()).unwrap_or(values.len());
    assert!(values[first_null..].iter().all(|v| v.is_null()), "{}.{field}: NULLs last", table.name);
    let keyed: Vec<Key> = values[..first_null].iter().map(|v| Key::of(column.ty, v)).collect();
    for pair in keyed.windows(2) {
        let ordered = if descending { pair[0] >= pair[1] } else { pair[0] <= pair[1] };
        assert!(ordered, "{}.{field} out of order: {:?} then {:?}", table.name, pair[0], pair[1]);
    }
}

#[derive(Debug, PartialEq, PartialOrd)]
enum Key {
    Number(f64),
    Text(String),
}

impl Key {
    fn of(ty: ColumnType, value: &Value) -> Key {
        match (ty, value) {
            (_, Value::Number(n)) => Key::Number(n.as_f64().unwrap()),
            (_, Value::Bool(b)) => Key::Number(f64::from(u8::from(*b))),
            (ColumnType::Decimal { .. }, Value::String(s)) => Key::Number(s.parse().unwrap()),
            (ColumnType::Text, Value::String(s)) => Key::Text(s.to_ascii_lowercase()),
            (_, other) => Key::Text(other.as_str().map_or_else(|| other.to_string(), str::to_owned)),
        }
    }
}

#[test]
fn decimals_sort_as_numbers_not_as_text() {
    let (_dir, store) = demo();
    let sort = Some(Sort { field: "value".into(), descending: false });
    let rows = all_pages(&store, "crm_opportunities", RecordQuery { sort, ..RecordQuery::default() });
    let values: Vec<f64> = rows.iter().filter_map(|r| r["value"].as_str()).map(|v| v.parse().unwrap()).collect();
    assert!(values.len() > 5);
    assert!(values.windows(2).all(|w| w[0] <= w[1]), "{values:?}");
}

#[test]
fn each_filter_finds_what_sql_finds() {
    let (_dir, store) = demo();
    let mut checked = 0;
    for table in schema::tables() {
        for column in table.columns.iter().filter(|c| !matches!(c.ty, ColumnType::Json)) {
            let sample: Option<Value> = store
                .list(
                    table.name,
                    &RecordQuery {
                        filters: vec![Filter { field: column.name.into(), op: FilterOp::NotEmpty, value: None }],
                        limit: Some(1),
                        ..RecordQuery::default()
                    },
                )
                .unwrap()
                .rows
                .first()
                .map(|r| r[column.name].clone());
            let total = sql_count(&store, &format!("SELECT count(*) FROM {}", table.name));
            let count = |op: FilterOp, value: Option<Value>| {
                let filters = vec![Filter { field: column.name.into(), op, value }];
                store
                    .list(table.name, &RecordQuery { filters, limit: Some(1), ..RecordQuery::default() })
                    .unwrap()
                    .total
            };
            let empty = count(FilterOp::Empty, None);
            assert_eq!(empty + count(FilterOp::NotEmpty, None), total, "{}.{}", table.name, column.name);
            let Some(sample) = sample else { continue };
            let c = column.name;
            let t = table.name;
            match column.ty {
                ColumnType::Array => {
                    let Some(element) = sample.as_array().and_then(|a| a.first()).cloned() else { continue };
                    let sql = format!(
                        "SELECT count(*) FROM {t}, json_each({t}.{c}) j WHERE j.value = '{}'",
                        element.as_str().unwrap_or_default()
                    );
                    assert_eq!(count(FilterOp::Contains, Some(element)), sql_count(&store, &sql), "{t}.{c} contains");
                }
                ColumnType::Text if column.check.is_none() && column.references.is_none() => {
                    let text = sample.as_str().unwrap();
                    let part: String = text.chars().skip(1).take(3).collect();
                    let found = count(FilterOp::Contains, Some(Value::from(part.clone())));
                    assert!(found >= 1, "{t}.{c} contains {part:?}");
                    let like = part.replace('\'', "''");
                    let sql = format!("SELECT count(*) FROM {t} WHERE {c} LIKE '%{like}%'");
                    assert_eq!(found, sql_count(&store, &sql), "{t}.{c} contains {part:?}");
                }
                _ => {
                    let is = count(FilterOp::Is, Some(sample.clone()));
                    let is_not = count(FilterOp::IsNot, Some(sample.clone()));
                    assert!(is >= 1, "{t}.{c} is {sample}");
                    assert_eq!(is + is_not, total, "{t}.{c} is / is not {sample}");
                    if matches!(
                        column.ty,
                        ColumnType::Integer | ColumnType::Decimal { .. } | ColumnType::Timestamp | ColumnType::Date
                    ) && !matches!(column.check, Some(Check::OneOf(_)))
                    {
                        let low = count(FilterOp::AtLeast, Some(sample.clone()));
                        let high = count(FilterOp::AtMost, Some(sample.clone()));
                        assert_eq!(low + high - is, total - empty, "{t}.{c} at least / at most {sample}");
                    }
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 150, "only {checked} fields checked");
}

#[test]
fn filters_refuse_what_a_field_cannot_do_and_name_it() {
    let (_dir, store) = demo();
    let query = |field: &str, op, value: Value| RecordQuery {
        filters: vec![Filter { field: field.into(), op, value: Some(value) }],
        ..RecordQuery::default()
    };
    let err = store.list("events", &query("status", FilterOp::AtLeast, json!("draft"))).unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(err.to_string().contains("events.status"), "{err}");
    let err = store.list("events", &query("capacity", FilterOp::Is, json!("many"))).unwrap_err();
    assert!(err.to_string().contains("capacity"), "{err}");
    let err = store.list("events", &query("no_such", FilterOp::Is, json!(1))).unwrap_err();
    assert!(err.to_string().contains("no_such"), "{err}");
    let err =
        store.list("events", &RecordQuery { after: Some("garbage".into()), ..RecordQuery::default() }).unwrap_err();
    assert_eq!(err.code(), "invalid");
    // Text is bound, never SQL.
    let sneaky = store.list("venues", &query("name", FilterOp::Contains, json!("%' OR 1=1 --"))).unwrap();
    assert_eq!(sneaky.total, 0);
}

#[test]
fn a_date_filters_a_timestamp_by_the_whole_day() {
    let (_dir, store) = demo();
    let day = "2026-11-22";
    let filters = vec![
        Filter { field: "start_at".into(), op: FilterOp::AtLeast, value: Some(json!(day)) },
        Filter { field: "start_at".into(), op: FilterOp::AtMost, value: Some(json!(day)) },
    ];
    let page = store.list("events", &RecordQuery { filters, ..RecordQuery::default() }).unwrap();
    let sql = format!("SELECT count(*) FROM events WHERE substr(start_at, 1, 10) = '{day}'");
    assert_eq!(page.total, sql_count(&store, &sql));
}

#[test]
fn search_uses_the_index_where_there_is_one_and_the_naming_fields_elsewhere() {
    let (_dir, store) = demo();
    let someone: String =
        store.connection().query_row("SELECT full_name FROM attendees LIMIT 1", [], |r| r.get(0)).unwrap();
    let first_word = someone.split_whitespace().next().unwrap().to_owned();
    let found =
        store.list("attendees", &RecordQuery { search: Some(first_word.clone()), ..RecordQuery::default() }).unwrap();
    assert!(found.total >= 1);
    assert!(
        found.rows.iter().all(|r| r["full_name"].as_str().unwrap().to_lowercase().contains(&first_word.to_lowercase())
            || r["email"].as_str().unwrap_or_default().to_lowercase().contains(&first_word.to_lowercase()))
    );
    let venue: String = store.connection().query_row("SELECT name FROM venues LIMIT 1", [], |r| r.get(0)).unwrap();
    let word = venue.split_whitespace().last().unwrap().to_lowercase();
    let found = store.list("venues", &RecordQuery { search: Some(word.clone()), ..RecordQuery::default() }).unwrap();
    assert!(found.rows.iter().all(|r| r["name"].as_str().unwrap().to_lowercase().contains(&word)));
    assert!(found.total >= 1);

    // A whole order or ticket number, in any letter case, finds exactly what it names.
    let (order, ticket, attendee): (String, String, String) = store
        .connection()
        .query_row(
            "SELECT o.order_number, t.ticket_number, t.attendee_id FROM tickets t JOIN orders o ON o.id = t.order_id \
             WHERE t.attendee_id IS NOT NULL ORDER BY t.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let search = |table: &str, text: &str| {
        store.list(table, &RecordQuery { search: Some(text.into()), ..RecordQuery::default() }).unwrap()
    };
    let by_ticket = search("attendees", &ticket.to_lowercase());
    assert_eq!((by_ticket.total, by_ticket.rows[0]["id"].as_str()), (1, Some(attendee.as_str())));
    let by_order = search("attendees", &format!(" {} ", order.to_lowercase()));
    assert!(by_order.total >= 1 && by_order.rows.iter().any(|r| r["id"] == attendee.as_str()));
    assert_eq!(search("orders", &ticket).rows[0]["order_number"], order.as_str());
    assert_eq!(search("tickets", &ticket).total, 1);
    assert!(search("tickets", &order).rows.iter().any(|r| r["ticket_number"] == ticket.as_str()));
    assert_eq!(search("attendees", "TKT-NOSUCH").total, 0);
}

#[test]
fn a_list_filters_on_its_childrens_fields() {
    let (_dir, store) = demo();
    let filter = |field: &str, op: FilterOp, value: Option<serde_json::Value>| RecordQuery {
        filters: vec![Filter { field: field.into(), op, value }],
        ..RecordQuery::default()
    };
    let checked_in = store.list("attendees", &filter("tickets.checked_in_at", FilterOp::NotEmpty, None)).unwrap();
    let sql = "SELECT count(*) FROM attendees a WHERE EXISTS (SELECT 1 FROM tickets t WHERE t.attendee_id = a.id AND t.checked_in_at IS NOT NULL)";
    assert_eq!(checked_in.total, sql_count(&store, sql));
    assert!(checked_in.total > 0, "the demo has checked-in attendees");
    let refunded = store.list("orders", &filter("tickets.status", FilterOp::Is, Some(json!("refunded")))).unwrap();
    let sql = "SELECT count(*) FROM orders o WHERE EXISTS (SELECT 1 FROM tickets t WHERE t.order_id = o.id AND t.status = 'refunded')";
    assert_eq!(refunded.total, sql_count(&store, sql));
    // A child field's value is checked like the child's own: a status that is none is refused.
    let bad = store.list("orders", &filter("tickets.status", FilterOp::Is, Some(json!("lost")))).unwrap_err();
    assert!(bad.to_string().contains("status"), "{bad}");
    assert!(store.list("orders", &filter("venues.name", FilterOp::NotEmpty, None)).is_err(), "not a child of orders");
}

#[test]
fn a_record_lists_its_children_and_a_delete_says_first_what_goes_with_it() {
    let (_dir, mut store) = demo();
    let event: String = store
        .connection()
        .query_row("SELECT event_id FROM orders GROUP BY event_id ORDER BY count(*) DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let children = store.children("events", &event, 3).unwrap();
    let orders = children.iter().find(|c| c.table == "orders").unwrap();
    assert_eq!(orders.total, sql_count(&store, &format!("SELECT count(*) FROM orders WHERE event_id = '{event}'")));
    assert!(orders.rows.len() <= 3 && !orders.rows.is_empty());

    let plan = store.delete_plan("events", &event).unwrap();
    assert_eq!(plan.refused, None);
    let removes = |table: &str| plan.removes.iter().find(|c| c.table == table).map_or(0, |c| c.count);
    assert_eq!(removes("events"), 1);
    for table in ["orders", "attendees", "tickets", "sessions"] {
        let n = sql_count(&store, &format!("SELECT count(*) FROM {table} WHERE event_id = '{event}'"));
        assert_eq!(removes(table), n, "{table}");
    }
    // Nothing was deleted by asking.
    assert_eq!(sql_count(&store, &format!("SELECT count(*) FROM events WHERE id = '{event}'")), 1);
    // And the delete does what the plan said.
    let before: Vec<(String, i64)> = plan
        .removes
        .iter()
        .map(|c| (c.table.clone(), sql_count(&store, &format!("SELECT count(*) FROM {}", c.table))))
        .collect();
    store.write(|w| w.delete("events", &event)).unwrap();
    for ((table, was), planned) in before.iter().zip(&plan.removes) {
        assert_eq!(was - sql_count(&store, &format!("SELECT count(*) FROM {table}")), planned.count, "{table}");
    }

    // A person who organizes events cannot be deleted: the plan says why, first.
    let organizer: String =
        store.connection().query_row("SELECT organizer_id FROM events LIMIT 1", [], |r| r.get(0)).unwrap();
    let refused = store.delete_plan("profiles", &organizer).unwrap();
    assert!(refused.refused.is_some(), "{refused:?}");
    assert_eq!(store.delete_plan("profiles", "00000000-0000-4000-8000-000000000000").unwrap_err().code(), "not_found");
}
