-- A document can also go with its company or deal (ON DELETE CASCADE): its file then waits for
-- the delete of that row (after_table, after_id) to reach the server, not for a delete of its
-- own, which never comes. Local only. Rows from V9 wait for their document's own delete.
ALTER TABLE file_deletions ADD COLUMN after_table TEXT NOT NULL DEFAULT 'crm_documents';
ALTER TABLE file_deletions ADD COLUMN after_id TEXT;
UPDATE file_deletions SET after_id = document_id;
