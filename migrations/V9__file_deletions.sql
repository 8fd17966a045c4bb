-- Files to delete from the project's Storage: a document deleted here (a captured delete) leaves
-- its file's key, removed from the bucket once the row's delete has been accepted by the server.
-- Local only.
CREATE TABLE file_deletions (
  storage_path TEXT PRIMARY KEY,
  document_id TEXT NOT NULL,
  queued_at TEXT NOT NULL
) STRICT;
