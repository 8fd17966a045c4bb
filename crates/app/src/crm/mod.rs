//! The CRM: client companies with their people and open pipeline (this file), the pipeline
//! board and its moves, and activities with My day.

mod activities;
mod contacts;
mod documents;
pub mod import;
mod merge;
mod pipeline;
mod reminders;
mod templates;

pub use activities::{DayItem, MyDay, QuickLog};
pub use documents::{AttachDocument, DocumentFetch, DocumentItem, FileState, MAX_DOCUMENT_BYTES, UploadItem};
pub use merge::{MergeField, MergePlan, MovingRows};
pub use pipeline::{Board, BoardColumn, BoardOwner, BoardQuery, Card, Closing, MonthForecast};
pub use reminders::Reminders;
pub use templates::{RenderedEmail, VARIABLES, variables_in};

/// Whether a value counts as not there: null, blank text, an empty list or object (a merge
/// fills such a field from the other record).
pub(crate) fn blank(value: Option<&serde_json::Value>) -> bool {
    use serde_json::Value;
    match value {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        _ => false,
    }
}

/// The CRM's screens' reads off the App's lock, for the shell.
impl crate::Reads {
    pub fn pipeline_board(&self, query: &BoardQuery) -> Result<Board> {
        self.with(|view| pipeline::board(view, query))
    }

    pub fn my_day(&self, utc_offset_minutes: i32) -> Result<MyDay> {
        self.with(|view| activities::my_day_now(view, utc_offset_minutes))
    }
}

use serde::Serialize;
use ts_rs::TS;

use crate::{App, AppError, ErrorCode, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CompanySummary {
    pub id: String,
    pub company_name: String,
    pub industry: Option<String>,
    /// active, inactive, prospect or archived.
    pub status: Option<String>,
    /// The sales rep the company is assigned to.
    pub owner_name: Option<String>,
    pub contacts: i64,
    pub open_opportunities: i64,
    /// The open opportunities' value, an exact decimal (`"45000.00"`), in CAD.
    pub open_pipeline: String,
}

impl App {
    /// Every client company, by name.
    pub fn companies(&self) -> Result<Vec<CompanySummary>> {
        let conn = self.store()?.connection();
        let mut stmt = conn.prepare_cached(
            "SELECT o.id, o.company_name, o.industry, o.status, p.full_name, \
                    (SELECT count(*) FROM crm_contacts c WHERE c.organizer_id = o.id), \
                    (SELECT json_group_array(op.value) FROM crm_opportunities op \
                      WHERE op.organizer_id = o.id AND op.status = 'open') \
             FROM crm_organizers o LEFT JOIN profiles p ON p.id = o.assigned_to \
             ORDER BY o.company_name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| {
            let values: String = r.get(6)?;
            let company = CompanySummary {
                id: r.get(0)?,
                company_name: r.get(1)?,
                industry: r.get(2)?,
                status: r.get(3)?,
                owner_name: r.get(4)?,
                contacts: r.get(5)?,
                open_opportunities: 0,
                open_pipeline: String::new(),
            };
            Ok((company, values))
        })?;
        rows.map(|row| {
            let (mut company, values) = row?;
            let values: Vec<String> = serde_json::from_str(&values).unwrap_or_default();
            company.open_opportunities = values.len() as i64;
            // Exact: the values are numeric(12,2) text; summing them as REAL could drift.
            company.open_pipeline =
                eventos_model::decimal::sum(values.iter().map(String::as_str), 2).ok_or_else(|| {
                    AppError::new(
                        ErrorCode::Internal,
                        format!("{} has an opportunity value that is not a decimal", company.company_name),
                    )
                })?;
            Ok(company)
        })
        .collect()
    }
}
