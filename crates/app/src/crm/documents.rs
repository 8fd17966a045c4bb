//! Documents on a company or a deal (contracts, proposals …): a file attached offline is kept in
//! the replica with its `crm_documents` row, in one transaction, and goes up to the project's
//! Storage bucket with the next sync (the upload queue: waiting, failed with the server's reason,
//! retry). Another computer downloads the file the first time it is opened — off the App's
//! lock, so a slow download never holds up a scan. Opening hands a copy in the data folder's
//! `opened/` to the program the computer uses for that type.

use std::path::PathBuf;
use std::sync::Arc;

use base64::Engine as _;
use eventos_store::{Filter, FilterOp, KeptFile, RecordQuery, Row, Sort, Upload};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use ts_rs::TS;

use crate::records::Action;
use crate::sync::{Shared, off_runtime, remote_error};
use crate::{App, AppError, ErrorCode, Result, row, text};

/// The largest file attached (the bucket's limit, 50 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 50 * 1024 * 1024;

/// The most documents a company's or deal's list shows (the record layer's largest page).
const MOST_LISTED: u32 = 500;

const KINDS: [&str; 5] = ["contract", "proposal", "invoice", "presentation", "other"];

/// A file to attach, read in the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttachDocument {
    /// `crm_organizers` or `crm_opportunities`.
    pub on_table: String,
    pub on_id: String,
    pub file_name: String,
    /// The file's bytes, base64.
    pub content_base64: String,
    /// contract, proposal, invoice, presentation or other.
    #[serde(default)]
    pub document_type: Option<String>,
}

/// Where a document's file is, as its row on the page says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum FileState {
    /// On this computer and on the server.
    Here,
    /// Attached here; it goes up with the next sync.
    WaitingUpload,
    /// The server refused it: retry, or delete the document.
    UploadFailed { error: String },
    /// On the server only: downloaded when opened.
    OnServer,
}

/// One document of a company or deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocumentItem {
    pub id: String,
    pub file_name: String,
    /// Its MIME type.
    pub file_type: String,
    pub file_size: i64,
    pub document_type: Option<String>,
    pub version: Option<i64>,
    pub is_signed: bool,
    pub signed_at: Option<String>,
    pub created_at: Option<String>,
    pub storage_path: String,
    pub file: FileState,
}

/// A file waiting to go up, or refused, for the Sync screen's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UploadItem {
    pub document_id: Option<String>,
    pub file_name: String,
    pub size: i64,
    pub storage_path: String,
    /// Why the server refused it; `None` while it waits its turn.
    pub error: Option<String>,
    pub attempts: i64,
}

/// The MIME type of a file name's extension (what Storage and the opening program go by).
fn content_type(file_name: &str) -> &'static str {
    let extension = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// A name Storage takes as part of a key (ASCII letters, digits, `-_.`; the rest `_`), never
/// empty; the document keeps the name as typed.
fn key_name(file_name: &str) -> String {
    let safe: String =
        file_name.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect();
    let safe = safe.trim_matches('.').chars().take(120).collect::<String>();
    if safe.is_empty() { "file".to_owned() } else { safe }
}

/// A file name as typed, made safe for this computer's folders (no separators or controls).
fn local_name(file_name: &str) -> String {
    let safe: String =
        file_name.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect();
    let safe = safe.trim().trim_matches('.').to_owned();
    if safe.is_empty() { "document".to_owned() } else { safe }
}

fn state(kept: Option<&KeptFile>) -> FileState {
    match kept.map(|k| &k.upload) {
        None => FileState::OnServer,
        Some(Upload::Done) => FileState::Here,
        Some(Upload::Waiting) => FileState::WaitingUpload,
        Some(Upload::Failed { error }) => FileState::UploadFailed { error: error.clone() },
    }
}

fn item(document: &Row, kept: &[KeptFile]) -> DocumentItem {
    let path = text(document, "storage_path");
    DocumentItem {
        id: text(document, "id"),
        file_name: text(document, "file_name"),
        file_type: text(document, "file_type"),
        file_size: document.get("file_size").and_then(Value::as_i64).unwrap_or(0),
        document_type: document.get("document_type").and_then(Value::as_str).map(str::to_owned),
        version: document.get("version").and_then(Value::as_i64),
        is_signed: document.get("is_signed").and_then(Value::as_bool).unwrap_or(false),
        signed_at: document.get("signed_at").and_then(Value::as_str).map(str::to_owned),
        created_at: document.get("created_at").and_then(Value::as_str).map(str::to_owned),
        file: state(kept.iter().find(|k| k.storage_path == path)),
        storage_path: path,
    }
}

impl App {
    /// Attaches a file to a company or a deal: its row (uploaded by the signed-in person, as the
    /// record layer fills it) and its bytes in one transaction; a connected workspace uploads it
    /// with the next sync.
    pub fn attach_document(&mut self, attach: &AttachDocument) -> Result<DocumentItem> {
        let link = match attach.on_table.as_str() {
            "crm_organizers" => "organizer_id",
            "crm_opportunities" => "opportunity_id",
            other => {
                let message = format!("documents are attached to companies or deals, not {other}");
                return Err(AppError::new(ErrorCode::Invalid, message).on_field("on_table"));
            }
        };
        let file_name = attach.file_name.trim();
        if file_name.is_empty() {
            return Err(AppError::new(ErrorCode::Invalid, "the file has no name").on_field("file_name"));
        }
        let kind = attach.document_type.as_deref().unwrap_or("other");
        if !KINDS.contains(&kind) {
            let message = format!("'{kind}' is not a kind of document ({})", KINDS.join(", "));
            return Err(AppError::new(ErrorCode::Invalid, message).on_field("document_type"));
        }
        // Checked on the encoded length first, so a huge file is refused before it is decoded.
        if attach.content_base64.len() / 4 * 3 > MAX_DOCUMENT_BYTES + 3 {
            return Err(too_large());
        }
        let content = base64::engine::general_purpose::STANDARD
            .decode(attach.content_base64.trim())
            .map_err(|e| AppError::new(ErrorCode::Invalid, format!("the file did not arrive whole ({e})")))?;
        if content.len() > MAX_DOCUMENT_BYTES {
            return Err(too_large());
        }
        let on = self.store()?.get(&attach.on_table, &attach.on_id)?.ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!("there is no {} {} on this computer", attach.on_table, attach.on_id),
            )
        })?;
        let id = uuid::Uuid::new_v4().to_string();
        let path = format!("{}/{id}/{}", text(&on, "account_id"), key_name(file_name));
        let mime = content_type(file_name);
        let mut values = row(json!({"id": id, "file_name": file_name, "file_type": mime,
            "file_size": content.len(), "storage_path": path, "document_type": kind, "version": 1,
            link: on["id"]}));
        if link == "opportunity_id" {
            values.insert("organizer_id".into(), on["organizer_id"].clone());
        }
        let document = self.create_record_with("crm_documents", values, |w, _| w.keep_file(&path, &content, mime))?;
        let kept = self.store()?.kept_files(std::slice::from_ref(&path))?;
        Ok(item(&document, &kept))
    }

    /// The documents of a company (its deals' too) or of a deal, newest first, with where
    /// their files are.
    pub fn documents(&self, on_table: &str, on_id: &str) -> Result<Vec<DocumentItem>> {
        self.permitted("crm_documents", Action::Read)?;
        let column = match on_table {
            "crm_organizers" => "organizer_id",
            "crm_opportunities" => "opportunity_id",
            other => return Err(AppError::new(ErrorCode::Invalid, format!("{other} has no documents"))),
        };
        let store = self.store()?;
        // Through the record layer: one query, rows typed by the registry, newest first.
        let query = RecordQuery {
            filters: vec![is(column, on_id)],
            sort: Some(Sort { field: "created_at".into(), descending: true }),
            limit: Some(MOST_LISTED),
            ..RecordQuery::default()
        };
        let documents = store.list("crm_documents", &query)?.rows;
        let paths: Vec<String> = documents.iter().map(|d| text(d, "storage_path")).collect();
        let kept = store.kept_files(&paths)?;
        Ok(documents.iter().map(|d| item(d, &kept)).collect())
    }

    /// How to get the document's file into the data folder's `opened/<id>/<file name>`: it is
    /// here, or it is downloaded first. Quick; the download itself runs in
    /// [`DocumentFetch::fetch`], which the shell calls after letting go of the App's lock.
    pub fn document_fetch(&self, id: &str) -> Result<DocumentFetch> {
        self.permitted("crm_documents", Action::Read)?;
        let document = self
            .store()?
            .get("crm_documents", id)?
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("there is no document {id} on this computer")))?;
        let storage_path = text(&document, "storage_path");
        let target = self.data_dir.join("opened").join(id).join(local_name(&text(&document, "file_name")));
        let source = match self.store()?.file_content(&storage_path)? {
            Some(content) => Source::Here(content),
            None => Source::Server {
                shared: self.sync.as_ref().map(|w| Arc::clone(&w.shared)).ok_or_else(|| {
                    AppError::new(
                        ErrorCode::NotFound,
                        "the file is not on this computer, and this workspace is not connected",
                    )
                })?,
                db: self.db_path(),
                storage_path,
                content_type: text(&document, "file_type"),
            },
        };
        Ok(DocumentFetch { target, source })
    }

    /// The document's file in the data folder (downloaded first if only the server has it).
    pub fn fetch_document(&self, id: &str) -> Result<PathBuf> {
        self.document_fetch(id)?.fetch()
    }

    /// Files waiting to go up, and refused ones.
    pub fn upload_queue(&self) -> Result<Vec<UploadItem>> {
        let store = self.store()?;
        store
            .upload_queue()?
            .into_iter()
            .map(|file| {
                let document = document_of_file(store, &file.storage_path)?;
                Ok(UploadItem {
                    document_id: document.as_ref().map(|d| text(d, "id")),
                    file_name: document.as_ref().map_or_else(|| file.storage_path.clone(), |d| text(d, "file_name")),
                    size: file.size,
                    error: match file.upload {
                        Upload::Failed { error } => Some(error),
                        _ => None,
                    },
                    attempts: file.attempts,
                    storage_path: file.storage_path,
                })
            })
            .collect()
    }

    /// Puts a refused upload back in line and syncs.
    pub fn retry_upload(&mut self, storage_path: &str) -> Result<Vec<UploadItem>> {
        if !self.store_mut()?.retry_upload(storage_path)? {
            return Err(AppError::new(ErrorCode::NotFound, "that file is not waiting for a retry"));
        }
        self.edited();
        self.upload_queue()
    }
}

/// A document's file on its way to the opened folder (see [`App::document_fetch`]).
pub struct DocumentFetch {
    target: PathBuf,
    source: Source,
}

enum Source {
    Here(Vec<u8>),
    /// Only the server has it: downloaded through the sync's client (a sync in flight finishes
    /// first), then kept in the replica through a connection of its own.
    Server {
        shared: Arc<Shared>,
        db: PathBuf,
        storage_path: String,
        content_type: String,
    },
}

impl DocumentFetch {
    /// Writes the file to its place in the opened folder (downloading it first if need be).
    pub fn fetch(self) -> Result<PathBuf> {
        let content = match self.source {
            Source::Here(content) => content,
            Source::Server { shared, db, storage_path, content_type } => {
                let found = off_runtime(|| {
                    let mut client = shared.pause();
                    let client = client
                        .as_mut()
                        .ok_or_else(|| AppError::new(ErrorCode::SessionEnded, "sign in again to download the file"))?;
                    eventos_sync::Remote::download_file(client, &storage_path).map_err(remote_error)
                })?;
                let content = found.ok_or_else(|| {
                    AppError::new(
                        ErrorCode::NotFound,
                        "the file is not on the server yet: the computer it was attached on has not synced it",
                    )
                })?;
                eventos_store::Store::open(&db)?.keep_downloaded(&storage_path, &content, &content_type)?;
                content
            }
        };
        let target = self.target;
        let io = |e: std::io::Error| AppError::new(ErrorCode::Io, format!("cannot write {}: {e}", target.display()));
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder).map_err(io)?;
        }
        std::fs::write(&target, &content).map_err(io)?;
        Ok(target)
    }

    /// Fetches the file, then opens it in the program this computer uses for its type.
    pub fn open(self) -> Result<String> {
        let path = self.fetch()?;
        crate::links::hand_to_os(path.as_os_str())?;
        Ok(path.display().to_string())
    }
}

/// The document whose file this is.
fn document_of_file(store: &eventos_store::Store, path: &str) -> Result<Option<Row>> {
    let query = RecordQuery { filters: vec![is("storage_path", path)], limit: Some(1), ..RecordQuery::default() };
    Ok(store.list("crm_documents", &query)?.rows.into_iter().next())
}

/// `field` is `value`.
fn is(field: &str, value: &str) -> Filter {
    Filter { field: field.into(), op: FilterOp::Is, value: Some(Value::from(value)) }
}

fn too_large() -> AppError {
    AppError::new(
        ErrorCode::Invalid,
        format!("the file is larger than {} MB, the most a document can be", MAX_DOCUMENT_BYTES / (1024 * 1024)),
    )
    .on_field("content_base64")
}

#[cfg(test)]
mod tests {
    use super::{content_type, key_name, local_name};

    #[test]
    fn names_are_made_safe_for_storage_and_folders() {
        assert_eq!(key_name("Vertrag Müller (v2).pdf"), "Vertrag_M_ller__v2_.pdf");
        assert_eq!(key_name("契約.pdf"), "__.pdf");
        assert_eq!(key_name("..."), "file");
        assert_eq!(local_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(local_name("契約書.pdf"), "契約書.pdf");
        assert_eq!(content_type("Offer.PDF"), "application/pdf");
        assert_eq!(content_type("notes"), "application/octet-stream");
    }
}
