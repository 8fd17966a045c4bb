//! Documents' files kept in the replica: kept with their row, queued for upload only when the
//! workspace captures, settled; a document deleted here queues its file's removal from the bucket
//! once the server has the delete (not while it waits, and not at all if it is discarded); a
//! tombstone from the server takes the kept file and queues nothing.
#![allow(clippy::unwrap_used)]

mod common;

use common::{fixture, row};
use eventos_store::{Outcome, Upload};
use serde_json::json;

/// A company and a document on it with its file, written as one local write.
fn attach(f: &mut common::Fixture, path: &str) -> String {
    let (account, who) = (f.account.clone(), f.organizer.clone());
    f.store
        .write(|w| {
            let company = w.insert("crm_organizers", row(json!({"account_id": account, "company_name": "Acme"})))?;
            let document = w.insert(
                "crm_documents",
                row(json!({"organizer_id": company, "file_name": "Offer.pdf", "file_type": "application/pdf",
                    "file_size": 3, "storage_path": path, "uploaded_by": who})),
            )?;
            w.keep_file(path, b"pdf", "application/pdf")?;
            Ok(document)
        })
        .unwrap()
}

#[test]
fn a_file_is_kept_with_its_row_and_queued_only_when_the_workspace_captures() {
    let mut f = fixture();
    attach(&mut f, "a/1/offline.pdf");
    assert!(f.store.files_to_upload().unwrap().is_empty(), "not connected: nothing to upload");
    assert_eq!(f.store.file_content("a/1/offline.pdf").unwrap().as_deref(), Some(&b"pdf"[..]));

    f.store.set_capture(true).unwrap();
    attach(&mut f, "a/2/online.pdf");
    let queued = f.store.files_to_upload().unwrap();
    assert_eq!(queued.iter().map(|k| k.storage_path.as_str()).collect::<Vec<_>>(), ["a/2/online.pdf"]);
    f.store.settle_upload("a/2/online.pdf", Some("Storage 413: too large")).unwrap();
    assert!(f.store.files_to_upload().unwrap().is_empty(), "a refused file waits for the user");
    let kept = f.store.kept_files(&["a/2/online.pdf".into()]).unwrap();
    assert_eq!(kept[0].upload, Upload::Failed { error: "Storage 413: too large".into() });
    assert!(f.store.retry_upload("a/2/online.pdf").unwrap());
    f.store.settle_upload("a/2/online.pdf", None).unwrap();
    assert_eq!(f.store.kept_files(&["a/2/online.pdf".into()]).unwrap()[0].upload, Upload::Done);
    assert!(f.store.upload_queue().unwrap().is_empty());
}

#[test]
fn a_deleted_documents_file_leaves_the_bucket_only_once_the_server_has_the_delete() {
    let mut f = fixture();
    f.store.set_capture(true).unwrap();
    let kept = attach(&mut f, "a/1/kept.pdf");
    let gone = attach(&mut f, "a/2/gone.pdf");
    let everything: Vec<_> = f.store.pending_changes(100).unwrap();
    let applied: Vec<_> = everything.into_iter().map(|c| (c, Outcome::Applied)).collect();
    f.store.settle(&applied).unwrap();

    f.store.write(|w| w.delete("crm_documents", &kept)).unwrap();
    f.store.write(|w| w.delete("crm_documents", &gone)).unwrap();
    assert!(f.store.file_content("a/1/kept.pdf").unwrap().is_none(), "the kept copy goes with the row");
    assert!(f.store.files_to_delete().unwrap().is_empty(), "not while the deletes wait to go up");

    let deletes = f.store.pending_changes(100).unwrap();
    let (keep_delete, gone_delete) =
        if deletes[0].row_id == kept { (&deletes[0], &deletes[1]) } else { (&deletes[1], &deletes[0]) };
    // One delete is refused and discarded (the row stays on the server, so does its file); the
    // other is applied (its file may go).
    f.store
        .settle(&[
            (keep_delete.clone(), Outcome::Refused { error: "new row violates row-level security policy".into() }),
            (gone_delete.clone(), Outcome::Applied),
        ])
        .unwrap();
    assert!(f.store.discard_change(&keep_delete.change_id).unwrap());
    assert_eq!(f.store.files_to_delete().unwrap(), ["a/2/gone.pdf"]);
    f.store.file_deleted("a/2/gone.pdf").unwrap();
    assert!(f.store.files_to_delete().unwrap().is_empty());
}

#[test]
fn a_tombstone_takes_the_kept_file_and_queues_nothing() {
    let mut f = fixture();
    f.store.set_capture(true).unwrap();
    let document = attach(&mut f, "a/1/theirs.pdf");
    let everything: Vec<_> = f.store.pending_changes(100).unwrap().into_iter().map(|c| (c, Outcome::Applied)).collect();
    f.store.settle(&everything).unwrap();
    f.store.write(|w| w.apply_tombstone("crm_documents", &document)).unwrap();
    assert!(f.store.file_content("a/1/theirs.pdf").unwrap().is_none());
    assert!(f.store.files_to_delete().unwrap().is_empty(), "whoever deleted it removes the file");
}

#[test]
fn a_document_deleted_with_its_company_leaves_the_bucket_once_the_companys_delete_is_accepted() {
    let mut f = fixture();
    f.store.set_capture(true).unwrap();
    let gone = attach(&mut f, "a/1/with-company.pdf");
    let kept = attach(&mut f, "a/2/other-company.pdf");
    let company_of = |f: &common::Fixture, document: &str| {
        f.store.get("crm_documents", document).unwrap().unwrap()["organizer_id"].as_str().unwrap().to_owned()
    };
    let (gone_company, kept_company) = (company_of(&f, &gone), company_of(&f, &kept));
    let everything: Vec<_> = f.store.pending_changes(100).unwrap().into_iter().map(|c| (c, Outcome::Applied)).collect();
    f.store.settle(&everything).unwrap();

    f.store.write(|w| w.delete("crm_organizers", &gone_company)).unwrap();
    assert!(f.store.get("crm_documents", &gone).unwrap().is_none(), "the document went with its company");
    assert!(f.store.files_to_delete().unwrap().is_empty(), "not while the company's delete waits to go up");
    let delete = f.store.pending_changes(100).unwrap();
    assert_eq!(delete.len(), 1, "one delete goes up: the server cascades too");
    f.store.settle(&[(delete[0].clone(), Outcome::Applied)]).unwrap();
    assert_eq!(f.store.files_to_delete().unwrap(), ["a/1/with-company.pdf"], "only the documents it took");
    f.store.file_deleted("a/1/with-company.pdf").unwrap();

    // A company's delete refused and given up: its document stays on the server, and its file.
    f.store.write(|w| w.delete("crm_organizers", &kept_company)).unwrap();
    let refused = f.store.pending_changes(100).unwrap();
    f.store.settle(&[(refused[0].clone(), Outcome::Refused { error: "permission denied".into() })]).unwrap();
    assert!(f.store.discard_change(&refused[0].change_id).unwrap());
    assert!(f.store.files_to_delete().unwrap().is_empty());
}
