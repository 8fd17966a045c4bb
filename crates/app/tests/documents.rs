//! Documents through the facade, offline over the demo replica: a file attached to a company or a
//! deal is kept with its row (same bytes back, any script in its name), refused when too large,
//! malformed or on the wrong table, and gone with its document.
#![allow(clippy::unwrap_used)]

mod common;

use base64::Engine as _;
use common::{demo, scalar};
use eventos_app::ErrorCode;
use eventos_app::crm::{AttachDocument, FileState, MAX_DOCUMENT_BYTES};

fn attach(on_table: &str, on_id: &str, file_name: &str, content: &[u8]) -> AttachDocument {
    AttachDocument {
        on_table: on_table.into(),
        on_id: on_id.into(),
        file_name: file_name.into(),
        content_base64: base64::engine::general_purpose::STANDARD.encode(content),
        document_type: Some("contract".into()),
    }
}

#[test]
fn a_file_attached_offline_is_kept_with_its_row_and_comes_back_byte_for_byte() {
    let (dir, mut app) = demo();
    let company: String = scalar(&dir, "SELECT id FROM crm_organizers ORDER BY company_name LIMIT 1");
    // Every byte value, and a name no Storage key could carry as typed.
    let content: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let before = app.documents("crm_organizers", &company).unwrap().len();

    let document =
        app.attach_document(&attach("crm_organizers", &company, "Vertrag Müller 契約 (v2).pdf", &content)).unwrap();
    assert_eq!(document.file_name, "Vertrag Müller 契約 (v2).pdf");
    assert_eq!(document.file_type, "application/pdf");
    assert_eq!(document.file_size, 70_000);
    // Not connected: nothing to upload, the file is here.
    assert_eq!(document.file, FileState::Here);
    let key = document.storage_path.rsplit('/').next().unwrap();
    assert!(key.is_ascii() && key.ends_with(".pdf"), "{key}");
    let listed = app.documents("crm_organizers", &company).unwrap();
    assert_eq!(listed.len(), before + 1);
    assert_eq!(listed.iter().find(|d| d.id == document.id).unwrap().document_type.as_deref(), Some("contract"));

    let path = app.fetch_document(&document.id).unwrap();
    assert!(path.starts_with(dir.path().join("opened")));
    assert_eq!(path.file_name().unwrap().to_str().unwrap(), "Vertrag Müller 契約 (v2).pdf");
    assert_eq!(std::fs::read(&path).unwrap(), content);

    // A deal's document belongs to its company too.
    let deal: String =
        scalar(&dir, &format!("SELECT id FROM crm_opportunities WHERE organizer_id = '{company}' LIMIT 1"));
    let proposal = app.attach_document(&attach("crm_opportunities", &deal, "proposal.docx", b"PK\x03\x04")).unwrap();
    assert!(app.documents("crm_opportunities", &deal).unwrap().iter().any(|d| d.id == proposal.id));
    assert!(app.documents("crm_organizers", &company).unwrap().iter().any(|d| d.id == proposal.id));

    // Deleting the document takes its file.
    app.delete_record("crm_documents", &document.id).unwrap();
    let kept: i64 =
        scalar(&dir, &format!("SELECT count(*) FROM document_files WHERE storage_path = '{}'", document.storage_path));
    assert_eq!(kept, 0);
    assert_eq!(app.fetch_document(&document.id).unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn a_bad_attachment_is_refused_with_the_reason_and_nothing_is_written() {
    let (dir, mut app) = demo();
    let company: String = scalar(&dir, "SELECT id FROM crm_organizers LIMIT 1");
    let count = || -> i64 { scalar(&dir, "SELECT count(*) FROM crm_documents") };
    let files = || -> i64 { scalar(&dir, "SELECT count(*) FROM document_files") };
    let (documents, kept) = (count(), files());

    let huge = vec![0u8; MAX_DOCUMENT_BYTES + 1];
    let e = app.attach_document(&attach("crm_organizers", &company, "huge.bin", &huge)).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Invalid, Some("content_base64")));
    assert!(e.message.contains("50 MB"), "{}", e.message);

    let mut broken = attach("crm_organizers", &company, "a.pdf", b"x");
    broken.content_base64 = "not base64 at all!".into();
    assert_eq!(app.attach_document(&broken).unwrap_err().code, ErrorCode::Invalid);

    let e = app.attach_document(&attach("events", &company, "a.pdf", b"x")).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("on_table"));
    let e = app.attach_document(&attach("crm_organizers", &company, "   ", b"x")).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("file_name"));
    let mut odd = attach("crm_organizers", &company, "a.pdf", b"x");
    odd.document_type = Some("poem".into());
    assert_eq!(app.attach_document(&odd).unwrap_err().field.as_deref(), Some("document_type"));
    let e = app.attach_document(&attach("crm_organizers", "no-such-company", "a.pdf", b"x")).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);

    assert_eq!((count(), files()), (documents, kept));
}
