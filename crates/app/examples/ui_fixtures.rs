//! Writes what the facade returns for the demo workspace as JSON files, one per command, for
//! previewing the UI in a plain browser with a stand-in for the Tauri bridge (development only;
//! the app itself always talks to the real facade).
//!
//! `cargo run -p eventos-app --example ui_fixtures -- OUT_DIR`

use eventos_app::App;
use eventos_app::events::{EventQuery, EventSort};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::path::PathBuf::from(std::env::args().nth(1).ok_or("usage: ui_fixtures OUT_DIR")?);
    std::fs::create_dir_all(&out)?;
    let data = tempfile_dir()?;
    let mut app = App::open_with(&data, eventos_app::sync::SessionStore::File);
    let write =
        |name: &str, value: serde_json::Value| std::fs::write(out.join(format!("{name}.json")), value.to_string());
    write("status_first_run", serde_json::to_value(app.status())?)?;
    write("status", serde_json::to_value(app.open_demo(-300)?)?)?;
    write("dashboard", serde_json::to_value(app.dashboard(-300)?)?)?;
    let events = app.events(&EventQuery { search: String::new(), sort: EventSort::StartAt, descending: false })?;
    write("events", serde_json::to_value(&events)?)?;
    if let Some(first) = events.iter().find(|e| e.status == "published") {
        write("event", serde_json::to_value(app.event(&first.id)?)?)?;
        write("programme", serde_json::to_value(app.programme(&first.id)?)?)?;
        write("budget", serde_json::to_value(app.budget(&first.id)?)?)?;
        write("event_analytics", serde_json::to_value(app.event_analytics(&first.id)?)?)?;
    }
    // The first event with people on its waitlist (a full workshop in the demo).
    for event in events.iter().filter(|e| e.status == "published") {
        let waitlist = app.waitlist(&event.id)?;
        if !waitlist.entries.is_empty() {
            write("waitlist", serde_json::to_value(&waitlist)?)?;
            break;
        }
    }
    write("companies", serde_json::to_value(app.companies()?)?)?;
    write("pipeline_board", serde_json::to_value(app.pipeline_board(&eventos_app::crm::BoardQuery::default())?)?)?;
    write("my_day", serde_json::to_value(app.my_day(-300)?)?)?;
    // A company's page with two documents attached.
    let companies = app.companies()?;
    if let Some(company) = companies.iter().find(|c| c.open_opportunities > 0) {
        for (name, kind, size) in [
            ("Master services agreement.pdf", "contract", 182_331),
            ("Proposal 2027 – Müller.docx", "proposal", 48_120),
        ] {
            app.attach_document(&eventos_app::crm::AttachDocument {
                on_table: "crm_organizers".into(),
                on_id: company.id.clone(),
                file_name: name.into(),
                content_base64: base64_of(&vec![b'x'; size]),
                document_type: Some(kind.into()),
            })?;
        }
        write("company_record", serde_json::to_value(app.record("crm_organizers", &company.id)?)?)?;
        write("documents", serde_json::to_value(app.documents("crm_organizers", &company.id)?)?)?;
    }
    println!("wrote {}", out.display());
    Ok(())
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn tempfile_dir() -> std::io::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("eventos-ui-fixtures-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
