//! Drives the real desktop app: an Xvfb display, `tauri-driver` (which starts WebKitWebDriver,
//! which starts `eventos`), and a minimal W3C WebDriver client. Test infrastructure only.
//!
//! The app binary is `target/debug/eventos` (or `$EVENTOS_BIN`); build the UI and the app first
//! (`make test` does). Each [`Desktop`] gets its own display, driver ports and data folder, and
//! tears all of it down on drop: the driver's process group gets SIGTERM first (a SIGKILLed
//! tauri-driver leaves WebKitWebDriver behind), then SIGKILL if it lingers.

pub mod door;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

pub type Result<T, E = String> = std::result::Result<T, E>;

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// How long to wait for the UI to show something before failing. Generous on purpose: the same
/// waits cover app-level work (the first paint of a debug build, creating the demo workspace,
/// the camera starting) on a loaded two-core machine, and a wait ends as soon as its condition
/// holds, so patience costs nothing when all is well.
pub const WAIT: Duration = Duration::from_secs(60);
/// How long creating the WebDriver session may take: it launches the app.
const LAUNCH: Duration = Duration::from_secs(120);
/// How long the driver's and display's processes get to be gone after they are stopped.
const EXIT: Duration = Duration::from_secs(10);
/// The time zone the app runs in: the demo's "today" (a UTC date, see [`door`]) is then the
/// local day the app's web page shows and picks events by, whatever this machine's zone is.
pub const APP_TZ: &str = "UTC";

/// One app at a time on this machine's two cores: sessions are serialized.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

pub fn app_binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("EVENTOS_BIN") {
        return PathBuf::from(bin);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    // A relative CARGO_TARGET_DIR is relative to where cargo ran: the workspace root here.
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir));
    target.join("debug/eventos")
}

/// The command-line tool, built by `make test`: a headless door station beside the window.
pub fn cli_binary() -> PathBuf {
    app_binary().with_file_name("eventos-cli")
}

/// The Supabase emulator (test infrastructure), built by `make test`.
pub fn emulator_binary() -> PathBuf {
    app_binary().with_file_name("supabase-emulator")
}

/// The Supabase emulator as its own process, so a test can stop it (the app sees the server go
/// away: connections refused) and start it again on the same port.
pub struct LocalSupabase {
    process: Option<Group>,
    database_url: String,
    port: u16,
    pub url: String,
    pub anon_key: String,
}

impl LocalSupabase {
    /// Starts the emulator in front of `database_url` (a Supabase-like Postgres) on a free port.
    pub fn start(database_url: &str) -> Result<LocalSupabase> {
        let mut server = LocalSupabase {
            process: None,
            database_url: database_url.to_owned(),
            port: free_ports::<1>()?[0],
            url: String::new(),
            anon_key: String::new(),
        };
        server.restart()?;
        Ok(server)
    }

    /// Stops the process (SIGTERM, then SIGKILL after 3 s).
    pub fn stop(&mut self) {
        self.process = None;
    }

    /// Starts it again on the same port, once it answers.
    pub fn restart(&mut self) -> Result<()> {
        use std::io::BufRead;
        let bin = emulator_binary();
        let mut command = Command::new(&bin);
        command
            .args(["--port", &self.port.to_string(), "--database-url", &self.database_url])
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut group = Group::spawn(command).map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        let stdout = group.0.stdout.take().ok_or("the emulator has no stdout")?;
        for line in std::io::BufReader::new(stdout).lines() {
            let line = line.map_err(|e| e.to_string())?;
            if let Some(url) = line.strip_prefix("SUPABASE_URL=") {
                self.url = url.to_owned();
            } else if let Some(key) = line.strip_prefix("SUPABASE_ANON_KEY=") {
                self.anon_key = key.to_owned();
            } else if line.starts_with("SUPABASE_SERVICE_ROLE_KEY=") {
                // Its last line: closing the pipe before it is written makes the emulator exit.
                self.process = Some(group);
                return Ok(());
            }
        }
        Err(format!("{} ended before printing its URL and keys", bin.display()))
    }
}

/// Where screenshots go: `$EVENTOS_SCREENSHOTS` (e.g. docs/screenshots), else
/// `target/e2e-screenshots`.
pub fn screenshot_dir() -> PathBuf {
    std::env::var_os("EVENTOS_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots"))
}

/// A running app under test.
pub struct Desktop {
    pub data_dir: tempfile::TempDir,
    session: Option<String>,
    base: String,
    agent: ureq::Agent,
    // Dropped in this order: the driver (and the app it started), then the display.
    driver: Group,
    xvfb: Option<Group>,
    _turn: MutexGuard<'static, ()>,
}

/// A process group we started, stopped when dropped (SIGTERM, then SIGKILL after 3 s).
struct Group(Child);

impl Group {
    fn spawn(mut command: Command) -> std::io::Result<Group> {
        use std::os::unix::process::CommandExt;
        command.process_group(0).spawn().map(Group)
    }

    fn id(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        stop_group(&mut self.0);
    }
}

impl Desktop {
    /// Starts the app on a fresh, empty data folder.
    pub fn start() -> Result<Desktop> {
        Self::start_with(|_| Ok(()))
    }

    /// Starts the app after `prepare` has put files in its data folder.
    pub fn start_with(prepare: impl FnOnce(&Path) -> Result<()>) -> Result<Desktop> {
        Self::start_with_env(prepare, &[])
    }

    /// [`Desktop::start_with`], with more environment for the app (`EVENTOS_CAMERA=dir:…`).
    ///
    /// The app runs with `TZ=`[`APP_TZ`] unless `env` says otherwise. The environment reaches the
    /// app through tauri-driver and WebKitWebDriver, which both pass theirs on to what they start
    /// (as `EVENTOS_CAMERA` does); the web page's clock follows it.
    pub fn start_with_env(prepare: impl FnOnce(&Path) -> Result<()>, env: &[(&str, String)]) -> Result<Desktop> {
        let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let bin = app_binary();
        if !bin.exists() {
            return Err(format!("{} is missing: build the UI and the app first (make test does)", bin.display()));
        }
        let data_dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        prepare(data_dir.path())?;
        let (xvfb, display) = match std::env::var("EVENTOS_E2E_DISPLAY") {
            Ok(display) => (None, display),
            Err(_) => {
                let (child, display) = start_xvfb()?;
                (Some(child), display)
            }
        };
        let [port, native_port] = free_ports()?;
        let mut driver = Command::new("tauri-driver");
        driver
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("DISPLAY", &display)
            // Sessions go to the data folder's 0600 file, never the keychain of whoever runs this.
            .env("EVENTOS_SECRET_STORE", "file")
            .env("TZ", APP_TZ)
            // Exports go to the test's own folder, never the Downloads of whoever runs this.
            .env("EVENTOS_EXPORT_DIR", data_dir.path().join("exports"))
            // What the app opens (a PDF, a document) is handed to `true`, not to a viewer.
            .env("EVENTOS_OPENER", "true")
            // "Save PDF…" saves here without the system's dialog, which WebDriver cannot reach.
            .env("EVENTOS_SAVE_DIR", data_dir.path().join("saved"))
            // No reminders: one popping up over a button would depend on the time of day.
            .env("EVENTOS_NO_REMINDERS", "1")
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let driver = Group::spawn(driver)
            .map_err(|e| format!("cannot start tauri-driver (cargo install tauri-driver --locked): {e}"))?;
        let agent = ureq::Agent::new_with_config(
            ureq::Agent::config_builder()
                .http_status_as_error(false)
                .timeout_global(Some(Duration::from_secs(60)))
                .build(),
        );
        let mut desktop = Desktop {
            data_dir,
            session: None,
            base: format!("http://127.0.0.1:{port}"),
            agent,
            driver,
            xvfb,
            _turn: turn,
        };
        desktop.wait_for_driver()?;
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "wry",
            "tauri:options": {
                "application": bin,
                "args": ["--data-dir", desktop.data_dir.path()],
            },
        }}});
        let created = desktop.post_within("/session", &capabilities, LAUNCH)?;
        let id = created["sessionId"].as_str().ok_or_else(|| format!("no session in {created}"))?;
        desktop.session = Some(id.to_owned());
        Ok(desktop)
    }

    /// Waits for tauri-driver to answer on its port. If it exited instead (its port was taken
    /// after [`free_ports`] let go of it, say), that is the error, not whoever answers there.
    fn wait_for_driver(&mut self) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(Some(status)) = self.driver.0.try_wait() {
                return Err(format!("tauri-driver exited ({status}) before answering on {}", self.base));
            }
            if let Ok(response) = self.agent.get(format!("{}/status", self.base)).call()
                && response.status().is_success()
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("tauri-driver did not answer on {} in {WAIT:?}", self.base));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn url(&self, path: &str) -> String {
        match &self.session {
            Some(id) => format!("{}/session/{id}{path}", self.base),
            None => format!("{}{path}", self.base),
        }
    }

    fn post(&self, path: &str, body: &Value) -> Result<Value> {
        let response = self.agent.post(self.url(path)).send_json(body).map_err(|e| e.to_string())?;
        read(response)
    }

    /// [`Desktop::post`] for a request that may take longer than the agent's usual limit.
    fn post_within(&self, path: &str, body: &Value, limit: Duration) -> Result<Value> {
        let request = self.agent.post(self.url(path)).config().timeout_global(Some(limit)).build();
        read(request.send_json(body).map_err(|e| e.to_string())?)
    }

    fn get(&self, path: &str) -> Result<Value> {
        read(self.agent.get(self.url(path)).call().map_err(|e| e.to_string())?)
    }

    /// The first element matching a CSS selector, waiting for it to appear.
    pub fn find(&self, css: &str) -> Result<Element<'_>> {
        self.wait(&format!("an element matching {css}"), || Ok(self.find_all(css)?.into_iter().next()))
    }

    /// Every element matching a CSS selector now (possibly none).
    pub fn find_all(&self, css: &str) -> Result<Vec<Element<'_>>> {
        let found = self.post("/elements", &json!({"using": "css selector", "value": css}))?;
        Ok(found
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|e| e[ELEMENT_KEY].as_str())
                    .map(|id| Element { desktop: self, id: id.to_owned() })
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Waits until `css` matches exactly `count` elements; returns them.
    pub fn find_n(&self, css: &str, count: usize) -> Result<Vec<Element<'_>>> {
        self.wait(&format!("{count} elements matching {css}"), || {
            let all = self.find_all(css)?;
            Ok((all.len() == count).then_some(all))
        })
    }

    /// Polls `probe` until it gives a value or [`WAIT`] passes. A WebDriver error (a stale
    /// element while the page re-renders, say) counts as "not yet"; the last one is reported.
    pub fn wait<T>(&self, what: &str, probe: impl FnMut() -> Result<Option<T>>) -> Result<T> {
        self.wait_up_to(WAIT, what, probe)
    }

    /// [`Desktop::wait`] with a longer patience, for work that goes over the network.
    pub fn wait_up_to<T>(
        &self,
        patience: Duration,
        what: &str,
        mut probe: impl FnMut() -> Result<Option<T>>,
    ) -> Result<T> {
        let deadline = Instant::now() + patience;
        let mut last_error = None;
        loop {
            match probe() {
                Ok(Some(found)) => return Ok(found),
                Ok(None) => {}
                Err(e) => last_error = Some(e),
            }
            if Instant::now() > deadline {
                let body = self.find_all("body").ok().and_then(|b| b.into_iter().next()).and_then(|b| b.text().ok());
                return Err(format!(
                    "timed out waiting for {what} (last error: {last_error:?}); the page says: {body:?}"
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Runs JavaScript in the page and returns its result.
    pub fn script(&self, source: &str) -> Result<Value> {
        self.post("/execute/sync", &json!({"script": source, "args": []}))
    }

    /// Runs asynchronous JavaScript in the page: the script calls its last argument with the
    /// result.
    pub fn script_async(&self, source: &str) -> Result<Value> {
        self.post("/execute/async", &json!({"script": source, "args": []}))
    }

    /// Waits until the page is still: its web fonts loaded, every animation or transition that
    /// ends (a verdict's flash) finished, then two frames painted, so the picture is the DOM
    /// as it now stands. Endless animations (a spinner, the scanner's beam) are not waited for.
    pub fn settle(&self) -> Result<()> {
        self.script_async(SETTLE).map(|_| ())
    }

    /// Saves a PNG of the window as `<screenshot_dir>/<name>.png`, once the page is still
    /// ([`Desktop::settle`]).
    pub fn screenshot(&self, name: &str) -> Result<PathBuf> {
        self.settle()?;
        let data = self.get("/screenshot")?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().unwrap_or_default())
            .map_err(|e| e.to_string())?;
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).map_err(|e| e.to_string())?;
        Ok(path)
    }
}

impl Desktop {
    /// Closes the app and stops the driver and the display, then checks that no process of
    /// those groups is left (tauri-driver, WebKitWebDriver, the app, its web processes, Xvfb).
    pub fn stop(self) -> Result<()> {
        let mut groups = vec![self.driver.id()];
        groups.extend(self.xvfb.as_ref().map(Group::id));
        drop(self);
        let deadline = Instant::now() + EXIT;
        loop {
            let left: Vec<String> = groups.iter().flat_map(|g| members(*g)).collect();
            if left.is_empty() {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("processes left running: {left:?}"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        if self.session.is_some() {
            let _ = self.agent.delete(self.url("")).call();
        }
        // The driver and display groups stop as the fields drop.
    }
}

/// `pid comm` of every live process in process group `group`, read from /proc.
fn members(group: u32) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| std::fs::read_to_string(e.path().join("stat")).ok())
        .filter_map(|stat| {
            let (head, rest) = stat.rsplit_once(')')?;
            let fields: Vec<&str> = rest.split_whitespace().collect();
            // After the name: state (0), ppid (1), pgrp (2). Zombies are gone for our purpose.
            (fields.get(2)? == &group.to_string() && fields.first()? != &"Z").then(|| head.replace(" (", " "))
        })
        .collect()
}

pub struct Element<'d> {
    desktop: &'d Desktop,
    id: String,
}

impl Element<'_> {
    pub fn text(&self) -> Result<String> {
        Ok(self.desktop.get(&format!("/element/{}/text", self.id))?.as_str().unwrap_or_default().to_owned())
    }

    pub fn click(&self) -> Result<()> {
        self.desktop.post(&format!("/element/{}/click", self.id), &json!({})).map(|_| ())
    }

    pub fn send_keys(&self, text: &str) -> Result<()> {
        self.desktop.post(&format!("/element/{}/value", self.id), &json!({"text": text})).map(|_| ())
    }

    pub fn enabled(&self) -> Result<bool> {
        Ok(self.desktop.get(&format!("/element/{}/enabled", self.id))?.as_bool().unwrap_or(false))
    }

    /// An attribute's value ("" when it is absent).
    pub fn attribute(&self, name: &str) -> Result<String> {
        let value = self.desktop.get(&format!("/element/{}/attribute/{name}", self.id))?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    /// Empties an input.
    pub fn clear(&self) -> Result<()> {
        self.desktop.post(&format!("/element/{}/clear", self.id), &json!({})).map(|_| ())
    }
}

fn read(response: ureq::http::Response<ureq::Body>) -> Result<Value> {
    let status = response.status();
    let body: Value = response.into_body().read_json().map_err(|e| e.to_string())?;
    let value = body.get("value").cloned().unwrap_or(Value::Null);
    if status.is_success() {
        Ok(value)
    } else {
        Err(format!("WebDriver {status}: {} {}", value["error"], value["message"]))
    }
}

/// `N` distinct free ports on 127.0.0.1. Every listener stays bound until all the numbers are
/// taken, so the kernel cannot hand the same port out twice (binding, dropping and binding again
/// can); they are let go together at the end.
///
/// What remains is the usual race of this pattern: between this return and the server binding
/// the port, another process may take it. The window is the time tauri-driver (and the
/// WebKitWebDriver it starts at once on the native port), or the emulator, takes to start. A
/// tauri-driver that cannot bind its port exits, and [`Desktop::start`] says so instead of
/// timing out; a WebKitWebDriver that cannot bind shows as a failed session. Nothing here retries.
fn free_ports<const N: usize>() -> Result<[u16; N]> {
    let listeners =
        (0..N).map(|_| TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())).collect::<Result<Vec<_>>>()?;
    let mut ports = [0; N];
    for (port, listener) in ports.iter_mut().zip(&listeners) {
        *port = listener.local_addr().map_err(|e| e.to_string())?.port();
    }
    drop(listeners);
    Ok(ports)
}

/// [`Desktop::settle`]'s script (WebDriver's asynchronous execute: the last argument is the
/// callback). Animations that start meanwhile (a re-render) are waited for too.
const SETTLE: &str = "
  const done = arguments[arguments.length - 1];
  const ending = () => (document.getAnimations ? document.getAnimations() : []).filter((a) => {
    if (a.playState !== 'running' || !a.effect) return false;
    return a.effect.getComputedTiming().endTime !== Infinity;
  });
  const painted = () => requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
  const still = () => {
    const running = ending();
    if (running.length === 0) return painted();
    Promise.all(running.map((a) => a.finished.catch(() => null))).then(still);
  };
  (document.fonts ? document.fonts.ready : Promise.resolve()).then(still, still);";

/// Starts Xvfb on a display it picks itself (`-displayfd`), in its own process group.
fn start_xvfb() -> Result<(Group, String)> {
    let mut command = Command::new("Xvfb");
    command
        .args(["-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut xvfb = Group::spawn(command).map_err(|e| format!("cannot start Xvfb (apt-get install xvfb): {e}"))?;
    let mut line = String::new();
    let stdout = xvfb.0.stdout.take().ok_or("no Xvfb output")?;
    BufReader::new(stdout).read_line(&mut line).map_err(|e| e.to_string())?;
    let number = line.trim().to_owned();
    if number.is_empty() {
        return Err("Xvfb did not say which display it took".into()); // `xvfb` stops as it drops
    }
    Ok((xvfb, format!(":{number}")))
}

/// SIGTERM to the whole group, then SIGKILL if anything is still there after 3 s. (A SIGKILLed
/// tauri-driver would leave WebKitWebDriver running.) Without `kill(1)`, only the leader is killed.
fn stop_group(child: &mut Child) {
    let group = format!("-{}", child.id());
    let signal = |name: &str| Command::new("kill").args([name, "--", &group]).stderr(Stdio::null()).status();
    if signal("-TERM").is_err() {
        let _ = child.kill();
    }
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline && !members(child.id()).is_empty() {
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = signal("-KILL");
    let _ = child.wait();
}
