//! Uploading the files of documents attached on this computer, before the outbox goes up: a
//! refused file stays with the server's reason (the rest go on); a network or session error
//! stops the sync, as it does for the outbox. After the push, the files of documents deleted
//! here whose delete the server accepted leave the bucket.

use eventos_store::Store;

use crate::{Remote, RemoteError, Report, SyncError};

pub(crate) fn upload_all(store: &mut Store, remote: &mut dyn Remote, report: &mut Report) -> Result<(), SyncError> {
    for file in store.files_to_upload()? {
        let Some(content) = store.file_content(&file.storage_path)? else { continue };
        match remote.upload_file(&file.storage_path, &content, &file.content_type) {
            Ok(()) => {
                store.settle_upload(&file.storage_path, None)?;
                report.uploaded += 1;
            }
            Err(RemoteError::Refused(why)) => {
                store.settle_upload(&file.storage_path, Some(&why))?;
                report.uploads_refused += 1;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

pub(crate) fn delete_all(store: &mut Store, remote: &mut dyn Remote) -> Result<(), SyncError> {
    for path in store.files_to_delete()? {
        match remote.delete_file(&path) {
            // Refused (say the account's admin deleted it first): nothing more to do here.
            Ok(()) | Err(RemoteError::Refused(_)) => store.file_deleted(&path)?,
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}
