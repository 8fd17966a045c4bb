//! Door stations on separate hosts, for the door exchange's tests: network namespaces joined by
//! veth pairs and a bridge (as root, with iproute2; removed when dropped), and `eventos-cli door`
//! running in one, fed codes on its standard input. Test infrastructure only.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

/// The command-line tool, built beside the tests (`make test` builds it first).
pub fn cli_binary() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir));
    let cli = target.join("debug/eventos-cli");
    assert!(cli.exists(), "{} is missing: cargo build -p eventos-cli (make test does)", cli.display());
    cli
}

/// Hosts of one test: a bridge namespace and one namespace per door (10.77.N.i/24).
pub struct Net {
    bridge: String,
    pub doors: Vec<String>,
}

impl Net {
    /// `None` (and a line saying why) where namespaces cannot be made here.
    pub fn make(tag: &str, doors: usize) -> Option<Net> {
        let id = format!("{}{tag}", std::process::id() % 100_000);
        let net = Net { bridge: format!("eos{id}b"), doors: (1..=doors).map(|i| format!("eos{id}d{i}")).collect() };
        if !ip(&["netns", "add", &net.bridge]) {
            eprintln!("skipped: network namespaces cannot be made here (needs root and iproute2)");
            return None;
        }
        assert!(ip(&["-n", &net.bridge, "link", "add", "br0", "type", "bridge"]));
        assert!(ip(&["-n", &net.bridge, "link", "set", "br0", "up"]));
        let subnet = tag.as_bytes()[0] % 200;
        for (i, ns) in net.doors.iter().enumerate() {
            assert!(ip(&["netns", "add", ns]));
            let (inside, outside) = (format!("v{id}i{i}"), format!("v{id}o{i}"));
            assert!(ip(&[
                "link",
                "add",
                &inside,
                "netns",
                ns,
                "type",
                "veth",
                "peer",
                "name",
                &outside,
                "netns",
                &net.bridge
            ]));
            assert!(ip(&["-n", &net.bridge, "link", "set", &outside, "master", "br0"]));
            assert!(ip(&["-n", &net.bridge, "link", "set", &outside, "up"]));
            assert!(ip(&["-n", ns, "addr", "add", &format!("10.77.{subnet}.{}/24", i + 1), "dev", &inside]));
            assert!(ip(&["-n", ns, "link", "set", &inside, "up"]));
            assert!(ip(&["-n", ns, "link", "set", "lo", "up"]));
        }
        Some(net)
    }

    fn port(&self, door: usize) -> String {
        let ns = &self.doors[door];
        let id = &ns[3..ns.len() - 2];
        format!("v{id}o{door}")
    }

    /// Pulls door's cable out, or puts it back.
    pub fn cable(&self, door: usize, plugged: bool) {
        assert!(ip(&["-n", &self.bridge, "link", "set", &self.port(door), if plugged { "up" } else { "down" }]));
    }

    /// A guest Wi-Fi: the door's interface takes no multicast, so DNS-SD finds nobody.
    pub fn block_multicast(&self, door: usize) {
        let ns = &self.doors[door];
        let id = &ns[3..ns.len() - 2];
        assert!(ip(&["-n", ns, "link", "set", &format!("v{id}i{door}"), "multicast", "off"]));
    }
}

impl Drop for Net {
    fn drop(&mut self) {
        for ns in self.doors.iter().chain([&self.bridge]) {
            ip(&["netns", "del", ns]);
        }
    }
}

fn ip(args: &[&str]) -> bool {
    Command::new("ip").args(args).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// One `eventos-cli door` process in a namespace.
pub struct Door {
    child: Child,
    stdin: ChildStdin,
    verdicts: Receiver<Value>,
    said: Arc<Mutex<Vec<String>>>,
}

impl Door {
    pub fn start(ns: &str, db: &Path, event: &str, gate: &str, extra: &[&str]) -> Door {
        let mut child = Command::new("ip")
            .args(["netns", "exec", ns])
            .arg(cli_binary())
            .arg("--db")
            .arg(db)
            .args(["door", event, "--gate", gate, "--json"])
            .args(extra)
            .env("EVENTOS_SECRET_STORE", "file")
            .env("EVENTOS_DOOR_NAME", format!("{gate} laptop"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let (tx, verdicts) = channel();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                let _ = tx.send(serde_json::from_str(&line).unwrap_or(Value::String(line)));
            }
        });
        let said = Arc::new(Mutex::new(Vec::new()));
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let lines = said.clone();
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line);
            }
        });
        let door = Door { child, stdin, verdicts, said };
        door.wait_said("is open");
        door
    }

    pub fn scan(&mut self, code: &str) -> Value {
        writeln!(self.stdin, "{code}").unwrap();
        self.verdicts.recv_timeout(Duration::from_secs(60)).unwrap_or_else(|_| panic!("no verdict: {:?}", self.said()))
    }

    pub fn said(&self) -> Vec<String> {
        self.said.lock().unwrap().clone()
    }

    pub fn count_said(&self, words: &str) -> usize {
        self.said().iter().filter(|l| l.contains(words)).count()
    }

    pub fn wait_said(&self, words: &str) -> String {
        let mut found = None;
        wait_for(&format!("a door to say {words:?}"), || {
            found = self.said().into_iter().find(|l| l.contains(words));
            found.is_some()
        });
        found.unwrap()
    }

    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Ctrl+C: the station closes cleanly too (`ip netns exec` runs the CLI in its place).
    pub fn interrupt(self) {
        let Door { mut child, stdin, said, .. } = self;
        assert!(Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap().success());
        assert!(child.wait().unwrap().success());
        drop(stdin);
        wait_for("the door says it closed", || said.lock().unwrap().iter().any(|l| l.ends_with("closed.")));
    }

    /// End of input: the station closes cleanly.
    pub fn finish(self) {
        let Door { mut child, stdin, .. } = self;
        drop(stdin);
        assert!(child.wait().unwrap().success());
    }
}

/// [`crate::wait_until`] for a condition.
pub fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    crate::wait_until(what, || done().then_some(()));
}

/// A small deterministic generator, so a failure can be replayed.
pub struct Dice(pub u64);

impl Dice {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}
