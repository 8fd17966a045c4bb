//! The import itself: one transaction over the whole file (nothing is written if it fails, or
//! for a dry run), and an undo log beside the replica so the whole import can be taken back.

use std::collections::HashMap;

use eventos_store::{Row, StoreError, Writer};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use ts_rs::TS;

use super::fields::{ImportKind, company_key, squash};
use super::rows::{self, Known, Prepared, blank, keys};
use super::{ImportRequest, ImportSummary, OnDuplicate, Rejected, mapping_of, read_file};
use crate::records::Action;
use crate::{App, AppError, ErrorCode, Result};

/// What an import wrote, to undo it.
#[derive(Debug, Default, Serialize, Deserialize)]
struct UndoLog {
    /// (table, id) in the order they were made.
    created: Vec<(String, String)>,
    /// (table, id, the fields it changed with their values before).
    merged: Vec<(String, String, Row)>,
}

/// What undoing an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportUndone {
    pub deleted: usize,
    pub restored: usize,
}

/// Rolls a dry run back (never shown: the summary is returned instead).
fn dry_run_marker() -> StoreError {
    StoreError::Invalid(eventos_model::ValidationError::new("import", "dry_run", "a dry run writes nothing"))
}

struct Import<'k> {
    kind: ImportKind,
    known: &'k Known,
    /// The workspace's account (a company has no parent to take it from) and the person importing.
    account: String,
    me: String,
    /// Keys of records made or matched so far → their id.
    ids: HashMap<String, String>,
    companies: HashMap<String, String>,
    log: UndoLog,
    summary: ImportSummary,
}

impl App {
    /// Imports a CSV file (see the module); every rejected row is in the summary with its line.
    pub fn import_csv(&mut self, request: &ImportRequest) -> Result<ImportSummary> {
        let kind = request.kind;
        self.permitted(kind.table(), Action::Create)?;
        let file = read_file(&request.path, request.content_base64.as_deref())?;
        let mapping = mapping_of(kind, &file, &request.mapping)?;
        let prepared = rows::prepare(kind, &file, &mapping);
        let known = Known::load(self.store()?, kind)?;
        let (account, me) = crate::organize::account_and_organizer(self.store()?)?;
        let mut import = Import {
            kind,
            known: &known,
            account,
            me,
            ids: HashMap::new(),
            companies: HashMap::new(),
            log: UndoLog::default(),
            summary: ImportSummary {
                import_id: None,
                created: 0,
                merged: 0,
                skipped: 0,
                companies_created: 0,
                rejected: Vec::new(),
                dry_run: request.dry_run,
            },
        };
        if let Some((line, reason)) = &file.broken {
            import.summary.rejected.push(Rejected { line: *line, reason: reason.clone() });
        }
        let result = self.store_mut()?.write(|w| {
            for row in &prepared {
                let choice = request.decisions.get(&row.line).copied().unwrap_or(request.on_duplicate);
                import.row(w, row, choice)?;
            }
            if request.dry_run { Err(dry_run_marker()) } else { Ok(()) }
        });
        match result {
            Err(StoreError::Invalid(e)) if request.dry_run && e.field == "dry_run" => {}
            other => other?,
        }
        import.summary.rejected.sort_by_key(|r| r.line);
        if request.dry_run {
            return Ok(import.summary);
        }
        self.edited();
        let id = uuid::Uuid::new_v4().to_string();
        let log = serde_json::to_vec(&import.log).map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
        let dir = self.data_dir.join("imports");
        let written = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(dir.join(format!("{id}.json")), log));
        // The import stands either way; without its log it cannot be undone, which is said.
        import.summary.import_id = written.is_ok().then_some(id);
        Ok(import.summary)
    }

    /// Takes a whole import back: the records it made are deleted, the ones it merged into get
    /// their values from before.
    pub fn undo_import(&mut self, import_id: &str) -> Result<ImportUndone> {
        let path = self.data_dir.join("imports").join(format!("{}.json", import_id.trim()));
        let text = std::fs::read(&path).map_err(|_| {
            AppError::new(ErrorCode::NotFound, format!("there is no import {import_id} to undo on this computer"))
        })?;
        let log: UndoLog = serde_json::from_slice(&text)
            .map_err(|e| AppError::new(ErrorCode::Invalid, format!("the undo log is damaged: {e}")))?;
        let mut undone = ImportUndone { deleted: 0, restored: 0 };
        self.store_mut()?.write(|w| {
            for (table, id, before) in log.merged.iter().rev() {
                if w.get(table, id)?.is_some() {
                    w.update(table, id, before.clone())?;
                    undone.restored += 1;
                }
            }
            for (table, id) in log.created.iter().rev() {
                if w.get(table, id)?.is_some() {
                    w.delete(table, id)?;
                    undone.deleted += 1;
                }
            }
            Ok::<_, StoreError>(())
        })?;
        self.edited();
        let _ = std::fs::rename(&path, path.with_extension("undone"));
        Ok(undone)
    }
}

impl Import<'_> {
    fn reject(&mut self, line: usize, reason: impl Into<String>) {
        self.summary.rejected.push(Rejected { line, reason: reason.into() });
    }

    fn row(&mut self, w: &mut Writer<'_>, row: &Prepared, choice: OnDuplicate) -> Result<(), StoreError> {
        if let Some(problem) = &row.problem {
            self.reject(row.line, problem.clone());
            return Ok(());
        }
        let mut values = row.row.clone();
        if matches!(self.kind, ImportKind::Contacts | ImportKind::Opportunities) {
            let company = self.company(w, row.get("company"))?;
            values.insert("organizer_id".into(), Value::from(company));
        }
        if self.kind == ImportKind::Opportunities {
            let wanted = row.get("stage");
            let stage = if wanted.is_empty() {
                self.known.first_stage.clone()
            } else {
                self.known.stages.get(&squash(wanted)).cloned()
            };
            let Some((stage, probability)) = stage else {
                self.reject(row.line, format!("there is no pipeline stage named '{wanted}'"));
                return Ok(());
            };
            values.insert("stage_id".into(), Value::from(stage));
            values.entry("probability").or_insert(Value::from(probability));
        }
        if matches!(self.kind, ImportKind::Companies | ImportKind::Opportunities) {
            values.entry("assigned_to").or_insert(Value::from(self.me.clone()));
        }
        if self.kind == ImportKind::Companies {
            values.insert("account_id".into(), Value::from(self.account.clone()));
        }
        let keys = keys(self.kind, &row.values);
        let existing = keys.iter().find_map(|(_, key)| {
            self.ids.get(key).cloned().or_else(|| self.known.records.get(key).map(|(id, _)| id.clone()))
        });
        let table = self.kind.table();
        match (existing, choice) {
            (Some(_), OnDuplicate::Skip) => self.summary.skipped += 1,
            (Some(id), OnDuplicate::Merge) => {
                let stored = w.get(table, &id)?.unwrap_or_default();
                let patch: Row = values
                    .into_iter()
                    .filter(|(field, value)| blank(stored.get(field)) && !blank(Some(value)))
                    .collect();
                if !patch.is_empty() {
                    let before: Row =
                        patch.keys().map(|f| (f.clone(), stored.get(f).cloned().unwrap_or(Value::Null))).collect();
                    if let Err(e) = w.update(table, &id, patch) {
                        self.reject(row.line, e.to_string());
                        return Ok(());
                    }
                    self.log.merged.push((table.into(), id.clone(), before));
                }
                self.summary.merged += 1;
                for (_, key) in keys {
                    self.ids.insert(key, id.clone());
                }
            }
            _ => match w.insert(table, values) {
                Ok(id) => {
                    self.summary.created += 1;
                    self.log.created.push((table.into(), id.clone()));
                    for (_, key) in keys {
                        self.ids.entry(key).or_insert_with(|| id.clone());
                    }
                }
                Err(e @ (StoreError::Invalid(_) | StoreError::Constraint { .. })) => {
                    self.reject(row.line, e.to_string())
                }
                Err(other) => return Err(other),
            },
        }
        Ok(())
    }

    /// The company a contact or deal names: one here or made earlier in this import, else a new one.
    fn company(&mut self, w: &mut Writer<'_>, name: &str) -> Result<String, StoreError> {
        let key = company_key(name);
        if let Some(id) = self.companies.get(&key).or_else(|| self.known.companies.get(&key)) {
            return Ok(id.clone());
        }
        let row =
            json!({"company_name": name, "account_id": self.account, "assigned_to": self.me, "status": "prospect"});
        let id = w.insert("crm_organizers", row.as_object().cloned().unwrap_or_default())?;
        self.summary.companies_created += 1;
        self.log.created.push(("crm_organizers".into(), id.clone()));
        self.companies.insert(key, id.clone());
        Ok(id)
    }
}
