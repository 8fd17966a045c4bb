//! Cold start to first rendered screen (bar: 1.5 s): the app is launched on a demo workspace and
//! timed from the app process's own start (its start time in `/proc`) to the moment its
//! dashboard had today's data in the page (the UI's `eventos:first-screen` performance mark).
//! WebDriver round trips, slow in WebKitWebDriver, are taken out: we read, in one script, how
//! long ago in the page that mark was set, and subtract it from the time since the process
//! started. Resolution: 10 ms (`/proc`).
//!
//! `cargo bench -p eventos-e2e --bench cold_start` (`EVENTOS_BIN` picks the binary, e.g. a
//! release build; `EVENTOS_RUNS` the number of launches, default 7).

use std::path::Path;
use std::time::Duration;

use eventos_e2e::Desktop;

fn main() -> Result<(), String> {
    let runs: usize = std::env::var("EVENTOS_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(7);
    let demo = tempfile::tempdir().map_err(|e| e.to_string())?;
    let cli = eventos_e2e::app_binary().with_file_name("eventos-cli");
    // The demo's "today" must be the local day the app's dashboard shows: the app runs in UTC
    // (`eventos_e2e::APP_TZ`).
    let today = std::process::Command::new("date").arg("-u").arg("+%F").output().map_err(|e| e.to_string())?;
    let today = String::from_utf8_lossy(&today.stdout).trim().to_owned();
    let made = std::process::Command::new(&cli)
        .arg("--db")
        .arg(demo.path().join("eventos.db"))
        .args(["demo", "--today", &today])
        .output()
        .map_err(|e| format!("{}: {e} (cargo build -p eventos-cli)", cli.display()))?;
    if !made.status.success() {
        return Err(String::from_utf8_lossy(&made.stderr).into_owned());
    }
    let copy = |dir: &Path| -> Result<(), String> {
        std::fs::copy(demo.path().join("eventos.db"), dir.join("eventos.db")).map(|_| ()).map_err(|e| e.to_string())
    };
    let mut times: Vec<Duration> = Vec::new();
    for _ in 0..runs {
        let app = Desktop::start_with(copy)?;
        app.find("[data-testid=today-event]")?;
        // The mark is set once the dashboard's data is on screen: wait for it, not for a time.
        let (since_mark, now) = app.wait("the UI's eventos:first-screen mark", || {
            let since_mark = app.script(
                "const m = performance.getEntriesByName('eventos:first-screen')[0]; \
                 return m ? performance.now() - m.startTime : null;",
            )?;
            let now = uptime()?;
            Ok(since_mark.as_f64().map(|since| (since, now)))
        })?;
        let started = process_start(app.data_dir.path())?;
        times.push(now.saturating_sub(started).saturating_sub(Duration::from_secs_f64(since_mark / 1000.0)));
    }
    times.sort();
    let ms = |d: &Duration| d.as_secs_f64() * 1000.0;
    println!(
        "cold start to dashboard, {} launches of {}: min {:.0} ms, median {:.0} ms, max {:.0} ms",
        times.len(),
        eventos_e2e::app_binary().display(),
        ms(&times[0]),
        ms(&times[times.len() / 2]),
        ms(&times[times.len() - 1])
    );
    Ok(())
}

/// Time since boot, from `/proc/uptime` (10 ms resolution).
fn uptime() -> Result<Duration, String> {
    let text = std::fs::read_to_string("/proc/uptime").map_err(|e| e.to_string())?;
    let seconds: f64 = text.split_whitespace().next().and_then(|s| s.parse().ok()).ok_or("unreadable /proc/uptime")?;
    Ok(Duration::from_secs_f64(seconds))
}

/// When the `eventos` process serving `data_dir` started, as time since boot (10 ms resolution).
fn process_start(data_dir: &Path) -> Result<Duration, String> {
    let pids = std::process::Command::new("pgrep").arg("-f").arg(data_dir).output().map_err(|e| e.to_string())?;
    let pid = String::from_utf8_lossy(&pids.stdout)
        .lines()
        .find(|pid| std::fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|c| c.trim() == "eventos"))
        .map(str::to_owned)
        .ok_or("the eventos process was not found")?;
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).map_err(|e| e.to_string())?;
    // Field 22 (starttime, in clock ticks since boot), counted after the ")" closing the name.
    let ticks: u64 = stat
        .rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().nth(19))
        .and_then(|t| t.parse().ok())
        .ok_or("unreadable /proc stat")?;
    Ok(Duration::from_millis(ticks * 10)) // USER_HZ is 100 on Linux
}
