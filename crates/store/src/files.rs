//! Documents' files kept on this computer (`document_files`, migration V7): attached here, in the
//! same transaction as their `crm_documents` row, or downloaded when opened. A file attached in a
//! connected workspace waits in the upload queue until the sync engine has put it in the
//! project's Storage; a refused upload stays, with the server's reason, until the user retries.
//! A document deleted here, itself or with its company or deal, queues its file's deletion from
//! the bucket (`file_deletions`, V9 and V10), for once the server has that delete.

use rusqlite::{OptionalExtension, Transaction, params};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use eventos_model::schema::Table;

use crate::{Result, Store, Writer};

/// A file's place in the upload queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Upload {
    /// On the server already, downloaded from it, or in a workspace that is not connected.
    Done,
    Waiting,
    Failed {
        error: String,
    },
}

/// What this computer knows of a document's file, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptFile {
    pub storage_path: String,
    pub content_type: String,
    pub size: i64,
    pub upload: Upload,
    pub attempts: i64,
}

fn now() -> String {
    OffsetDateTime::now_utc().format(&Rfc3339).unwrap_or_default()
}

impl Writer<'_> {
    /// Keeps an attached file, in the transaction that writes its document's row; a connected
    /// workspace queues it for upload.
    pub fn keep_file(&mut self, storage_path: &str, content: &[u8], content_type: &str) -> Result<()> {
        insert_file(&self.tx, storage_path, content, content_type, self.capture.is_some().then_some("waiting"))
    }
}

/// The documents (id, file) a delete of this row could remove: the document itself, or, for a
/// row whose delete can cascade to documents (a company, a deal), every document with a file —
/// the caller keeps those gone after the delete.
pub(crate) fn documents_reached(
    tx: &Transaction<'_>,
    table: &'static Table,
    id: &str,
) -> Result<Vec<(String, String)>> {
    let sql = if table.name == "crm_documents" {
        "SELECT id, storage_path FROM crm_documents WHERE id = ?1 AND storage_path IS NOT NULL"
    } else if crate::records::reachable_from(table).iter().any(|t| t.name == "crm_documents") {
        "SELECT id, storage_path FROM crm_documents WHERE ?1 IS NOT NULL AND storage_path IS NOT NULL"
    } else {
        return Ok(Vec::new());
    };
    let mut stmt = tx.prepare_cached(sql)?;
    let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Of these documents (id, file), the ones no longer here, as this transaction sees it: one
/// query however many a company's delete may have taken.
pub(crate) fn documents_gone(tx: &Transaction<'_>, documents: Vec<(String, String)>) -> Result<Vec<(String, String)>> {
    if documents.is_empty() {
        return Ok(documents);
    }
    let ids = serde_json::to_string(&documents.iter().map(|(id, _)| id).collect::<Vec<_>>()).unwrap_or_default();
    let mut stmt =
        tx.prepare_cached("SELECT value FROM json_each(?1) WHERE value NOT IN (SELECT id FROM crm_documents)")?;
    let gone: std::collections::HashSet<String> =
        stmt.query_map([ids], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(documents.into_iter().filter(|(id, _)| gone.contains(id)).collect())
}

/// Keeps a file's bytes, with its place in the upload queue (`None`: nothing to upload). A file
/// kept already stays as it is (its key is never reused for other bytes).
fn insert_file(
    conn: &rusqlite::Connection,
    storage_path: &str,
    content: &[u8],
    content_type: &str,
    upload: Option<&str>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO document_files (storage_path, content, content_type, size, upload, kept_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (storage_path) DO NOTHING",
        params![storage_path, content, content_type, content.len() as i64, upload, now()],
    )?;
    Ok(())
}

/// Queues a deleted document's file for deletion from the bucket, once the delete of
/// `after` (the document's own, or the company's or deal's it went with) reaches the server.
pub(crate) fn queue_deletion(
    tx: &Transaction<'_>,
    storage_path: &str,
    document_id: &str,
    after: (&str, &str),
) -> Result<()> {
    tx.execute(
        "INSERT INTO file_deletions (storage_path, document_id, queued_at, after_table, after_id)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (storage_path) DO NOTHING",
        params![storage_path, document_id, now(), after.0, after.1],
    )?;
    Ok(())
}

impl Store {
    /// Files whose document's delete (or its company's or deal's) the server has accepted (no
    /// change of that row is left in the outbox): they can leave the bucket.
    pub fn files_to_delete(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT storage_path FROM file_deletions d
             WHERE NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.tbl = d.after_table AND o.row_id = d.after_id)
             ORDER BY queued_at, storage_path",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// A file is out of the bucket (or was never there): forget its deletion.
    pub fn file_deleted(&mut self, storage_path: &str) -> Result<()> {
        self.conn.execute("DELETE FROM file_deletions WHERE storage_path = ?1", [storage_path])?;
        Ok(())
    }

    /// What this computer keeps of these files (the ones it has none of are left out).
    pub fn kept_files(&self, storage_paths: &[String]) -> Result<Vec<KeptFile>> {
        let paths = serde_json::to_string(storage_paths).unwrap_or_else(|_| "[]".into());
        self.kept_where("storage_path IN (SELECT value FROM json_each(?1))", [paths])
    }

    /// The files waiting for upload, oldest first (the failed ones wait for the user).
    pub fn files_to_upload(&self) -> Result<Vec<KeptFile>> {
        self.kept_where("upload = 'waiting' ORDER BY kept_at, storage_path", [])
    }

    /// Every file in the upload queue, waiting or failed, for the user to see.
    pub fn upload_queue(&self) -> Result<Vec<KeptFile>> {
        self.kept_where("upload IS NOT NULL ORDER BY kept_at, storage_path", [])
    }

    /// The kept files `condition` (with its parameters) selects, without their bytes.
    fn kept_where(&self, condition: &str, params: impl rusqlite::Params) -> Result<Vec<KeptFile>> {
        let sql = format!(
            "SELECT storage_path, content_type, size, upload, error, attempts FROM document_files WHERE {condition}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params, kept)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// A kept file's bytes.
    pub fn file_content(&self, storage_path: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row("SELECT content FROM document_files WHERE storage_path = ?1", [storage_path], |r| r.get(0))
            .optional()?)
    }

    /// Records how an upload went: done (it leaves the queue) or refused, with the reason.
    pub fn settle_upload(&mut self, storage_path: &str, refused: Option<&str>) -> Result<()> {
        self.conn.execute(
            "UPDATE document_files SET upload = CASE WHEN ?2 IS NULL THEN NULL ELSE 'failed' END,
                    error = ?2, attempts = attempts + 1
             WHERE storage_path = ?1",
            params![storage_path, refused],
        )?;
        Ok(())
    }

    /// Puts a refused upload back in line; false when it is not waiting for a retry.
    pub fn retry_upload(&mut self, storage_path: &str) -> Result<bool> {
        Ok(self.conn.execute(
            "UPDATE document_files SET upload = 'waiting', error = NULL WHERE storage_path = ?1 AND upload = 'failed'",
            [storage_path],
        )? == 1)
    }

    /// Keeps a file downloaded from the server (not queued: it is there already).
    pub fn keep_downloaded(&mut self, storage_path: &str, content: &[u8], content_type: &str) -> Result<()> {
        insert_file(&self.conn, storage_path, content, content_type, None)
    }
}

fn kept(r: &rusqlite::Row<'_>) -> rusqlite::Result<KeptFile> {
    let upload = match (r.get::<_, Option<String>>(3)?.as_deref(), r.get::<_, Option<String>>(4)?) {
        (Some("waiting"), _) => Upload::Waiting,
        (Some(_), error) => Upload::Failed { error: error.unwrap_or_default() },
        (None, _) => Upload::Done,
    };
    Ok(KeptFile { storage_path: r.get(0)?, content_type: r.get(1)?, size: r.get(2)?, upload, attempts: r.get(5)? })
}
