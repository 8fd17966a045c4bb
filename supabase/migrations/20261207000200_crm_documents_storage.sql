-- CRM documents' files (issue 14): a private Storage bucket, `crm-documents`, holding each file at
-- `<account_id>/<document_id>/<file name>` (the row's `storage_path`). Who may do what follows
-- the crm_documents rows (20261122000200_rls.sql):
--   upload   the account's CRM users (owners, admins, managers, members) into their account's
--            folder; the file goes up before its row, so the row cannot be asked for yet;
--   download whoever sees a crm_documents row naming the file (the subquery goes through that
--            table's policies), and its uploader;
--   delete   its uploader, and the account's owners and admins.
-- No update: a file is never replaced (a new version is a new document row).

INSERT INTO storage.buckets (id, name, public, file_size_limit)
VALUES ('crm-documents', 'crm-documents', false, 52428800)
ON CONFLICT (id) DO NOTHING;

CREATE POLICY "crm users upload documents into their account's folder" ON storage.objects
  FOR INSERT TO authenticated
  WITH CHECK (bucket_id = 'crm-documents'
              AND owner = (SELECT auth.uid())
              AND (storage.foldername(name))[1] = ANY (
                (SELECT private.account_ids_with_role('owner', 'admin', 'manager', 'member'))::text[]));

CREATE POLICY "crm users download the documents they see" ON storage.objects
  FOR SELECT TO authenticated
  USING (bucket_id = 'crm-documents'
         AND (owner = (SELECT auth.uid())
              OR EXISTS (SELECT 1 FROM public.crm_documents d WHERE d.storage_path = objects.name)));

CREATE POLICY "uploaders and account admins delete documents" ON storage.objects
  FOR DELETE TO authenticated
  USING (bucket_id = 'crm-documents'
         AND (owner = (SELECT auth.uid())
              OR (storage.foldername(name))[1] = ANY (
                (SELECT private.account_ids_with_role('owner', 'admin'))::text[])));
