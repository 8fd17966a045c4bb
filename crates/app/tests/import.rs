//! CSV imports through the facade, against hostile files written here: a BOM, CRLF, semicolons,
//! quoted fields holding delimiters, quotes and line breaks, blank lines, Windows-1252 accents,
//! a row whose quote is never closed, missing values, duplicates in the file and against the
//! replica; 10k rows; a dry run and an undo that leave the replica as it was.
#![allow(clippy::unwrap_used)]

mod common;

use common::{demo, scalar};

use eventos_app::crm::import::{ImportKind, ImportRequest, OnDuplicate};
use eventos_app::{App, ErrorCode};

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

fn request(kind: ImportKind, path: &str, on_duplicate: OnDuplicate) -> ImportRequest {
    ImportRequest {
        kind,
        path: path.into(),
        content_base64: None,
        mapping: vec![],
        on_duplicate,
        decisions: Default::default(),
        dry_run: false,
    }
}

/// An existing contact of the demo, and its company's name.
fn existing_contact(dir: &tempfile::TempDir) -> (String, String, String) {
    let id: String = scalar(dir, "SELECT id FROM crm_contacts WHERE mobile IS NULL ORDER BY id LIMIT 1");
    let email: String = scalar(dir, &format!("SELECT email FROM crm_contacts WHERE id = '{id}'"));
    let company: String = scalar(
        dir,
        &format!(
            "SELECT o.company_name FROM crm_contacts c JOIN crm_organizers o ON o.id = c.organizer_id WHERE c.id = '{id}'"
        ),
    );
    (id, email, company)
}

#[test]
fn a_hostile_contacts_file_is_previewed_imported_with_merges_and_undone() {
    let (dir, mut app) = demo();
    let (existing, email, company) = existing_contact(&dir);
    let files = tempfile::tempdir().unwrap();
    let text = format!(
        "\u{feff}First Name;Last Name;E-mail Address;Organization;Mobile;Notes\r\n\
         Ana;Lima;ana@example.com;\"Rideau; Events\";+1 613 555 0100;\"She said \"\"call me\"\"\r\nafter 5\"\r\n\
         \r\n\
         Old;Name; {} ;{company};+1 416 555 0199;merge me\r\n\
         Bo;Chen;;\"Rideau; Events\";;no email\r\n\
         Ana;L.;ANA@example.com ;\"Rideau; Events\";;same as line 2\r\n\
         Zoë;Ferreira;zoe@example.com;Nordlicht GmbH;;\r\n\
         Broken;\"Row;x@example.com;Acme;;\r\n\
         Never;Read;never@example.com;Acme;;\r\n",
        email.to_uppercase()
    );
    let path = write(&files, "contacts.csv", text.as_bytes());

    let preview = app.import_preview(&request(ImportKind::Contacts, &path, OnDuplicate::Merge)).unwrap();
    assert_eq!(preview.delimiter, ";");
    assert_eq!(format!("{:?}", preview.encoding), "Utf8Bom");
    assert_eq!(
        preview.mapping,
        [Some("first_name"), Some("last_name"), Some("email"), Some("company"), Some("mobile"), Some("notes")]
            .map(|f| f.map(str::to_owned))
    );
    assert_eq!(preview.sample[0]["full_name"], "Ana Lima");
    assert_eq!(preview.sample[0]["company"], "Rideau; Events");
    assert_eq!(preview.sample[0]["notes"], "She said \"call me\"\nafter 5");
    let against_replica = preview.duplicates.iter().find(|d| d.line == 5).unwrap();
    assert_eq!(against_replica.existing_id.as_deref(), Some(existing.as_str()));
    assert_eq!(against_replica.by, "email");
    let mobile = against_replica.changes.iter().find(|c| c.field == "mobile").unwrap();
    assert_eq!(mobile.result, "+1 416 555 0199", "a merge fills the empty mobile");
    let name = against_replica.changes.iter().find(|c| c.field == "full_name").unwrap();
    assert_ne!(name.result, "Old Name", "and keeps the name there");
    let in_file = preview.duplicates.iter().find(|d| d.line == 7).unwrap();
    assert_eq!(in_file.earlier_line, Some(2));
    let lines: Vec<usize> = preview.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [6, 9], "{:?}", preview.problems);
    assert!(preview.problems[0].reason.contains("Email is missing"), "{:?}", preview.problems[0]);
    assert!(preview.problems[1].reason.contains("never closed"), "{:?}", preview.problems[1]);

    // A dry run counts and writes nothing.
    let contacts =
        |app: &App| -> i64 { app.record_tables().unwrap().iter().find(|t| t.name == "crm_contacts").unwrap().count };
    let companies: i64 = scalar(&dir, "SELECT count(*) FROM crm_organizers");
    let before = contacts(&app);
    let dry = app
        .import_csv(&ImportRequest { dry_run: true, ..request(ImportKind::Contacts, &path, OnDuplicate::Merge) })
        .unwrap();
    assert_eq!((dry.created, dry.merged, dry.import_id.as_deref()), (2, 2, None));
    assert_eq!(contacts(&app), before);
    assert_eq!(scalar::<i64>(&dir, "SELECT count(*) FROM crm_organizers"), companies);

    let done = app.import_csv(&request(ImportKind::Contacts, &path, OnDuplicate::Merge)).unwrap();
    assert_eq!((done.created, done.merged, done.skipped, done.companies_created), (2, 2, 0, 2));
    let rejected: Vec<usize> = done.rejected.iter().map(|r| r.line).collect();
    assert_eq!(rejected, [6, 9]);
    assert_eq!(contacts(&app), before + 2);
    let merged: String = scalar(&dir, &format!("SELECT mobile FROM crm_contacts WHERE id = '{existing}'"));
    assert_eq!(merged, "+1 416 555 0199");
    let zoe: String = scalar(
        &dir,
        "SELECT o.company_name FROM crm_contacts c JOIN crm_organizers o ON o.id = c.organizer_id WHERE c.email = 'zoe@example.com'",
    );
    assert_eq!(zoe, "Nordlicht GmbH", "a company named and not found is made");
    let rideau: String = scalar(&dir, "SELECT notes FROM crm_contacts WHERE email = 'ana@example.com'");
    assert!(rideau.contains("after 5"), "line 7 merged into line 2's contact, which kept its own notes: {rideau}");

    // Undone as a whole: the contacts and companies made are gone, the merged one as before.
    let undone = app.undo_import(done.import_id.as_deref().unwrap()).unwrap();
    assert_eq!((undone.deleted, undone.restored), (4, 1));
    assert_eq!(contacts(&app), before);
    assert_eq!(scalar::<i64>(&dir, "SELECT count(*) FROM crm_organizers"), companies);
    let restored: Option<String> = rusqlite::Connection::open(dir.path().join("eventos.db"))
        .unwrap()
        .query_row("SELECT mobile FROM crm_contacts WHERE id = ?1", [&existing], |r| r.get(0))
        .unwrap();
    assert_eq!(restored, None);
    assert_eq!(app.undo_import(done.import_id.as_deref().unwrap()).unwrap_err().code, ErrorCode::NotFound, "once");
}

#[test]
fn windows_1252_companies_match_existing_ones_by_name_or_website_and_skip_or_create() {
    let (dir, mut app) = demo();
    let known: String = scalar(&dir, "SELECT company_name FROM crm_organizers ORDER BY id LIMIT 1");
    let files = tempfile::tempdir().unwrap();
    // "Société Générale Événements" and "Café" in Windows-1252, a known company in other case
    // and with "Inc.", and two rows of one new company sharing a website domain.
    let mut bytes = b"Company,Website,Industry\n".to_vec();
    bytes.extend_from_slice(b"Soci\xe9t\xe9 G\xe9n\xe9rale \xc9v\xe9nements,https://sge.example.fr,Events\n");
    bytes.extend_from_slice(format!("{} Inc.,,Other\n", known.to_uppercase()).as_bytes());
    bytes.extend_from_slice(b"Caf\xe9 Nord,https://www.cafe-nord.example/,Food\n");
    bytes.extend_from_slice(b"Cafe Nord (HQ),http://cafe-nord.example,Food\n");
    let path = write(&files, "companies.csv", &bytes);

    let skip = app.import_csv(&request(ImportKind::Companies, &path, OnDuplicate::Skip)).unwrap();
    assert_eq!((skip.created, skip.skipped, skip.merged), (2, 2, 0), "{skip:?}");
    let name: String = scalar(&dir, "SELECT company_name FROM crm_organizers WHERE website = 'https://sge.example.fr'");
    assert_eq!(name, "Société Générale Événements");
    let cafes: i64 = scalar(&dir, "SELECT count(*) FROM crm_organizers WHERE company_name LIKE 'Caf%Nord%'");
    assert_eq!(cafes, 1, "the second row is the same company by its website's domain");

    // Asked to create anyway for one line, it does.
    let mut again = request(ImportKind::Companies, &path, OnDuplicate::Skip);
    again.decisions.insert(5, OnDuplicate::Create);
    let second = app.import_csv(&again).unwrap();
    assert_eq!((second.created, second.skipped), (1, 3));
}

#[test]
fn deals_take_their_company_and_stage_by_name_and_amounts_as_typed() {
    let (dir, mut app) = demo();
    let files = tempfile::tempdir().unwrap();
    let path = write(
        &files,
        "deals.csv",
        b"Deal,Company,Stage,Amount,Close date\n\
          Winter gala,Harbour Hotels,Proposal,\"$12,500.50\",2027-01-15\n\
          Spring fair,Harbour Hotels,No such stage,900,2027-03-01\n\
          Summer camp,Harbour Hotels,,abc,2027-06-01\n",
    );
    let summary = app.import_csv(&request(ImportKind::Opportunities, &path, OnDuplicate::Merge)).unwrap();
    assert_eq!((summary.created, summary.companies_created), (1, 1));
    let reasons: Vec<(usize, String)> = summary.rejected.iter().map(|r| (r.line, r.reason.clone())).collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons[0].1.contains("no pipeline stage named 'No such stage'"), "{reasons:?}");
    assert_eq!(reasons[1].0, 4);
    let deal: String = scalar(
        &dir,
        "SELECT p.value || ' ' || p.probability || ' ' || s.name || ' ' || p.expected_close_date FROM crm_opportunities p \
         JOIN crm_pipeline_stages s ON s.id = p.stage_id WHERE p.name = 'Winter gala'",
    );
    assert_eq!(deal, "12500.50 50 Proposal 2027-01-15");
}

#[test]
fn a_file_the_window_read_arrives_as_base64_and_a_broken_one_is_refused_whole() {
    use base64::Engine as _;
    let (_dir, mut app) = demo();
    let content = base64::engine::general_purpose::STANDARD.encode("Company\nNorthwind Events\n");
    let mut from_window = request(ImportKind::Companies, "picked.csv", OnDuplicate::Skip);
    from_window.content_base64 = Some(content);
    assert_eq!(app.import_preview(&from_window).unwrap().rows, 1);
    assert_eq!(app.import_csv(&from_window).unwrap().created, 1);
    from_window.content_base64 = Some("not base64!".into());
    let refused = app.import_csv(&from_window).unwrap_err();
    assert!(refused.message.contains("picked.csv did not arrive whole"), "{}", refused.message);
    let missing =
        app.import_preview(&request(ImportKind::Companies, "/no/such/file.csv", OnDuplicate::Skip)).unwrap_err();
    assert_eq!(missing.code, ErrorCode::Io);
}

#[test]
fn ten_thousand_contacts_with_duplicates_in_the_file_and_against_the_replica() {
    let (dir, mut app) = demo();
    let (_, email, company) = existing_contact(&dir);
    let files = tempfile::tempdir().unwrap();
    let mut text = String::from("Name,Email,Company\n");
    for i in 0..10_000 {
        // Every 100th row repeats an earlier one; the first row is a contact already here.
        let n = if i % 100 == 99 { i - 50 } else { i };
        let address = if i == 0 { email.clone() } else { format!("person{n}@example.com") };
        text.push_str(&format!("Person {n},{address},{company}\n"));
    }
    let path = write(&files, "many.csv", text.as_bytes());
    let before: i64 = scalar(&dir, "SELECT count(*) FROM crm_contacts");
    let summary = app.import_csv(&request(ImportKind::Contacts, &path, OnDuplicate::Skip)).unwrap();
    assert_eq!(summary.skipped, 1 + 100, "one already here, a hundred repeated in the file");
    assert_eq!(summary.created, 10_000 - 101);
    assert!(summary.rejected.is_empty());
    assert_eq!(scalar::<i64>(&dir, "SELECT count(*) FROM crm_contacts"), before + 9_899);
}
