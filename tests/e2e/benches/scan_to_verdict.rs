//! Scan → verdict on screen (bar: 100 ms p95) and the preview's frame rate (bar: 15 fps), in
//! the real window: a folder stands in for the camera (`EVENTOS_CAMERA=dir:…`), signed tickets
//! of today's demo event are dropped into it one by one, and the page records, for each verdict,
//! when it was on screen (`Date.now()` in a MutationObserver on the verdict panel) against when
//! the camera's frame arrived (`data-frame-at`, from the scanner thread) — so WebDriver's slow
//! round trips are not counted. Frames delivered are the preview image's `data-frame` changes
//! (each a new frame from the scanner; identical pictures, as a folder's blank frames are, do
//! not need the image redrawn).
//!
//! Each ticket is dropped in once the page has recorded the previous one's verdict (the folder is
//! listed once a second and each image held up for 0.8 s, so that is about a scan a second or
//! two).
//!
//! `cargo bench -p eventos-e2e --bench scan_to_verdict` (`EVENTOS_BIN` picks the binary, e.g. a
//! release build: `make bench-checkin`; `EVENTOS_SCANS` the number of tickets, default 20).

use std::time::Instant;

use eventos_app::App;
use eventos_app::sync::SessionStore;
use eventos_e2e::Desktop;
use eventos_e2e::door::{draw, live_tickets};

const OBSERVE: &str = "
  const panel = document.querySelector('[data-testid=checkin-verdict]');
  const screen = document.querySelector('[data-testid=screen-checkin]');
  window.__door = { shown: [], frames: 0, since: Date.now() };
  new MutationObserver(() => {
    const at = panel.dataset.frameAt, key = panel.dataset.scannedAt;
    if (at && !window.__door.shown.some((s) => s.key === key))
      window.__door.shown.push({ key, frame: Date.parse(at), shown: Date.now() });
  }).observe(panel, { attributes: true });
  new MutationObserver((changes) => { window.__door.frames += changes.length; })
    .observe(screen, { attributes: true, subtree: true, attributeFilter: ['data-frame'] });
  return true;";

fn main() -> Result<(), String> {
    let scans: usize = std::env::var("EVENTOS_SCANS").ok().and_then(|v| v.parse().ok()).unwrap_or(20);
    let camera = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut tickets = Vec::new();
    // A UTC date, and the app runs in UTC (`eventos_e2e::APP_TZ`): the page's today.
    let today = time::OffsetDateTime::now_utc().date();
    let app = Desktop::start_with_env(
        |dir| {
            let mut app = App::open_with(dir, SessionStore::File);
            app.open_demo_on(today).map_err(|e| e.to_string())?;
            tickets = live_tickets(dir)?;
            Ok(())
        },
        &[("EVENTOS_CAMERA", format!("dir:{}", camera.path().display()))],
    )?;
    app.find("[data-testid=nav-checkin]")?.click()?;
    app.wait("the folder camera to run", || {
        Ok(app.find("[data-testid=checkin-preview]")?.attribute("src")?.starts_with("data:image/jpeg").then_some(()))
    })?;
    app.script(OBSERVE)?;
    let started = Instant::now();
    for (i, ticket) in tickets.iter().take(scans).enumerate() {
        draw(camera.path(), &format!("{i:03}.png"), &ticket.payload)?;
        app.wait(&format!("the verdict for ticket {} of {scans}", i + 1), || {
            let recorded = app.script("return window.__door.shown.length;")?;
            Ok(recorded.as_u64().is_some_and(|n| n > i as u64).then_some(()))
        })?;
    }
    let seen = app.script("return window.__door;")?;
    let elapsed = started.elapsed().as_secs_f64();
    let mut latencies: Vec<f64> = seen["shown"]
        .as_array()
        .ok_or("no verdicts recorded")?
        .iter()
        .filter_map(|s| Some(s["shown"].as_f64()? - s["frame"].as_f64()?))
        .collect();
    latencies.sort_by(f64::total_cmp);
    let at = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    let frames = seen["frames"].as_f64().unwrap_or(0.0);
    println!(
        "scan -> verdict on screen, {} of {scans} tickets ({}): p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms",
        latencies.len(),
        eventos_e2e::app_binary().display(),
        at(0.5),
        at(0.95),
        latencies.last().copied().unwrap_or(f64::NAN)
    );
    println!("preview: {frames} frames delivered in {elapsed:.1} s = {:.1} fps", frames / elapsed);
    println!("each scan, ms: {:?}", latencies.iter().map(|l| l.round()).collect::<Vec<_>>());
    app.stop()
}
