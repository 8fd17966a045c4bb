//! Filling in what the server's triggers would: ids, codes and derived totals for a new row.

use serde_json::{Map, Value};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{codes, timestamp};

/// The columns [`fill_new_row`] fills when a new row leaves them out: a form need not ask.
pub fn filled_columns(table: &str) -> &'static [&'static str] {
    match table {
        "events" | "accounts" => &["id", "slug"],
        "orders" => &["id", "order_number", "total_cents"],
        "tickets" => &["id", "ticket_number", "qr_code"],
        "venues" => &["id", "timezone"],
        _ => &["id"],
    }
}

/// Fills the values a new row of `table` gets from the server's triggers when the caller left
/// them out: `id`, event/account `slug`, `order_number`, `total_cents`, `ticket_number`,
/// `qr_code`, and a venue's `timezone` (`local_zone`, the computer's). Values the caller gave
/// are kept. Codes are dated by the row's `created_at` if given, else by `now`.
pub fn fill_new_row(table: &str, row: &mut Map<String, Value>, now: OffsetDateTime, local_zone: &str) {
    // Only an absent id is made here; a given one, good or bad, is the validator's to judge.
    if row.get("id").is_none_or(Value::is_null) {
        row.insert("id".into(), Value::String(Uuid::new_v4().to_string()));
    }
    let Some(id) = row.get("id").and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok()) else {
        return;
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
        "venues" => fill(row, "timezone", || Some(Value::String(local_zone.to_owned()))),
        _ => {}
    }
}

/// The id every computer (and the server) gives the row of `account` that `key` names
/// (`crm_pipeline_stages:Lead`, `notification_templates:order_confirmation:email:en`): uuid v5
/// in the account id's namespace, so two computers making the same row make one, which sync
/// merges field by field (docs/SCHEMA.md, "Conventions").
pub fn shared_id(account_id: Uuid, key: &str) -> Uuid {
    Uuid::new_v5(&account_id, key.as_bytes())
}

/// Seed 004's six default pipeline stages for a new account. Their ids are derived from the
/// account id (uuid v5 of `crm_pipeline_stages:{name}`), so every device and the server that
/// create them make the same rows. Won and Lost are closed stages (the seed leaves that out).
pub fn default_pipeline_stages(account_id: Uuid) -> Vec<Map<String, Value>> {
    const STAGES: [(&str, i64, i64, &str, bool, bool); 6] = [
        ("Lead", 1, 10, "#6b7280", false, false),
        ("Qualified", 2, 25, "#3b82f6", false, false),
        ("Proposal", 3, 50, "#8b5cf6", false, false),
        ("Negotiation", 4, 75, "#f59e0b", false, false),
        ("Won", 5, 100, "#10b981", true, true),
        ("Lost", 6, 0, "#ef4444", true, false),
    ];
    STAGES
        .iter()
        .map(|&(name, order_index, probability, color, is_closed, is_won)| {
            let id = shared_id(account_id, &format!("crm_pipeline_stages:{name}"));
            let row = serde_json::json!({
                "id": id.to_string(), "account_id": account_id.to_string(), "name": name,
                "order_index": order_index, "default_probability": probability, "color": color,
                "is_closed": is_closed, "is_won": is_won,
            });
            match row {
                Value::Object(map) => map,
                _ => unreachable!("a JSON object literal"),
            }
        })
        .collect()
}

fn fill(row: &mut Map<String, Value>, key: &str, make: impl FnOnce() -> Option<Value>) {
    if row.get(key).is_none_or(Value::is_null)
        && let Some(value) = make()
    {
        row.insert(key.to_owned(), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::datetime;

    #[test]
    fn default_stages_are_the_seeds_six_with_stable_ids() {
        let account = Uuid::parse_str("0a000000-0000-4000-8000-000000000000").unwrap();
        let a = default_pipeline_stages(account);
        let names: Vec<_> = a.iter().map(|s| s["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Lead", "Qualified", "Proposal", "Negotiation", "Won", "Lost"]);
        assert_eq!(a, default_pipeline_stages(account));
        let other = default_pipeline_stages(Uuid::new_v4());
        assert_ne!(a[0]["id"], other[0]["id"]);
    }

    #[test]
    fn fills_codes_and_keeps_given_values() {
        let now = datetime!(2025-10-13 12:00 UTC);
        let mut order = json!({"id": "01111111-1111-4111-8111-111111111111", "quantity": 2, "unit_price_cents": 29900})
            .as_object()
            .unwrap()
            .clone();
        fill_new_row("orders", &mut order, now, "UTC");
        assert_eq!(order["order_number"], "ORD-20251013-01111111");
        assert_eq!(order["total_cents"], 59_800);

        let mut ticket = json!({"ticket_number": "TKT-KEPT-000000", "created_at": "2024-01-02T00:00:00Z"})
            .as_object()
            .unwrap()
            .clone();
        fill_new_row("tickets", &mut ticket, now, "UTC");
        assert_eq!(ticket["ticket_number"], "TKT-KEPT-000000");
        assert_eq!(ticket["qr_code"].as_str().unwrap().len(), 44);
        assert!(Uuid::parse_str(ticket["id"].as_str().unwrap()).is_ok());

        let mut venue = json!({"name": "Hall"}).as_object().unwrap().clone();
        fill_new_row("venues", &mut venue, now, "Europe/Lisbon");
        assert_eq!(venue["timezone"], "Europe/Lisbon");
        let mut venue = json!({"name": "Hall", "timezone": "Asia/Tokyo"}).as_object().unwrap().clone();
        fill_new_row("venues", &mut venue, now, "Europe/Lisbon");
        assert_eq!(venue["timezone"], "Asia/Tokyo", "a given zone is kept");
    }
}
