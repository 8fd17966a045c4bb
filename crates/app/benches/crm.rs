//! The CRM's workflows on the demo, as the screens call them:
//! - the pipeline board with 5,000 opportunities (WAVE-2: the board renders in ≤ 200 ms; this is
//!   the facade's share of it);
//! - a quick log (bar ≤ 10 ms p99);
//! - importing 10,000 contacts with duplicate detection (bar ≤ 5 s), 1% repeated in the file
//!   and one already in the replica;
//! - Ctrl/Cmd+K's one search over the 100k-attendee demo and the CRM (bar ≤ 30 ms p95).
//!
//! On the benches' 100k demo, connected as its owner (writes fill the outbox as on a laptop).
//! `cargo bench -p eventos-app --bench crm` (EVENTOS_BENCH_ATTENDEES changes 100000).
#![allow(clippy::unwrap_used)]

use std::time::Instant;

use eventos_app::App;
use eventos_app::crm::QuickLog;
use eventos_app::crm::import::{ImportKind, ImportRequest, OnDuplicate};
use eventos_app::crm::{AttachDocument, BoardQuery};
use eventos_app::sync::SessionStore;

#[path = "support/fixture.rs"]
mod fixture;
#[path = "../../demo/benches/support/percentiles.rs"]
mod percentiles;
use percentiles::{percentiles, timed};

const DEALS: usize = 5_000;

fn main() {
    let (dir, _) = fixture::connected_demo(|store| {
        let sql = "SELECT user_id FROM account_users WHERE role = 'owner' LIMIT 1";
        store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
    });
    let mut app = App::open_with(dir.path(), SessionStore::File);
    let db = rusqlite::Connection::open(dir.path().join("eventos.db")).unwrap();
    let (company, stage): (String, String) = db
        .query_row(
            "SELECT o.id, s.id FROM crm_organizers o JOIN crm_pipeline_stages s ON s.account_id = o.account_id \
             WHERE s.is_closed = 0 ORDER BY o.id, s.order_index LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let made = Instant::now();
    for i in 0..DEALS {
        let row = serde_json::json!({"organizer_id": company, "stage_id": stage, "name": format!("Deal {i}"),
            "value": format!("{}.{:02}", 1_000 + i * 7, i % 100), "expected_close_date": format!("2027-{:02}-15", 1 + i % 12)});
        app.create_record("crm_opportunities", row.as_object().cloned().unwrap()).unwrap();
    }
    println!("--- {DEALS} opportunities made in {:.1} s ---", made.elapsed().as_secs_f64());
    let reads = app.reads();
    let words = ["ma", "maple", "sarah", "chen", "summit", "north", "kim", "events", "le", "analytics"];
    percentiles(
        "Ctrl+K search (100k + CRM)",
        timed(200, |i| {
            reads.search_everything(words[i % words.len()]).unwrap();
        }),
    );
    percentiles(
        "pipeline board (5k deals)",
        timed(30, |_| {
            reads.pipeline_board(&BoardQuery::default()).unwrap();
        }),
    );
    let log = |i: usize| QuickLog {
        kind: "call".into(),
        subject: format!("Call {i}"),
        outcome: Some("Left a voicemail".into()),
        duration_minutes: Some(5),
        at: None,
        due: None,
        on_table: "crm_organizers".into(),
        on_id: company.clone(),
    };
    percentiles(
        "quick log (a call)",
        timed(300, |i| {
            app.log_activity(&log(i)).unwrap();
        }),
    );
    // A 10 MB contract attached offline: decoded, its row and bytes written in one transaction
    // (and queued for upload: the workspace is connected).
    let contract = {
        use base64::Engine as _;
        let bytes: Vec<u8> = (0..10_000_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect();
        base64::engine::general_purpose::STANDARD.encode(bytes)
    };
    percentiles(
        "attach a 10 MB document",
        timed(10, |i| {
            app.attach_document(&AttachDocument {
                on_table: "crm_organizers".into(),
                on_id: company.clone(),
                file_name: format!("Contract {i}.pdf"),
                content_base64: contract.clone(),
                document_type: Some("contract".into()),
            })
            .unwrap();
        }),
    );
    let existing: String = db.query_row("SELECT email FROM crm_contacts LIMIT 1", [], |r| r.get(0)).unwrap();
    let mut text = String::from("First name,Last name,Email,Company\n");
    for i in 0..10_000 {
        let n = if i % 100 == 99 { i - 50 } else { i };
        let email = if i == 0 { existing.clone() } else { format!("person{n}@example.com") };
        text.push_str(&format!("Person,{n},{email},Company {}\n", n % 500));
    }
    let path = dir.path().join("contacts.csv");
    std::fs::write(&path, text).unwrap();
    let request = ImportRequest {
        kind: ImportKind::Contacts,
        path: path.display().to_string(),
        content_base64: None,
        mapping: vec![],
        on_duplicate: OnDuplicate::Merge,
        decisions: Default::default(),
        dry_run: false,
    };
    let started = Instant::now();
    let preview = app.import_preview(&request).unwrap();
    let previewed = started.elapsed();
    let summary = app.import_csv(&request).unwrap();
    println!(
        "import 10k contacts: preview {:.2} s ({} duplicates), import {:.2} s total ({} created, {} merged, {} companies made)",
        previewed.as_secs_f64(),
        preview.duplicates.len(),
        started.elapsed().as_secs_f64(),
        summary.created,
        summary.merged,
        summary.companies_created
    );
}
