//! Filling in what the server's triggers would: ids, codes and derived totals for a new row.

use serde_json::{Map, Value};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{codes, timestamp};

/// Fills the values a new row of `table` gets from the server's triggers when the caller left
/// them out: `id`, event/account `slug`, `order_number`, `total_cents`, `ticket_number`,
/// `qr_code`. Values the caller gave are kept. Codes are dated by the row's `created_at` if
/// given, else by `now`.
pub fn fill_new_row(table: &str, row: &mut Map<String, Value>, now: OffsetDateTime) {
    let id = match row.get("id").and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok()) {
        Some(id) => id,
        None => {
            let id = Uuid::new_v4();
            row.insert("id".into(), Value::String(id.to_string()));
            id
        }
    };
    let created = row
        .get("created_at")
        .and_then(Value::as_str)
        .and_then(timestamp::parse)
        .unwrap_or(now)
        .to_offset(time::UtcOffset::UTC)
        .date();
    let name = row.get("name").and_then(Value::as_str).map(str::to_owned);
    let quantity = row.get("quantity").and_then(Value::as_i64);
    let unit_price = row.get("unit_price_cents").and_then(Value::as_i64);
    match table {
        "events" | "accounts" => {
            fill(row, "slug", || name.map(|n| Value::String(codes::event_slug(&n, id))));
        }
        "orders" => {
            fill(row, "order_number", || Some(Value::String(codes::order_number(id, created))));
            let total = quantity.zip(unit_price).and_then(|(q, p)| q.checked_mul(p));
            fill(row, "total_cents", || total.map(Value::from));
        }
        "tickets" => {
            fill(row, "ticket_number", || Some(Value::String(codes::ticket_number(id, created))));
            fill(row, "qr_code", || Some(Value::String(codes::random_qr_code())));
        }
        _ => {}
    }
}

fn fill(row: &mut Map<String, Value>, key: &str, make: impl FnOnce() -> Option<Value>) {
    if row.get(key).is_none_or(Value::is_null) {
        if let Some(value) = make() {
            row.insert(key.to_owned(), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::datetime;

    #[test]
    fn fills_codes_and_keeps_given_values() {
        let now = datetime!(2025-10-13 12:00 UTC);
        let mut order = json!({"id": "01111111-1111-4111-8111-111111111111", "quantity": 2, "unit_price_cents": 29900})
            .as_object()
            .unwrap()
            .clone();
        fill_new_row("orders", &mut order, now);
        assert_eq!(order["order_number"], "ORD-20251013-01111111");
        assert_eq!(order["total_cents"], 59_800);

        let mut ticket = json!({"ticket_number": "TKT-KEPT-000000", "created_at": "2024-01-02T00:00:00Z"})
            .as_object()
            .unwrap()
            .clone();
        fill_new_row("tickets", &mut ticket, now);
        assert_eq!(ticket["ticket_number"], "TKT-KEPT-000000");
        assert_eq!(ticket["qr_code"].as_str().unwrap().len(), 44);
        assert!(Uuid::parse_str(ticket["id"].as_str().unwrap()).is_ok());
    }
}
