//! A reminder's desktop notification, through a real D-Bus: a private session bus
//! (`dbus-daemon`) and, on it, a freedesktop notification server standing in for the desktop's
//! (GNOME Shell, KDE, dunst …). The app asks it to show the task with its Done and Snooze
//! buttons; the stand-in records what it was asked and presses Snooze; the App does the snooze
//! at its next look for reminders.
#![cfg(all(unix, not(target_os = "macos")))]
#![allow(clippy::unwrap_used)]

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use common::{demo, scalar};
use dbus::blocking::Connection;
use dbus::channel::{Channel, MatchingReceiver, Sender};
use dbus::message::MatchRule;
use eventos_app::crm::QuickLog;
use eventos_app::notify::SNOOZE_MINUTES;

const PATH: &str = "/org/freedesktop/Notifications";
const INTERFACE: &str = "org.freedesktop.Notifications";
/// The id the stand-in gives every notification.
const ID: u32 = 7;

/// A private session bus, stopped when dropped.
struct Bus(Child);

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn private_bus() -> (Bus, String) {
    let mut child = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("dbus-daemon (scripts/install-deps.sh test installs it)");
    let mut address = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut address).unwrap();
    (Bus(child), address.trim().to_owned())
}

/// What the stand-in was asked to show: summary, body, actions.
type Shown = (String, String, Vec<String>);

/// The notification server: answers Notify with [`ID`] and, once asked, presses `press` on it
/// until `stop` (the app's thread starts listening for the press only after Notify returns,
/// so the press is repeated rather than timed; the thread takes the first and leaves).
fn notification_server(address: &str, press: &'static str, stop: Arc<AtomicBool>) -> mpsc::Receiver<Shown> {
    let mut channel = Channel::open_private(address).unwrap();
    channel.register().unwrap();
    let conn = Connection::from(channel);
    conn.request_name(INTERFACE, false, true, false).unwrap();
    let (tx, rx) = mpsc::channel();
    let asked = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&asked);
    conn.start_receive(
        MatchRule::new_method_call(),
        Box::new(move |message, conn| {
            let reply = match message.member().as_deref() {
                Some("Notify") => {
                    let mut args = message.iter_init();
                    let (_app, _replaces, _icon): (String, u32, String) =
                        (args.read().unwrap(), args.read().unwrap(), args.read().unwrap());
                    let (summary, body, actions): Shown =
                        (args.read().unwrap(), args.read().unwrap(), args.read().unwrap());
                    let _ = tx.send((summary, body, actions));
                    flag.store(true, Ordering::SeqCst);
                    message.method_return().append1(ID)
                }
                Some("GetCapabilities") => {
                    message.method_return().append1(vec!["actions".to_owned(), "body".to_owned()])
                }
                Some("GetServerInformation") => {
                    message.method_return().append3("stand-in", "eventos", "1").append1("1.2")
                }
                _ => return true,
            };
            let _ = conn.send(reply);
            true
        }),
    );
    std::thread::spawn(move || {
        while !stop.load(Ordering::SeqCst) {
            conn.process(Duration::from_millis(20)).unwrap();
            if asked.load(Ordering::SeqCst) {
                let signal = dbus::Message::new_signal(PATH, INTERFACE, "ActionInvoked").unwrap().append2(ID, press);
                let _ = conn.send(signal);
            }
        }
    });
    rx
}

/// Set in the child process this test starts (the app's side, on the private bus).
const CHILD: &str = "EVENTOS_NOTIFICATIONS_CHILD";

#[test]
fn snooze_pressed_on_a_reminders_notification_puts_the_task_off() {
    if std::env::var_os(CHILD).is_some() {
        return; // the child runs only the app's side
    }
    let (_bus, address) = private_bus();
    let stop = Arc::new(AtomicBool::new(false));
    let shown = notification_server(&address, "snooze", Arc::clone(&stop));
    // The app's side in a process of its own, whose session bus is the private one (this
    // process's environment is not changed: other tests' notifications stay off this bus).
    let child = Command::new(std::env::current_exe().unwrap())
        .args(["the_apps_side_of_a_notification", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .env("DBUS_SESSION_BUS_ADDRESS", &address)
        .env_remove("EVENTOS_NO_REMINDERS")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let shown = shown.recv_timeout(Duration::from_secs(60));
    let output = child.wait_with_output().unwrap();
    stop.store(true, Ordering::SeqCst);
    let said = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the app's side failed:\n{said}");
    assert!(said.contains("1 passed"), "the app's side did not run:\n{said}");
    let (summary, _body, actions) = shown.expect("the notification was shown");
    assert_eq!(summary, "Task due: Send the signed contract");
    assert_eq!(actions, ["done", "Done", "snooze", "Snooze 15 min"]);
}

/// The app's side, run by the test above in a child process on the private bus (alone, it
/// returns at once).
#[test]
fn the_apps_side_of_a_notification() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    let (dir, mut app) = demo();
    let company: String = scalar(&dir, "SELECT id FROM crm_organizers ORDER BY id LIMIT 1");
    let due = time::OffsetDateTime::now_utc() - time::Duration::minutes(1);
    let quick = QuickLog {
        kind: "task".into(),
        subject: "Send the signed contract".into(),
        outcome: None,
        duration_minutes: None,
        at: None,
        due: Some(eventos_model::timestamp::format(due)),
        on_table: "crm_organizers".into(),
        on_id: company,
    };
    let task = app.log_activity(&quick).unwrap()["id"].as_str().unwrap().to_owned();
    let reminders = app.due_reminders().unwrap();
    assert!(reminders.due.iter().any(|d| d.id == task));

    // The press reaches the App's answers; the next look does it and names it.
    let deadline = Instant::now() + Duration::from_secs(60);
    let at = time::OffsetDateTime::now_utc();
    let answered = loop {
        let answered = app.do_notification_answers(at);
        if !answered.is_empty() || Instant::now() > deadline {
            break answered;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(answered, [task.as_str()], "the press on the notification came back as Snooze");
    let row = app.record("crm_activities", &task).unwrap().row;
    let until = eventos_model::timestamp::format(at + time::Duration::minutes(SNOOZE_MINUTES));
    assert_eq!(row["due_date"], until);
}
