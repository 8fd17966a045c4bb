//! The `eventos-cli` binary, run as a user would.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

use eventos_print::readback;
use serde_json::Value;

fn cli(db: &Path, args: &[&str]) -> Output {
    // Keys and sessions in files, never in the keychain of whoever runs the tests.
    Command::new(env!("CARGO_BIN_EXE_eventos-cli"))
        .env("EVENTOS_SECRET_STORE", "file")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn migrate_creates_then_is_a_no_op() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new/x.db");
    assert!(
        stdout(&cli(&db, &["migrate"]))
            .contains("applied V1__replica_schema, V2__sync_bookkeeping, V3__sync_connection, V4__door_checkins")
    );
    assert!(stdout(&cli(&db, &["migrate"])).contains("is up to date (schema version 16)"));
}

#[test]
fn demo_tables_and_stats() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = stdout(&cli(&db, &["demo", "--attendees", "250", "--seed", "4", "--today", "2026-11-22"]));
    let slug = out.trim().rsplit(' ').next().unwrap().to_owned();
    assert!(slug.starts_with("ai-machine-learning-summit-"), "{out}");

    let tables: Value = serde_json::from_str(&stdout(&cli(&db, &["tables", "--json"]))).unwrap();
    let rows =
        |name: &str| tables.as_array().unwrap().iter().find(|t| t["table"] == name).unwrap()["rows"].as_i64().unwrap();
    assert_eq!(rows("attendees"), 250);
    assert_eq!(rows("crm_pipeline_stages"), 6);
    assert_eq!(tables.as_array().unwrap().len(), 51);
    assert!(stdout(&cli(&db, &["tables"])).lines().any(|l| l.starts_with("tickets") && l.trim_end().ends_with("250")));

    let stats: Value = serde_json::from_str(&stdout(&cli(&db, &["stats", &slug, "--json"]))).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let sold: i64 = conn
        .query_row(
            "SELECT count(*) FROM tickets t JOIN events e ON e.id = t.event_id WHERE e.slug = ?1 AND t.status IN ('active', 'used')",
            [&slug],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stats["tickets_sold"], sold);
    assert_eq!(stats["event_name"], "AI & Machine Learning Summit");
    assert!(stdout(&cli(&db, &["stats", &slug])).contains("tickets sold"));
}

#[test]
fn errors_go_to_stderr_with_a_code_and_a_failing_status() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let out = cli(&db, &["stats", "no-such-event"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no events row with id no-such-event") && err.contains("code: not_found"), "{err}");

    stdout(&cli(&db, &["demo", "--attendees", "10"]));
    let again = cli(&db, &["demo", "--attendees", "10"]);
    assert!(!again.status.success(), "a second demo into the same file is refused");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds a workspace"));

    let bad = dir.path().join("bad.db");
    std::fs::write(&bad, vec![b'x'; 8192]).unwrap();
    let out = cli(&bad, &["tables"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("code: corrupt_database"));
    assert_eq!(std::fs::read(&bad).unwrap(), vec![b'x'; 8192], "the damaged file is left as it was");

    let out = Command::new(env!("CARGO_BIN_EXE_eventos-cli")).args(["demo", "--today", "tomorrow"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("'tomorrow' is not a date"));
}

#[test]
fn the_default_database_lives_in_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_eventos-cli"))
        .env("EVENTOS_DATA_DIR", dir.path())
        .arg("migrate")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("eventos.db"));
    assert!(dir.path().join("eventos.db").exists());
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pipe.db");
    stdout(&cli(&db, &["demo", "--attendees", "10"]));
    let mut child = Command::new(env!("CARGO_BIN_EXE_eventos-cli"))
        .arg("--db")
        .arg(&db)
        .arg("tables")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader is gone before anything is written
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "status {:?}: {err}", out.status);
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn out_of_range_input_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("limits.db");
    let out = cli(&db, &["demo", "--attendees", "2000000"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("2000000"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = cli(&db, &["demo", "--today", "9999-12-01"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("between the years 2000 and 2999") && !err.contains("panicked"), "{err}");
    let tables: Value = serde_json::from_str(&stdout(&cli(&db, &["tables", "--json"]))).unwrap();
    assert!(tables.as_array().unwrap().iter().all(|t| t["rows"] == 0), "nothing was written");
}

#[test]
fn decode_prints_what_the_decoder_reads_in_each_image() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unused.db");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scan/samples/qrcode-1");
    let photo = samples.join("13.webp");
    let expected = std::fs::read_to_string(samples.join("13.txt")).unwrap();
    let out = stdout(&cli(&db, &["decode", photo.to_str().unwrap()]));
    assert_eq!(out, format!("{}: {expected}\n", photo.display()));
    assert!(!db.exists(), "decoding needs no replica");

    let blank = dir.path().join("blank.png");
    std::fs::write(&blank, include_bytes!("../../../icons/icon.png")).unwrap();
    let not_image = dir.path().join("notes.txt");
    std::fs::write(&not_image, "hello").unwrap();
    let out = cli(&db, &["decode", blank.to_str().unwrap(), not_image.to_str().unwrap()]);
    assert!(!out.status.success(), "an unreadable file fails the command");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("blank.png: nothing read"), "{text}");
    assert!(text.contains("notes.txt: not an image this can read"), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("(code: unreadable)"));

    let out = cli(&db, &["decode", "--decoder", "zbar", photo.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("there are: zxing-cpp, rxing, rqrr"));
}

#[test]
fn tickets_draws_signed_codes_the_decoder_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("eventos.db");
    let out = stdout(&cli(&db, &["demo", "--attendees", "120", "--today", "2026-11-22"]));
    let slug = out.trim().rsplit(' ').next().unwrap().to_owned();
    let folder = dir.path().join("tickets");
    let listed = stdout(&cli(&db, &["tickets", &slug, "--out", folder.to_str().unwrap(), "--limit", "3"]));
    let files: Vec<&str> = listed.lines().map(|l| l.split("  ").next().unwrap()).collect();
    assert_eq!(files.len(), 3, "{listed}");
    for file in files {
        assert!(file.contains("TKT-") && file.ends_with(".png"), "{file}");
        let read = stdout(&cli(&db, &["decode", file]));
        assert!(read.contains("EOS1."), "a signed code: {read}");
    }
    let kept_keys = dir
        .path()
        .read_dir()
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with("ticket-key-"));
    assert!(kept_keys.count() > 1, "each event's private key beside the replica (no keychain in tests)");
    // An event without a key: drawn with its stored codes, or signed once a key is made here.
    let other = dir.path().join("other.db");
    let no_keys = dir.path().join("no-keys/eventos.db");
    std::fs::create_dir_all(no_keys.parent().unwrap()).unwrap();
    stdout(&cli(&no_keys, &["demo", "--attendees", "30", "--seed", "2", "--today", "2026-11-22"]));
    let mut store = eventos_store::Store::open(&no_keys).unwrap();
    let events: Vec<String> = store
        .connection()
        .prepare("SELECT id FROM events")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    store
        .write(|w| {
            events.iter().try_for_each(|id| {
                w.update("events", id, serde_json::json!({"ticket_public_key": null}).as_object().unwrap().clone())
            })
        })
        .unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&no_keys).unwrap();
    for f in std::fs::read_dir(no_keys.parent().unwrap()).unwrap() {
        let f = f.unwrap().path();
        if f.to_string_lossy().ends_with(".secret") {
            std::fs::remove_file(f).unwrap();
        }
    }
    let plain = dir.path().join("plain");
    stdout(&cli(&no_keys, &["tickets", &slug_of(&conn), "--out", plain.to_str().unwrap(), "--limit", "1"]));
    let file = std::fs::read_dir(&plain).unwrap().next().unwrap().unwrap().path();
    assert!(!stdout(&cli(&no_keys, &["decode", file.to_str().unwrap()])).contains("EOS1."), "no key: the stored code");
    let signed = dir.path().join("signed");
    stdout(&cli(&no_keys, &["tickets", &slug_of(&conn), "--out", signed.to_str().unwrap(), "--limit", "1", "--sign"]));
    let file = std::fs::read_dir(&signed).unwrap().next().unwrap().unwrap().path();
    assert!(stdout(&cli(&no_keys, &["decode", file.to_str().unwrap()])).contains("EOS1."), "--sign made the key");

    // Another replica file name has no keys beside it: the demo says so and goes on.
    let demo = cli(&other, &["demo", "--attendees", "10"]);
    assert!(demo.status.success());
    assert!(String::from_utf8_lossy(&demo.stderr).contains("not signed"));
}

/// The live event's slug.
fn slug_of(conn: &rusqlite::Connection) -> String {
    conn.query_row("SELECT slug FROM events WHERE name = 'AI & Machine Learning Summit'", [], |r| r.get(0)).unwrap()
}

#[test]
fn records_of_any_table_and_the_doors_verdict_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("eventos.db");
    stdout(&cli(&db, &["demo", "--attendees", "60", "--seed", "6", "--today", "2026-11-22"]));
    let json = |args: &[&str]| -> Value { serde_json::from_str(&stdout(&cli(&db, args))).unwrap() };

    let accounts = json(&["records", "list", "accounts", "--json"]);
    let account = accounts["rows"][0]["id"].as_str().unwrap().to_owned();
    let created = json(&[
        "records",
        "create",
        "venues",
        "--json",
        &format!(r#"{{"account_id": "{account}", "name": "Annex Hall", "capacity": 300}}"#),
    ]);
    let venue = created["id"].as_str().unwrap().to_owned();
    let updated = json(&["records", "update", "venues", &venue, "--json", r#"{"city": "Hamilton"}"#]);
    assert_eq!(updated["city"], "Hamilton");
    let found = json(&["records", "list", "venues", "--where", "city=Hamilton", "--where", "capacity>=300", "--json"]);
    assert_eq!(found["total"], 1);
    assert_eq!(json(&["records", "get", "venues", &venue])["title"], "Annex Hall");
    let text = stdout(&cli(&db, &["records", "list", "venues", "--sort", "capacity:desc", "--limit", "2"]));
    assert!(text.lines().next().unwrap().starts_with("id"), "{text}");
    assert!(text.contains("2 of "), "{text}");

    // A bad value names its field; nothing is written.
    let bad = cli(&db, &["records", "update", "venues", &venue, "--json", r#"{"capacity": -1}"#]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("venues.capacity"), "{bad:?}");

    // Deleting says first what goes with it, and deletes only with --yes.
    let asked = cli(&db, &["records", "delete", "venues", &venue]);
    assert!(!asked.status.success());
    assert!(String::from_utf8_lossy(&asked.stdout).contains("1 venues"));
    assert_eq!(json(&["records", "list", "venues", "--where", "city=Hamilton", "--json"])["total"], 1);
    stdout(&cli(&db, &["records", "delete", "venues", &venue, "--yes"]));
    assert_eq!(json(&["records", "list", "venues", "--where", "city=Hamilton", "--json"])["total"], 0);

    // The door: the same verdicts as the Check-in screen.
    let active = json(&["records", "list", "tickets", "--where", "status=active", "--limit", "1", "--json"]);
    let (event, number) =
        (active["rows"][0]["event_id"].as_str().unwrap(), active["rows"][0]["ticket_number"].as_str().unwrap());
    assert_eq!(json(&["check-in", event, number, "--gate", "Door 1", "--json"])["kind"], "admitted");
    let again = json(&["check-in", event, number, "--json"]);
    assert_eq!(again["kind"], "already_checked_in");
    assert_eq!(again["previous"]["gate"], "Door 1");
    assert_eq!(json(&["check-in", event, "'; DROP TABLE tickets; --", "--json"])["kind"], "not_a_ticket");
}

#[test]
fn an_events_attendees_export_to_csv_that_excel_and_parsers_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("eventos.db");
    stdout(&cli(&db, &["demo", "--attendees", "80", "--seed", "7", "--today", "2026-11-22"]));
    let json = |args: &[&str]| -> Value { serde_json::from_str(&stdout(&cli(&db, args))).unwrap() };
    let order = json(&["records", "list", "orders", "--limit", "1", "--json"])["rows"][0].clone();
    let (order_id, event) = (order["id"].as_str().unwrap(), order["event_id"].as_str().unwrap());
    let tricky = "O'Brien, \"Zoë\"\nsecond line";
    let body =
        serde_json::json!({"order_id": order_id, "event_id": event, "full_name": tricky, "email": "zoe@example.com"});
    json(&["records", "create", "attendees", "--json", &body.to_string()]);

    let file = dir.path().join("out/attendees.csv");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let said = stdout(&cli(&db, &["export", "attendees", event, "--out", file.to_str().unwrap()]));
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("id,account_id,order_id,event_id,full_name,email,phone"), "{}", &text[..80]);
    assert!(text.split('\n').next().unwrap().ends_with('\r'), "CRLF line ends");

    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let names: Vec<String> = reader.records().map(|r| r.unwrap()[4].to_owned()).collect();
    let in_event =
        json(&["records", "list", "attendees", "--where", &format!("event_id={event}"), "--limit", "1", "--json"]);
    assert_eq!(names.len() as i64, in_event["total"].as_i64().unwrap());
    assert!(said.starts_with(&format!("{} attendees written", names.len())), "{said}");
    assert!(names.iter().any(|n| n == tricky), "the quoted name comes back whole");
    assert!(!dir.path().join("out/.attendees.csv.part").exists());

    // A folder that cannot be written: a clear error, and no file.
    let nowhere = dir.path().join("missing/x.csv");
    let failed = cli(&db, &["export", "orders", event, "--out", nowhere.to_str().unwrap()]);
    assert!(!failed.status.success());
    assert!(String::from_utf8_lossy(&failed.stderr).contains("(code: io)"), "{failed:?}");
    assert!(!nowhere.exists());
}

#[test]
fn the_box_office_sells_refunds_and_cancels_and_the_door_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("eventos.db");
    stdout(&cli(&db, &["demo", "--attendees", "60", "--seed", "8", "--today", "2026-11-22"]));
    let slug = slug_of(&rusqlite::Connection::open(&db).unwrap());
    let json = |args: &[&str]| -> Value { serde_json::from_str(&stdout(&cli(&db, args))).unwrap() };

    let sale = json(&[
        "sell",
        &slug,
        "--quantity",
        "2",
        "--name",
        "Ana Lima",
        "--email",
        "ana@example.com",
        "--payment",
        "card",
        "--json",
    ]);
    let order = sale["order_number"].as_str().unwrap();
    assert!(order.starts_with("ORD-"), "{sale}");
    assert_eq!(sale["tickets"].as_array().unwrap().len(), 2);
    let (first, second) = (&sale["tickets"][0], &sale["tickets"][1]);
    let verdict = json(&["check-in", &slug, first["code"].as_str().unwrap(), "--json"]);
    assert_eq!((verdict["kind"].as_str(), verdict["name"].as_str()), (Some("admitted"), Some("Ana Lima")));

    // One ticket refunded, with its reason; the door refuses it, the order stays paid.
    let number = second["ticket_number"].as_str().unwrap();
    let refunded = json(&["refund", order, "--ticket", number, "--reason", "Double booking", "--json"]);
    assert_eq!(refunded["voided"], serde_json::json!([number]));
    assert_eq!(refunded["order_refunded"], false);
    assert_eq!(json(&["check-in", &slug, second["code"].as_str().unwrap(), "--json"])["kind"], "refunded");
    let ticket = json(&["records", "list", "tickets", "--where", &format!("ticket_number={number}"), "--json"]);
    assert_eq!(ticket["rows"][0]["status_reason"], "Double booking");

    // The order on paper: the valid ticket with its code (read back from the rendered page),
    // the refunded one marked so, with no code.
    let pdf = dir.path().join("order.pdf");
    let said = stdout(&cli(
        &db,
        &["pdf", "tickets", &order.to_lowercase(), "--out", pdf.to_str().unwrap(), "--paper", "letter"],
    ));
    assert!(said.contains("2 pages, letter"), "{said}");
    let pages = readback::pages_text(&pdf).unwrap();
    assert!(pages.iter().all(|p| p.contains("Ana Lima") && p.contains(order)), "{pages:?}");
    let drawn = readback::drawn_text(&pdf).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(pages[1].contains("NOT VALID") && drawn.contains("Refunded: Double booking"), "{drawn}");
    assert!(readback::page_sizes(&pdf).unwrap().iter().all(|(w, h)| (*w, *h) == (612.0, 792.0)));
    let shots = tempfile::tempdir().unwrap();
    let rendered = readback::render(&pdf, 150, shots.path()).unwrap();
    let decoder = eventos_scan::decoder(eventos_scan::DEFAULT_DECODER).unwrap();
    let read = |png: &Path| decoder.decode(&eventos_scan::load(png).unwrap());
    assert_eq!(read(&rendered[0]).as_deref(), first["code"].as_str(), "the printed code is the ticket's");
    assert_eq!(read(&rendered[1]), None);
    // An event's valid tickets, one page each; an unknown order is refused, nothing written.
    let event_pdf = dir.path().join("event.pdf");
    let said = stdout(&cli(&db, &["pdf", "tickets", &slug, "--out", event_pdf.to_str().unwrap(), "--paper", "wallet"]));
    let valid: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM tickets t JOIN events e ON e.id = t.event_id WHERE e.slug = ?1 AND t.status IN ('active', 'used')",
            [&slug],
            |r| r.get(0),
        )
        .unwrap();
    assert!(said.contains(&format!("{valid} pages, wallet")), "{said}");
    // Badges: the buyer's among the event's, one sheet per 24; one attendee alone; the layouts.
    let sheet = dir.path().join("badges.pdf");
    let said =
        stdout(&cli(&db, &["pdf", "badges", &slug, "--layout", "a4-3x8-70x36", "--out", sheet.to_str().unwrap()]));
    let with_badge: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM tickets t JOIN events e ON e.id = t.event_id JOIN orders o ON o.id = t.order_id \
             WHERE e.slug = ?1 AND t.status IN ('active', 'used') AND t.attendee_id IS NOT NULL AND o.payment_status != 'refunded'",
            [&slug],
            |r| r.get(0),
        )
        .unwrap();
    assert!(said.contains(&format!("{} pages", (with_badge + 23) / 24)), "{said} for {with_badge} badges");
    assert!(readback::drawn_text(&sheet).unwrap().contains("Ana Lima"));
    let ana: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT attendee_id FROM tickets WHERE ticket_number = ?1",
            [first["ticket_number"].as_str().unwrap()],
            |r| r.get(0),
        )
        .unwrap();
    let one = dir.path().join("one-badge.pdf");
    let said = stdout(&cli(
        &db,
        &["pdf", "badges", &slug, "--layout", "thermal-90x54", "--attendee", &ana, "--out", one.to_str().unwrap()],
    ));
    assert!(said.contains("1 pages"), "{said}");
    let shots = tempfile::tempdir().unwrap();
    let badge = readback::render(&one, 150, shots.path()).unwrap();
    assert_eq!(read(&badge[0]).as_deref(), first["code"].as_str(), "the badge's code is the ticket's");
    let layouts = stdout(&cli(&db, &["pdf", "badges", "--layouts"]));
    assert!(
        layouts.contains("a4-2x5-90x54") && layouts.contains("letter-2x3-4x3in") && layouts.contains("thermal-4x3in")
    );
    let out = cli(&db, &["pdf", "badges", &slug, "--layout", "a5-nope", "--out", one.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no badge layout 'a5-nope'"), "{out:?}");
    // The door list: every valid ticket of the event, by last name, "page x of y" on each page.
    let list = dir.path().join("door.pdf");
    let said = stdout(&cli(&db, &["pdf", "door-list", &slug, "--out", list.to_str().unwrap(), "--paper", "a4"]));
    let pages = readback::drawn_pages(&list).unwrap();
    assert!(said.contains(&format!("{} pages, a4", pages.len())), "{said}");
    assert!(pages.iter().enumerate().all(|(i, p)| p.contains(&format!("Page {} of {}", i + 1, pages.len()))));
    let all = pages.join(" ");
    assert!(all.contains("Ana Lima") && all.contains(first["ticket_number"].as_str().unwrap()), "{all}");
    assert!(!all.contains(number), "the refunded ticket is not on the door list");
    // The CRM's pipeline report (its figures are checked against the board in the app's tests).
    let report = dir.path().join("pipeline.pdf");
    let said = stdout(&cli(&db, &["pdf", "pipeline", "--out", report.to_str().unwrap(), "--paper", "letter"]));
    assert!(said.contains("pages, letter"), "{said}");
    let text = readback::drawn_pages(&report).unwrap().join(" ");
    assert!(text.contains("Open deals by stage") && text.contains("Forecast by month of expected close"), "{text}");
    // The event's report (its figures are checked against the screens' in the app's tests).
    let event_report = dir.path().join("report.pdf");
    stdout(&cli(&db, &["pdf", "report", &slug, "--out", event_report.to_str().unwrap()]));
    let text = readback::drawn_pages(&event_report).unwrap().join(" ");
    assert!(text.contains("Sales per day") && text.contains("Expenses by category"), "{text}");
    let missing = dir.path().join("nothing.pdf");
    let out = cli(&db, &["pdf", "tickets", "ORD-00000000-00000000", "--out", missing.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("code: not_found") && !missing.exists(), "{out:?}");

    // Nothing left to cancel: the first was checked in, the second refunded.
    let out = cli(&db, &["cancel", order]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("was checked in") && err.contains("code: invalid"), "{err}");

    // A ticket of another order, a bad quantity and a bad email are refused before any write.
    let other = json(&["sell", &slug, "--name", "Bo", "--email", "bo@example.com", "--payment", "comp", "--json"]);
    assert_eq!(other["total_cents"], 0);
    let out = cli(&db, &["refund", order, "--ticket", other["tickets"][0]["ticket_number"].as_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a ticket of"), "{out:?}");
    let out = cli(&db, &["sell", &slug, "--quantity", "0", "--name", "A", "--email", "a@example.com"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("code: invalid"), "{out:?}");
    let out = cli(&db, &["sell", &slug, "--name", "A", "--email", "not-an-email"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an email address"), "{out:?}");
    let cancelled = json(&["cancel", other["order_number"].as_str().unwrap(), "--json"]);
    assert_eq!(cancelled["voided"].as_array().unwrap().len(), 1);
    assert_eq!(
        json(&["check-in", &slug, other["tickets"][0]["code"].as_str().unwrap(), "--json"])["kind"],
        "cancelled"
    );
}

#[test]
fn contacts_import_from_csv_with_a_mapping_and_export_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("eventos.db");
    stdout(&cli(&db, &["demo", "--attendees", "80", "--seed", "7", "--today", "2026-11-22"]));
    let json = |args: &[&str]| -> Value { serde_json::from_str(&stdout(&cli(&db, args))).unwrap() };
    let existing = json(&["records", "list", "crm_contacts", "--limit", "1", "--json"])["rows"][0]["email"].clone();
    let file = dir.path().join("people.csv");
    let text = format!(
        "Who,Mail,Firm,Favourite colour\n\
         Ana Lima,ana@example.com,Rideau Events,blue\n\
         Someone,{},Rideau Events,red\n\
         No Mail,,Rideau Events,green\n",
        existing.as_str().unwrap().to_uppercase()
    );
    std::fs::write(&file, text).unwrap();
    let import = |extra: &[&str]| -> Value {
        let mut args =
            vec!["import", "contacts", file.to_str().unwrap(), "--map", "Who=full_name", "--map", "Mail=email"];
        args.extend_from_slice(&["--map", "Firm=company", "--map", "Favourite colour=", "--json"]);
        args.extend_from_slice(extra);
        json(&args)
    };
    let dry = import(&["--dry-run"]);
    assert_eq!((dry["created"].as_i64(), dry["dry_run"].as_bool()), (Some(1), Some(true)));
    let done = import(&["--on-duplicate", "skip"]);
    assert_eq!((done["created"].as_i64(), done["skipped"].as_i64()), (Some(1), Some(1)));
    assert_eq!(done["rejected"][0]["line"], 4);
    assert!(done["rejected"][0]["reason"].as_str().unwrap().contains("Email is missing"));
    let again = import(&["--on-duplicate", "skip"]);
    assert_eq!((again["created"].as_i64(), again["skipped"].as_i64()), (Some(0), Some(2)), "now both are here");

    let bad = cli(&db, &["import", "contacts", file.to_str().unwrap(), "--map", "Nope=email"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no column 'Nope'"));

    let out = dir.path().join("contacts.csv");
    let said = stdout(&cli(&db, &["export", "contacts", "--out", out.to_str().unwrap()]));
    assert!(said.contains("crm_contacts written"), "{said}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("ana@example.com"));
}
