//! Turning JSON values into stored column values, with errors that name the field and say what
//! is wrong in words a person can act on. The same rules are CHECK constraints in SQL; these
//! run first so the message is clear and nothing reaches the database half-checked.

use serde_json::Value;

use crate::schema::{Check, Column, ColumnType, Table};
use crate::{decimal, timestamp};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{table}.{field}: {message}")]
pub struct ValidationError {
    pub table: String,
    pub field: String,
    pub message: String,
}

impl ValidationError {
    pub fn new(table: &str, field: &str, message: impl Into<String>) -> Self {
        Self { table: table.to_owned(), field: field.to_owned(), message: message.into() }
    }
}

/// A value as the replica stores it (SQLite storage classes used by the schema).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    Null,
    Integer(i64),
    Text(String),
}

/// Converts and checks one value for `column`. A JSON `null` is accepted for nullable columns.
pub fn to_stored(table: &Table, column: &Column, value: &Value) -> Result<Stored, ValidationError> {
    let err = |message: String| ValidationError::new(table.name, column.name, message);
    if column.generated {
        return Err(err("is computed by the database and cannot be written".into()));
    }
    if value.is_null() {
        return if column.not_null { Err(err("is required".into())) } else { Ok(Stored::Null) };
    }
    let stored = match column.ty {
        ColumnType::Uuid => {
            let text = value.as_str().ok_or_else(|| err(format!("must be a uuid (got {value})")))?;
            let id = uuid::Uuid::parse_str(text).map_err(|_| err(format!("must be a uuid (got '{text}')")))?;
            // Most ids arrive already lowercase-hyphenated: keep the text, skip re-formatting.
            let canonical = text.len() == 36 && !text.bytes().any(|b| b.is_ascii_uppercase());
            Stored::Text(if canonical { text.to_owned() } else { id.hyphenated().to_string() })
        }
        ColumnType::Text => {
            Stored::Text(value.as_str().ok_or_else(|| err(format!("must be text (got {value})")))?.to_owned())
        }
        ColumnType::Integer => {
            Stored::Integer(value.as_i64().ok_or_else(|| err(format!("must be a whole number (got {value})")))?)
        }
        ColumnType::Boolean => Stored::Integer(i64::from(
            value.as_bool().ok_or_else(|| err(format!("must be true or false (got {value})")))?,
        )),
        ColumnType::Timestamp => {
            let text = value.as_str().unwrap_or_default();
            Stored::Text(
                timestamp::normalize(text)
                    .ok_or_else(|| err(format!("must be an RFC 3339 timestamp (got {value})")))?,
            )
        }
        ColumnType::Date => {
            let text = value.as_str().unwrap_or_default();
            let date =
                timestamp::parse_date(text).ok_or_else(|| err(format!("must be a date YYYY-MM-DD (got {value})")))?;
            Stored::Text(timestamp::format_date(date))
        }
        ColumnType::Decimal { precision, scale } => {
            // Strings keep exactness; JSON numbers are accepted as written (serde_json keeps
            // their text when it fits an i64/u64, and checks the rest below).
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => return Err(err(format!("must be a decimal number (got {value})"))),
            };
            Stored::Text(decimal::normalize(&text, precision, scale).map_err(err)?)
        }
        ColumnType::Json => Stored::Text(value.to_string()),
        ColumnType::Array => {
            if !value.is_array() {
                return Err(err(format!("must be a list (got {value})")));
            }
            Stored::Text(value.to_string())
        }
    };
    check_value(column, value, &stored).map_err(err)?;
    Ok(stored)
}

fn check_value(column: &Column, value: &Value, stored: &Stored) -> Result<(), String> {
    let refuse = |got: String| Err(format!("{} (got {got})", column.rule()));
    match (column.check, stored) {
        (Some(Check::Range(min, max)), Stored::Integer(n)) if !(min..=max).contains(n) => refuse(n.to_string()),
        (Some(Check::AtLeast(min)), Stored::Integer(n)) if *n < min => refuse(n.to_string()),
        (Some(Check::OneOf(allowed)), Stored::Text(s)) if !allowed.contains(&s.as_str()) => refuse(format!("'{s}'")),
        (Some(Check::NoSecretKeys), _) => match value.as_object().and_then(|o| o.keys().find(|k| names_a_secret(k))) {
            Some(key) => refuse(format!("the key '{key}'")),
            None => Ok(()),
        },
        (Some(Check::SubsetOf(allowed)), _) => {
            let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
            match items.iter().find(|v| !v.as_str().is_some_and(|s| allowed.contains(&s))) {
                Some(bad) => refuse(bad.to_string()),
                None => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// A JSON key that names a secret, as the database's rules read it (the replica's trigger, the
/// server's CHECK on the keys).
pub fn names_a_secret(key: &str) -> bool {
    let key = key.to_lowercase();
    ["secret", "token", "password", "key"].iter().any(|word| key.contains(word))
}

/// Checks that need several columns of one row (`end_at > start_at`, `total = qty × price`),
/// where the row holds all of them. Values must already be stored (normalized).
pub fn check_row(table: &Table, row: &[(&'static Column, Stored)]) -> Result<(), ValidationError> {
    let get = |name: &str| row.iter().find(|(c, _)| c.name == name).map(|(_, v)| v);
    for (column, value) in row {
        match (column.check, value) {
            (Some(Check::After(other)), Stored::Text(this)) => {
                if let Some(Stored::Text(before)) = get(other)
                    && this <= before
                {
                    return Err(ValidationError::new(
                        table.name,
                        column.name,
                        format!("must be after {other} ({this} is not after {before})"),
                    ));
                }
            }
            (Some(Check::Product(a, b)), Stored::Integer(total)) => {
                if let (Some(Stored::Integer(x)), Some(Stored::Integer(y))) = (get(a), get(b))
                    && x.checked_mul(*y) != Some(*total)
                {
                    return Err(ValidationError::new(
                        table.name,
                        column.name,
                        format!("must equal {a} × {b} ({x} × {y}), got {total}"),
                    ));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Every required column (NOT NULL, no default) has a value in an insert.
pub fn check_required(table: &Table, row: &[(&'static Column, Stored)]) -> Result<(), ValidationError> {
    let given = |name: &str| row.iter().any(|(c, v)| c.name == name && *v != Stored::Null);
    match table.columns.iter().find(|c| c.required() && !given(c.name)) {
        Some(missing) => Err(ValidationError::new(table.name, missing.name, "is required")),
        None => Ok(()),
    }
}

/// Reads a stored value back as JSON, by the column's type.
pub fn from_stored(column: &Column, stored: Stored) -> Value {
    match (column.ty, stored) {
        (_, Stored::Null) => Value::Null,
        (ColumnType::Boolean, Stored::Integer(n)) => Value::Bool(n != 0),
        (_, Stored::Integer(n)) => Value::from(n),
        (ColumnType::Json | ColumnType::Array, Stored::Text(s)) => serde_json::from_str(&s).unwrap_or(Value::String(s)),
        (_, Stored::Text(s)) => Value::String(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::table;
    use serde_json::json;

    fn one(t: &str, c: &str, v: Value) -> Result<Stored, ValidationError> {
        let table = table(t).unwrap();
        to_stored(table, table.column(c).unwrap(), &v)
    }

    #[test]
    fn ranges_name_the_field_and_the_bounds() {
        let e = one("orders", "quantity", json!(21)).unwrap_err();
        assert_eq!((e.table.as_str(), e.field.as_str()), ("orders", "quantity"));
        assert_eq!(e.message, "must be between 1 and 20 (got 21)");
        let e = one("venues", "capacity", json!(9)).unwrap_err();
        assert_eq!(e.message, "must be between 10 and 50,000 (got 9)");
        assert!(one("events", "capacity", json!(10_001)).is_err());
        assert!(one("event_feedback", "overall_rating", json!(0)).is_err());
        assert!(one("crm_opportunities", "probability", json!(101)).is_err());
        assert_eq!(one("crm_opportunities", "probability", json!(100)).unwrap(), Stored::Integer(100));
    }

    #[test]
    fn lists_and_types() {
        let e = one("tickets", "status", json!("open")).unwrap_err();
        assert_eq!(e.message, "must be one of active, used, cancelled, refunded (got 'open')");
        assert!(one("event_teams", "permissions", json!(["manage_event", "root"])).is_err());
        assert!(one("event_teams", "permissions", json!(["manage_event"])).is_ok());
        assert!(one("orders", "quantity", json!("2")).is_err());
        assert!(one("events", "start_at", json!("next tuesday")).is_err());
        assert_eq!(one("crm_contacts", "is_primary", json!(true)).unwrap(), Stored::Integer(1));
        assert_eq!(one("event_expenses", "amount", json!("12.5")).unwrap(), Stored::Text("12.50".into()));
        assert!(one("event_expenses", "amount", json!(1.005)).is_err());
        assert!(one("events", "name", Value::Null).is_err());
        assert!(one("crm_opportunities", "expected_revenue", json!("1.00")).is_err());
    }

    #[test]
    fn row_checks() {
        let t = table("orders").unwrap();
        let col = |n| t.column(n).unwrap();
        let row = vec![
            (col("quantity"), Stored::Integer(2)),
            (col("unit_price_cents"), Stored::Integer(29_900)),
            (col("total_cents"), Stored::Integer(59_800)),
        ];
        assert!(check_row(t, &row).is_ok());
        let bad = vec![row[0].clone(), row[1].clone(), (col("total_cents"), Stored::Integer(1))];
        assert_eq!(check_row(t, &bad).unwrap_err().field, "total_cents");
    }
}
