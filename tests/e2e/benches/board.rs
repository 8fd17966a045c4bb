//! The pipeline board with 5,000 open opportunities, in the real window (bar: 200 ms to render):
//! a demo workspace gets 5,000 deals through the CLI's import, the app opens on it, and each
//! visit to the board is timed in the page, from the moment the route changes to the board's
//! `eventos:board-rendered` mark (set two animation frames after its columns are in the page, so
//! the frame that shows them has been painted; at most a frame more than the render itself).
//!
//! `cargo bench -p eventos-e2e --bench board` (`EVENTOS_BIN` picks the binary, e.g. a release
//! build; `EVENTOS_RUNS` the number of visits, default 15; `EVENTOS_DEALS` the deals added, 5,000
//! by default, 0 for the demo's own; `EVENTOS_FROM=dashboard` starts each visit from the dashboard
//! rather than the companies list).

use std::path::Path;

use eventos_e2e::Desktop;

fn main() -> Result<(), String> {
    let runs: usize = std::env::var("EVENTOS_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(15);
    // `EVENTOS_DEALS=0`: the demo's own few deals, for what a visit costs whatever the board.
    let deals: usize = std::env::var("EVENTOS_DEALS").ok().and_then(|v| v.parse().ok()).unwrap_or(5_000);
    // Where each visit starts: the companies list, the way to the board (`EVENTOS_FROM=dashboard`:
    // from the dashboard, a heavier screen to leave).
    let from = match std::env::var("EVENTOS_FROM").as_deref() {
        Ok("dashboard") => ("#/", "screen-dashboard"),
        _ => ("#/crm", "screen-crm"),
    };
    let demo = tempfile::tempdir().map_err(|e| e.to_string())?;
    let db = demo.path().join("eventos.db");
    let cli = eventos_e2e::app_binary().with_file_name("eventos-cli");
    let run = |args: &[&str]| -> Result<(), String> {
        let out = std::process::Command::new(&cli)
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .map_err(|e| format!("{}: {e} (cargo build -p eventos-cli)", cli.display()))?;
        if out.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&out.stderr).into_owned()) }
    };
    run(&["demo"])?;
    let mut csv = String::from("Name,Company,Value,Expected close date\n");
    for i in 0..deals {
        csv.push_str(&format!(
            "Deal {i},Board bench company {},{}.{:02},2027-{:02}-15\n",
            i % 200,
            1_000 + i * 7,
            i % 100,
            1 + i % 12
        ));
    }
    let file = demo.path().join("deals.csv");
    std::fs::write(&file, csv).map_err(|e| e.to_string())?;
    let file = file.display().to_string();
    run(&[
        "import",
        "opportunities",
        &file,
        "--map",
        "Name=name",
        "--map",
        "Company=company",
        "--map",
        "Value=value",
        "--map",
        "Expected close date=expected_close_date",
    ])?;
    let copy = |dir: &Path| -> Result<(), String> {
        std::fs::copy(&db, dir.join("eventos.db")).map(|_| ()).map_err(|e| e.to_string())
    };
    let app = Desktop::start_with(copy)?;
    app.find("[data-testid=screen-dashboard]")?;
    app.script(&format!("location.hash = '{}'", from.0))?;
    app.find(&format!("[data-testid={}]", from.1))?;
    let mut times: Vec<f64> = Vec::new();
    for _ in 0..runs {
        app.script(
            "performance.clearMarks('eventos:board-rendered'); performance.clearMarks('eventos:board-visit'); \
             performance.mark('eventos:board-visit'); location.hash = '#/crm/board';",
        )?;
        // Wait for the mark, not for a time.
        let took = app.wait("the board's eventos:board-rendered mark", || {
            let took = app.script(
                "const m = performance.getEntriesByName('eventos:board-rendered')[0]; \
                 const v = performance.getEntriesByName('eventos:board-visit')[0]; \
                 return m && v ? m.startTime - v.startTime : null;",
            )?;
            Ok(took.as_f64())
        })?;
        let cards = app.find_all("[data-testid=board] [data-testid=board-card]")?.len();
        if cards == 0 {
            return Err("the board showed no cards".into());
        }
        times.push(took);
        app.script(&format!("location.hash = '{}'", from.0))?;
        app.find(&format!("[data-testid={}]", from.1))?;
    }
    report(&format!("pipeline board with {deals} more open deals, {} visits", times.len()), times);
    // Where a visit's time goes: the command alone, through the bridge (the facade's read and
    // the JSON both ways), timed in the page as the board's own call makes it (a page per column).
    let mut calls: Vec<f64> = Vec::new();
    for _ in 0..runs {
        let took = app.script_async(
            "const done = arguments[arguments.length - 1]; const t = performance.now(); \
             window.__TAURI_INTERNALS__.invoke('pipeline_board', { query: { owner: null, unassigned: false, search: null, per_column: 60, shown: {}, reveal: null } }) \
               .then(() => done(performance.now() - t), () => done(null));",
        )?;
        calls.push(took.as_f64().ok_or("the pipeline_board command failed")?);
    }
    report("  of which the pipeline_board command through the bridge", calls);
    // The method's floor: two animation frames with nothing changed, as the mark waits for.
    let mut frames: Vec<f64> = Vec::new();
    for _ in 0..runs {
        let took = app.script_async(
            "const done = arguments[arguments.length - 1]; const t = performance.now(); \
             requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t)));",
        )?;
        frames.push(took.as_f64().ok_or("no frame time")?);
    }
    report("  two animation frames, nothing changed (the floor)", frames);
    // A visit to another screen (the events list), timed the same way, for comparison.
    let mut events: Vec<f64> = Vec::new();
    for _ in 0..runs {
        let took = app.script_async(
            "const done = arguments[arguments.length - 1]; const t = performance.now(); location.hash = '#/events'; \
             const seen = () => document.querySelector('[data-testid=event-row]') \
               ? requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t))) \
               : requestAnimationFrame(seen); \
             requestAnimationFrame(seen);",
        )?;
        events.push(took.as_f64().ok_or("no events time")?);
        app.script(&format!("location.hash = '{}'", from.0))?;
        app.find(&format!("[data-testid={}]", from.1))?;
    }
    report("  a visit to the events list, for comparison", events);
    app.stop()
}

fn report(what: &str, mut times: Vec<f64>) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{what} ({}): min {:.0} ms, median {:.0} ms, p95 {:.0} ms, max {:.0} ms",
        eventos_e2e::app_binary().display(),
        times[0],
        at(0.5),
        at(0.95),
        times[times.len() - 1]
    );
}
