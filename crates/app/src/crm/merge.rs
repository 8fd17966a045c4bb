//! Merging two companies or two contacts that are the same: the kept record's values win where
//! both have one, the other's fill its gaps; every row that points at the other (contacts, deals,
//! activities, notes, documents) moves to the kept one; then the other is deleted. One
//! transaction of ordinary updates and a delete, so it syncs like any edit.

use eventos_model::schema;
use eventos_store::{Row, StoreError};
use serde::Serialize;
use serde_json::{Value, json};
use ts_rs::TS;

use crate::records::Action;
use crate::{App, AppError, ErrorCode, Result, row, text};

/// What a merge would do, to show before it is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MergePlan {
    pub table: String,
    pub keep_id: String,
    pub drop_id: String,
    /// Every field where the two differ: what each has and what the kept record gets.
    pub fields: Vec<MergeField>,
    /// Rows that point at the dropped record and move to the kept one, per table.
    pub moving: Vec<MovingRows>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MergeField {
    pub field: String,
    #[ts(type = "unknown")]
    pub kept: Value,
    #[ts(type = "unknown")]
    pub dropped: Value,
    #[ts(type = "unknown")]
    pub result: Value,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MovingRows {
    pub table: String,
    pub field: String,
    pub count: i64,
}

/// The tables that merge, and fields a merge never takes from the dropped record.
const MERGEABLE: [&str; 2] = ["crm_organizers", "crm_contacts"];
const OWN: [&str; 4] = ["id", "account_id", "created_at", "updated_at"];

impl App {
    /// What merging `drop_id` into `keep_id` would do.
    pub fn merge_plan(&self, table: &str, keep_id: &str, drop_id: &str) -> Result<MergePlan> {
        let (keep, drop) = self.merging(table, keep_id, drop_id)?;
        let result = merged(table, &keep, &drop);
        let fields = result
            .iter()
            .filter(|(field, value)| keep.get(*field) != Some(*value) || drop.get(*field) != Some(*value))
            .filter(|(field, _)| keep.get(*field) != drop.get(*field))
            .map(|(field, value)| MergeField {
                field: field.clone(),
                kept: keep.get(field).cloned().unwrap_or(Value::Null),
                dropped: drop.get(field).cloned().unwrap_or(Value::Null),
                result: value.clone(),
            })
            .collect();
        let db = self.store()?.connection();
        let mut moving = Vec::new();
        for (child, field) in children_of(table) {
            let sql = format!("SELECT count(*) FROM {child} WHERE {field} = ?1");
            let count: i64 = db.query_row(&sql, [drop_id], |r| r.get(0))?;
            if count > 0 {
                moving.push(MovingRows { table: child.into(), field: field.into(), count });
            }
        }
        Ok(MergePlan { table: table.into(), keep_id: keep_id.into(), drop_id: drop_id.into(), fields, moving })
    }

    /// Merges `drop_id` into `keep_id` (see the module) and returns the kept record.
    pub fn merge_records(&mut self, table: &str, keep_id: &str, drop_id: &str) -> Result<Row> {
        let (keep, drop) = self.merging(table, keep_id, drop_id)?;
        self.own_row_deletable(table, drop_id)?;
        let mut patch = merged(table, &keep, &drop);
        patch.retain(|field, value| keep.get(field) != Some(value));
        let mut after = keep.clone();
        after.extend(patch.clone());
        crate::records::own_rows_check(self, table, &keep, &mut after)?;
        let children = children_of(table);
        let store = self.store_mut()?;
        store.write(|w| {
            // A company keeps one primary contact: the kept company's, if it has one.
            if table == "crm_organizers" && has_primary(w, keep_id)? {
                for contact in primary_contacts(w, drop_id)? {
                    w.update("crm_contacts", &contact, row(json!({"is_primary": false})))?;
                }
            }
            for (child, field) in &children {
                for id in w.ids_where(child, field, drop_id)? {
                    w.update(child, &id, row(json!({ *field: keep_id })))?;
                }
            }
            w.delete(table, drop_id)?;
            if !patch.is_empty() {
                w.update(table, keep_id, patch)?;
            }
            Ok::<_, StoreError>(())
        })?;
        self.edited();
        self.store()?.get(table, keep_id)?.ok_or_else(|| not_found(keep_id))
    }

    fn merging(&self, table: &str, keep_id: &str, drop_id: &str) -> Result<(Row, Row)> {
        if !MERGEABLE.contains(&table) {
            let message = format!("only companies or contacts merge, not {table}");
            return Err(AppError::new(ErrorCode::Invalid, message));
        }
        self.permitted(table, Action::Update)?;
        if keep_id == drop_id {
            return Err(AppError::new(ErrorCode::Invalid, "a record cannot be merged with itself"));
        }
        let store = self.store()?;
        let keep = store.get(table, keep_id)?.ok_or_else(|| not_found(keep_id))?;
        let drop = store.get(table, drop_id)?.ok_or_else(|| not_found(drop_id))?;
        if keep["account_id"] != drop["account_id"] {
            return Err(AppError::new(ErrorCode::Invalid, "the two belong to different accounts"));
        }
        Ok((keep, drop))
    }
}

/// The kept record's writable values, its blanks filled from the dropped one. A contact that
/// was its company's primary passes that on when both are of the same company.
fn merged(table: &str, keep: &Row, drop: &Row) -> Row {
    let Some(t) = schema::table(table) else { return Row::new() };
    let mut out = Row::new();
    for column in t.columns.iter().filter(|c| !c.generated && !OWN.contains(&c.name)) {
        let kept = keep.get(column.name).cloned().unwrap_or(Value::Null);
        let value =
            if super::blank(Some(&kept)) { drop.get(column.name).cloned().unwrap_or(Value::Null) } else { kept };
        out.insert(column.name.into(), value);
    }
    if table == "crm_contacts" && drop["is_primary"] == true && text(keep, "organizer_id") == text(drop, "organizer_id")
    {
        out.insert("is_primary".into(), Value::from(true));
    }
    out
}

/// Every (table, column) that refers to `table`.
fn children_of(table: &str) -> Vec<(&'static str, &'static str)> {
    schema::tables()
        .iter()
        .flat_map(|t| {
            t.columns
                .iter()
                .filter(|c| c.references.is_some_and(|(parent, _)| parent == table))
                .map(move |c| (t.name, c.name))
        })
        .collect()
}

fn has_primary(w: &eventos_store::Writer<'_>, company: &str) -> Result<bool, StoreError> {
    Ok(!primary_contacts(w, company)?.is_empty())
}

fn primary_contacts(w: &eventos_store::Writer<'_>, company: &str) -> Result<Vec<String>, StoreError> {
    Ok(w.ids_where("crm_contacts", "organizer_id", company)?
        .into_iter()
        .filter(|id| w.get("crm_contacts", id).ok().flatten().is_some_and(|c| c["is_primary"] == true))
        .collect())
}

fn not_found(id: &str) -> AppError {
    AppError::new(ErrorCode::NotFound, format!("there is no record {id} on this computer"))
}
