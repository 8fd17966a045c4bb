//! The Check-in screen in the real window: a folder of ticket images stands in for the webcam
//! (`EVENTOS_CAMERA=dir:…`), a keyboard-wedge scanner is keys typed into the scanner input.
//! Screenshots of each verdict colour go to the screenshot folder (docs/screenshots with
//! `make screenshots`).
//!
//! Every scan is followed by a wait for a *new* verdict: the panel's `data-scanned-at` (when the
//! verdict was decided, to the microsecond) must differ from what it was before the scan. Its
//! `data-kind` alone could already hold (the same kind twice in a row).
#![allow(clippy::unwrap_used)]

use eventos_app::App;
use eventos_app::sync::SessionStore;
use eventos_e2e::door::{draw, live_tickets};
use eventos_e2e::{Desktop, Result};
use serde_json::Value;

/// WebDriver's Enter key (a scanner ends each code with it).
const ENTER: &str = "\u{E007}";

/// The demo's day: its "live today" event is the one the screen picks. A UTC date, and the app
/// runs with `TZ=UTC` ([`eventos_e2e::APP_TZ`]), so the page's local day is this day.
fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// What the verdict panel shows, read in one go.
#[derive(Debug)]
struct Shown {
    /// When the verdict was decided; "" before the first scan.
    scanned_at: String,
    kind: String,
    name: String,
    /// The whole panel's text.
    text: String,
}

const READ_VERDICT: &str = "
  const panel = document.querySelector('[data-testid=checkin-verdict]');
  if (!panel) return null;
  const name = panel.querySelector('[data-testid=checkin-verdict-name]');
  return {
    scannedAt: panel.dataset.scannedAt ?? '',
    kind: panel.dataset.kind ?? '',
    name: name ? name.textContent.trim() : '',
    text: panel.innerText,
  };";

fn shown(app: &Desktop) -> Result<Option<Shown>> {
    let read = app.script(READ_VERDICT)?;
    let field = |key: &str| read[key].as_str().unwrap_or_default().to_owned();
    Ok((read != Value::Null).then(|| Shown {
        scanned_at: field("scannedAt"),
        kind: field("kind"),
        name: field("name"),
        text: field("text"),
    }))
}

/// The panel as it stands now, before a scan.
fn before(app: &Desktop) -> Result<Shown> {
    app.wait("the verdict panel", || shown(app))
}

/// Waits for the verdict that follows `before` (a different `data-scanned-at`), and checks its
/// kind.
fn next_verdict(app: &Desktop, before: &Shown, kind: &str) -> Result<Shown> {
    let next = app.wait(&format!("a verdict after the one of {:?}", before.scanned_at), || {
        Ok(shown(app)?.filter(|now| !now.scanned_at.is_empty() && now.scanned_at != before.scanned_at))
    })?;
    if next.kind != kind {
        return Err(format!("expected the verdict '{kind}', the panel shows {next:?}"));
    }
    Ok(next)
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
    // The camera starts once the door has its event: the demo's live one, listed under Today
    // (the page's local day is the demo's day).
    let door_event = app.script(
        "const o = document.querySelector('[data-testid=checkin-event]')?.selectedOptions[0]; \
         return o ? `${o.parentElement.label}: ${o.textContent}` : null;",
    )?;
    assert!(door_event.as_str().is_some_and(|e| e.starts_with("Today: AI & Machine Learning Summit")), "{door_event}");
    let ready = before(&app)?;
    assert_eq!(ready.kind, "ready", "{ready:?}");

    // A valid ticket held up to the camera: green, with the name.
    draw(camera.path(), "1.png", &first.payload)?;
    let admitted = next_verdict(&app, &ready, "admitted")?;
    assert_eq!(admitted.name, first.name, "{admitted:?}");
    app.screenshot("checkin-admitted")?;
    assert_eq!(checkins_of(&app, &first.number), 1);

    // A USB scanner types a ticket number and Enter into the always-focused input; with "badge
    // on admit" on, the person's badge is made (and handed to the PDF viewer).
    app.find("[data-testid=badge-on-admit-switch]")?.click()?;
    app.find("[data-testid=badge-on-admit-layout]")?;
    let input = app.find("[data-testid=checkin-scanner-input]")?;
    input.send_keys(&format!("{}{ENTER}", second.number))?;
    let typed = next_verdict(&app, &admitted, "admitted")?;
    assert_eq!(typed.name, second.name, "{typed:?}");
    assert_eq!(checkins_of(&app, &second.number), 1);
    let said = app.wait("the badge made", || {
        let said = app.find("[data-testid=badge-on-admit-said]")?.text()?;
        Ok((!said.is_empty() && !said.starts_with("Opening")).then_some(said))
    })?;
    assert!(said.contains("badge is open"), "{said}");
    let badge = app.data_dir.path().join("opened/pdf/Badges AI & Machine Learning Summit.pdf");
    let text = eventos_print::readback::drawn_text(&badge)?;
    assert!(text.split_whitespace().collect::<Vec<_>>().join(" ").contains(&second.name), "{text}");
    let pages = eventos_print::readback::render(&badge, 150, &app.data_dir.path().join("opened"))?;
    assert_eq!(pages.len(), 1, "one badge");
    let decoder = eventos_scan::decoder(eventos_scan::DEFAULT_DECODER).ok_or("the default decoder")?;
    let read = decoder.decode(&eventos_scan::load(&pages[0]).map_err(|e| e.to_string())?);
    assert_eq!(read.as_deref(), Some(second.payload.as_str()), "the badge's code is the ticket's");

    // That ticket, checked in just now, held up to the camera: amber. (A ticket the camera has
    // not seen before, so the scanner's repeat window has nothing to do with it.)
    draw(camera.path(), "2.png", &second.payload)?;
    let again = next_verdict(&app, &typed, "already_checked_in")?;
    assert!(again.text.contains(&second.name), "{again:?}");
    app.screenshot("checkin-already-checked-in")?;
    assert_eq!(checkins_of(&app, &second.number), 1, "nothing written for a refusal");

    // Garbage from the scanner: red, nothing written.
    let history = app.find_all("[data-testid=checkin-history-item]")?.len();
    app.find("[data-testid=checkin-scanner-input]")?.send_keys(&format!("' OR 1=1; --{ENTER}"))?;
    next_verdict(&app, &again, "not_a_ticket")?;
    app.screenshot("checkin-not-a-ticket")?;
    assert!(app.find_all("[data-testid=checkin-history-item]")?.len() > history, "the last scans list grows");

    // A second door: a headless station (a side entrance's small computer) on its own replica
    // of the same demo, joined by the pairing code it shows, typed into "Join by code…".
    let mut side = SideDoor::start(&tickets[2].number)?;
    app.find("[data-testid=checkin-join]")?.click()?;
    app.find("#pair-code")?.send_keys(&format!("{}{ENTER}", side.code))?;
    app.wait("the side door connected", || {
        let state = app.find("[data-testid=checkin-doors-state]")?.text()?;
        Ok(state.contains("connected").then_some(()))
    })?;
    // A ticket let in at the side door is already in at this one, saying where.
    let at_side = side.admit()?;
    assert_eq!(at_side["kind"], "admitted", "{at_side}");
    app.wait("the side door's check-in here", || Ok((checkins_of(&app, &tickets[2].number) == 1).then_some(())))?;
    let history = before(&app)?;
    app.find("[data-testid=checkin-scanner-input]")?.send_keys(&format!("{}{ENTER}", tickets[2].number))?;
    let crossed = next_verdict(&app, &history, "already_checked_in")?;
    assert!(crossed.text.contains("Side door"), "{crossed:?}");
    app.wait("the side door listed", || {
        let doors = app.find("[data-testid=checkin-doors]")?.text()?;
        Ok(doors.contains("Side door").then_some(()))
    })?;
    app.screenshot("checkin-other-doors")?;
    side.finish()?;
    app.stop()
}

/// `eventos-cli door` on a demo replica of its own, showing a pairing code.
struct SideDoor {
    _dir: tempfile::TempDir,
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    stdout: std::io::BufReader<std::process::ChildStdout>,
    code: String,
    ticket: String,
}

impl SideDoor {
    fn start(ticket: &str) -> Result<SideDoor> {
        use std::io::BufRead;
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        App::open_with(dir.path(), SessionStore::File).open_demo_on(today()).map_err(|e| e.to_string())?;
        let event: String = rusqlite::Connection::open(dir.path().join("eventos.db"))
            .and_then(|db| {
                db.query_row("SELECT id FROM events WHERE name = 'AI & Machine Learning Summit'", [], |r| r.get(0))
            })
            .map_err(|e| e.to_string())?;
        let mut child = std::process::Command::new(eventos_e2e::cli_binary())
            .arg("--db")
            .arg(dir.path().join("eventos.db"))
            .args(["door", &event, "--gate", "Side door", "--json", "--pairing-code"])
            .env("EVENTOS_SECRET_STORE", "file")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| format!("{}: {e}", eventos_e2e::cli_binary().display()))?;
        let stdin = child.stdin.take().ok_or("stdin")?;
        let stdout = std::io::BufReader::new(child.stdout.take().ok_or("stdout")?);
        let mut stderr = std::io::BufReader::new(child.stderr.take().ok_or("stderr")?);
        let mut code = None;
        let mut line = String::new();
        while code.is_none() && stderr.read_line(&mut line).map_err(|e| e.to_string())? > 0 {
            code = line.trim().strip_prefix("Pairing code (valid 10 minutes): ").map(str::to_owned);
            line.clear();
        }
        // What the station says later (doors joining) is read and dropped, so it never blocks.
        std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
        let code = code.ok_or("the side door showed no pairing code")?;
        Ok(SideDoor { _dir: dir, child, stdin, stdout, code, ticket: ticket.to_owned() })
    }

    fn admit(&mut self) -> Result<Value> {
        use std::io::{BufRead, Write};
        writeln!(self.stdin, "{}", self.ticket).map_err(|e| e.to_string())?;
        let mut line = String::new();
        self.stdout.read_line(&mut line).map_err(|e| e.to_string())?;
        serde_json::from_str(&line).map_err(|e| format!("{line:?}: {e}"))
    }

    fn finish(self) -> Result<()> {
        let SideDoor { mut child, stdin, .. } = self;
        drop(stdin);
        let status = child.wait().map_err(|e| e.to_string())?;
        status.success().then_some(()).ok_or_else(|| format!("the side door ended with {status}"))
    }
}
