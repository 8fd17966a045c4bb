//! The Check-in screen in the real window: a folder of ticket images stands in for the webcam
//! (`EVENTOS_CAMERA=dir:…`), a keyboard-wedge scanner is keys typed into the scanner input.
//! Screenshots of each verdict colour go to the screenshot folder (docs/screenshots with
//! `make screenshots`).
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use eventos_app::App;
use eventos_app::sync::SessionStore;
use eventos_e2e::door::{draw, live_tickets};
use eventos_e2e::{Desktop, Result};

/// WebDriver's Enter key (a scanner ends each code with it).
const ENTER: &str = "\u{E007}";

/// The demo's day: its "live today" event is the one the screen picks.
fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

fn verdict(app: &Desktop, kind: &str) -> Result<String> {
    app.wait(&format!("the verdict '{kind}'"), || {
        let panel = app.find("[data-testid=checkin-verdict]")?;
        Ok((panel.attribute("data-kind")? == kind).then_some(()))
    })?;
    app.find("[data-testid=checkin-verdict]")?.text()
}

fn checkins_of(app: &Desktop, number: &str) -> i64 {
    let db = rusqlite::Connection::open(app.data_dir.path().join("eventos.db")).unwrap();
    db.query_row(
        "SELECT count(*) FROM event_checkins c JOIN tickets t ON t.id = c.ticket_id \
         WHERE t.ticket_number = ?1 AND c.device_id IS NOT NULL",
        [number],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn tickets_shown_to_the_camera_and_typed_by_a_scanner_get_their_verdicts() -> Result<()> {
    let camera = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut tickets = Vec::new();
    let app = Desktop::start_with_env(
        |dir| {
            App::open_with(dir, SessionStore::File).open_demo_on(today()).map_err(|e| e.to_string())?;
            tickets = live_tickets(dir)?;
            Ok(())
        },
        &[("EVENTOS_CAMERA", format!("dir:{}", camera.path().display()))],
    )?;
    let (first, second) = (&tickets[0], &tickets[1]);

    app.find("[data-testid=nav-checkin]")?.click()?;
    app.find("[data-testid=screen-checkin]")?;
    app.wait("the folder camera to run", || {
        Ok(app.find("[data-testid=checkin-preview]")?.attribute("src")?.starts_with("data:image/jpeg").then_some(()))
    })?;
    assert_eq!(app.find("[data-testid=checkin-verdict]")?.attribute("data-kind")?, "ready");

    // A valid ticket held up to the camera: green, with the name.
    draw(camera.path(), "1.png", &first.payload)?;
    let shown = verdict(&app, "admitted")?;
    assert_eq!(app.find("[data-testid=checkin-verdict-name]")?.text()?, first.name, "{shown}");
    std::thread::sleep(Duration::from_millis(300));
    app.screenshot("checkin-admitted")?;
    assert_eq!(checkins_of(&app, &first.number), 1);

    // The same ticket again, once it has been out of sight for the repeat window (after the
    // folder's 0.8 s of holding it up, and a second for the folder to be looked at): amber.
    std::thread::sleep(eventos_scan::REPEAT_WINDOW + Duration::from_millis(2500));
    draw(camera.path(), "2.png", &first.payload)?;
    let again = verdict(&app, "already_checked_in")?;
    assert!(again.contains(&first.name), "{again}");
    std::thread::sleep(Duration::from_millis(300));
    app.screenshot("checkin-already-checked-in")?;
    assert_eq!(checkins_of(&app, &first.number), 1, "nothing written for a refusal");

    // A USB scanner types a ticket number and Enter into the always-focused input.
    let input = app.find("[data-testid=checkin-scanner-input]")?;
    input.send_keys(&format!("{}{ENTER}", second.number))?;
    verdict(&app, "admitted")?;
    assert_eq!(app.find("[data-testid=checkin-verdict-name]")?.text()?, second.name);
    assert_eq!(checkins_of(&app, &second.number), 1);

    // Garbage from the scanner: red, nothing written.
    let before = app.find_all("[data-testid=checkin-history-item]")?.len();
    app.find("[data-testid=checkin-scanner-input]")?.send_keys(&format!("' OR 1=1; --{ENTER}"))?;
    verdict(&app, "not_a_ticket")?;
    std::thread::sleep(Duration::from_millis(300));
    app.screenshot("checkin-not-a-ticket")?;
    assert!(app.find_all("[data-testid=checkin-history-item]")?.len() > before, "the last scans list grows");
    app.stop()
}
