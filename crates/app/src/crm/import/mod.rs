//! Importing companies, contacts and deals from a CSV file: read as people's spreadsheets write
//! it (`csv.rs`), its columns mapped to fields with suggestions (`fields.rs`), every row checked
//! and its duplicates found — against the replica and within the file — before anything is
//! written (`import_preview`); then one transaction that creates, merges (the existing record's
//! values win, its gaps are filled from the file, as a merge of two records does) or skips each
//! row, and reports every rejected row with its line and reason (`run.rs`). An import can be
//! undone as a whole. Everything it writes is an ordinary edit, synced like any other.

mod csv;
mod fields;
mod rows;
mod run;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use csv::Encoding;
pub use fields::{ImportField, ImportKind};
pub use run::ImportUndone;

use crate::{App, AppError, ErrorCode, Result};

/// What to do with a row that duplicates a record (or an earlier row of the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OnDuplicate {
    /// Fill the existing record's empty fields from the row.
    Merge,
    Skip,
    /// Create a new record anyway.
    Create,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportRequest {
    pub kind: ImportKind,
    /// The CSV file (its name, when its content is given).
    pub path: String,
    /// The file's bytes in base64, when the window read it (a file picked in the app, which
    /// gives no path): then `path` is only its name.
    #[serde(default)]
    pub content_base64: Option<String>,
    /// One entry per column: the field it fills, or null to leave it out. Empty: the
    /// suggestions from the headers.
    #[serde(default)]
    pub mapping: Vec<Option<String>>,
    pub on_duplicate: OnDuplicate,
    /// Another choice than `on_duplicate` for some lines.
    #[serde(default)]
    #[ts(type = "Record<number, OnDuplicate>")]
    pub decisions: BTreeMap<usize, OnDuplicate>,
    /// Check everything and count, write nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// A row that will not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Rejected {
    pub line: usize,
    pub reason: String,
}

/// A row that is the same as a record already here, or as an earlier row of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Duplicate {
    pub line: usize,
    /// The record it duplicates, when it is in the replica.
    pub existing_id: Option<String>,
    /// The earlier line it duplicates, when it is in the file.
    pub earlier_line: Option<usize>,
    /// The duplicated record's name.
    pub name: String,
    /// What matched: email, name or website.
    pub by: String,
    /// What a merge would change: field, the value there, the file's, the result.
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldChange {
    pub field: String,
    pub existing: String,
    pub incoming: String,
    pub result: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportPreview {
    pub kind: ImportKind,
    pub encoding: Encoding,
    /// `,`, `;` or a tab.
    pub delimiter: String,
    pub headers: Vec<String>,
    /// Every field a column can fill.
    pub fields: Vec<ImportField>,
    /// The mapping in effect (the request's, else the suggestions).
    pub mapping: Vec<Option<String>>,
    pub rows: usize,
    /// The first rows as they would be imported (field → value).
    pub sample: Vec<BTreeMap<String, String>>,
    pub duplicates: Vec<Duplicate>,
    /// Rows that would be rejected (and a broken end of file), by line.
    pub problems: Vec<Rejected>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportSummary {
    /// Undoes the whole import (None for a dry run).
    pub import_id: Option<String>,
    pub created: usize,
    pub merged: usize,
    pub skipped: usize,
    /// Companies a contact or deal named that did not exist yet.
    pub companies_created: usize,
    pub rejected: Vec<Rejected>,
    pub dry_run: bool,
}

/// Larger files are refused before reading (a CSV of a million contacts is about 150 MB).
const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Rows the preview shows.
const SAMPLE: usize = 20;

fn read_file(path: &str, content_base64: Option<&str>) -> Result<csv::CsvFile> {
    let bytes = match content_base64 {
        Some(encoded) => {
            use base64::Engine as _;
            if encoded.len() as u64 > MAX_BYTES / 3 * 4 {
                return Err(too_big(path, encoded.len() as u64 / 4 * 3));
            }
            base64::engine::general_purpose::STANDARD
                .decode(encoded.trim())
                .map_err(|e| AppError::new(ErrorCode::Invalid, format!("{path} did not arrive whole: {e}")))?
        }
        None => {
            let io = |e: std::io::Error| AppError::new(ErrorCode::Io, format!("cannot read {path}: {e}"));
            let size = std::fs::metadata(path).map_err(io)?.len();
            if size > MAX_BYTES {
                return Err(too_big(path, size));
            }
            std::fs::read(path).map_err(io)?
        }
    };
    let file = csv::read(&bytes);
    if file.headers.is_empty() {
        return Err(AppError::new(ErrorCode::Invalid, format!("{path} has no header line: nothing to import")));
    }
    Ok(file)
}

fn too_big(path: &str, size: u64) -> AppError {
    let message = format!("{path} is {} MB: split it into files under {} MB", size >> 20, MAX_BYTES >> 20);
    AppError::new(ErrorCode::Invalid, message)
}

/// The request's mapping, else the suggestions from the headers; unknown fields refused.
fn mapping_of(kind: ImportKind, file: &csv::CsvFile, asked: &[Option<String>]) -> Result<Vec<Option<String>>> {
    if asked.is_empty() {
        return Ok(file.headers.iter().map(|h| fields::suggest(kind, h)).collect());
    }
    let known = fields::targets(kind);
    for field in asked.iter().flatten() {
        if !known.iter().any(|f| &f.field == field) {
            let message = format!("'{field}' is not a field of {}", kind.table());
            return Err(AppError::new(ErrorCode::Invalid, message).on_field("mapping"));
        }
    }
    let mut mapping = asked.to_vec();
    mapping.resize(file.headers.len(), None);
    Ok(mapping)
}

impl App {
    /// What importing the file would do: encoding, delimiter, the mapping, the first rows, every
    /// duplicate with what a merge would change, every row that would be rejected.
    pub fn import_preview(&self, request: &ImportRequest) -> Result<ImportPreview> {
        let kind = request.kind;
        self.permitted(kind.table(), crate::records::Action::Create)?;
        let file = read_file(&request.path, request.content_base64.as_deref())?;
        let mapping = &request.mapping;
        let mapping = mapping_of(kind, &file, mapping)?;
        let prepared = rows::prepare(kind, &file, &mapping);
        let known = rows::Known::load(self.store()?, kind)?;
        let duplicates = rows::duplicates(self.store()?, &known, kind, &prepared)?;
        let mut problems: Vec<Rejected> =
            prepared.iter().filter_map(|p| p.problem.clone().map(|reason| Rejected { line: p.line, reason })).collect();
        if let Some((line, reason)) = &file.broken {
            problems.push(Rejected { line: *line, reason: reason.clone() });
        }
        Ok(ImportPreview {
            kind,
            encoding: file.encoding,
            delimiter: if file.delimiter == '\t' { "tab".into() } else { file.delimiter.to_string() },
            fields: fields::targets(kind),
            rows: file.rows.len(),
            sample: prepared.iter().take(SAMPLE).map(rows::Prepared::shown).collect(),
            headers: file.headers,
            mapping,
            duplicates,
            problems,
        })
    }
}
