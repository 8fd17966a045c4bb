-- The files of CRM documents (crm_documents.storage_path) kept on this computer: attached here
-- (written in the same transaction as the document's row, so neither is ever without the other)
-- or downloaded when opened. `upload` is the file's place in the upload queue of a connected
-- workspace: `waiting` its turn, `failed` with the server's reason until the user retries; NULL
-- once the file is on the server (or came from it, or the workspace is not connected). Local
-- only: the server keeps files in its Storage bucket.
CREATE TABLE document_files (
  storage_path TEXT PRIMARY KEY,
  content BLOB NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size = length(content)),
  upload TEXT CHECK (upload IN ('waiting', 'failed')),
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  kept_at TEXT NOT NULL
) STRICT;
CREATE INDEX document_files_to_upload ON document_files (upload) WHERE upload IS NOT NULL;
-- A document gone (deleted here, by another computer, or with an undone import) takes its file.
CREATE TRIGGER crm_documents_file_gone AFTER DELETE ON crm_documents BEGIN
  DELETE FROM document_files WHERE storage_path = OLD.storage_path;
END;
