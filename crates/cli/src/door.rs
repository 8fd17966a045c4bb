//! `eventos-cli door EVENT --gate NAME`: a door station with no screen (a USB scanner on a
//! small computer at a side entrance). Codes come in on standard input, one a line; each
//! verdict goes out as soon as it is decided; the station joins the event's door exchange like
//! the app. It ends at the end of input or on Ctrl+C, leaving the exchange cleanly.

use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use eventos_app::door::{DoorExchange, DoorMode, DoorScan, DoorSetup, ScanMethod, Verdict, VerdictKind};
use eventos_model::timestamp;

use crate::CliError;

#[derive(clap::Args)]
pub struct DoorArgs {
    /// The event's id or slug.
    event: String,
    /// The gate's name, as the other doors will show it.
    #[arg(long)]
    gate: String,
    /// Let people out instead of in.
    #[arg(long)]
    exit: bool,
    /// One JSON object a line for each verdict (else a line of words).
    #[arg(long)]
    json: bool,
    /// Join the door showing this pairing code (where the network hides doors from each other).
    #[arg(long, value_name = "CODE")]
    pair: Option<String>,
    /// Show a pairing code on standard error for another door to join this one.
    #[arg(long)]
    pairing_code: bool,
}

/// What the station waits for: a scanned line, the end of input, or Ctrl+C.
enum Input {
    Line(String),
    End,
}

pub fn run(db: &Path, args: DoorArgs) -> Result<(), CliError> {
    let event_id = eventos_store::Store::open(db)?.event_stats(&args.event)?.event_id;
    let mut app = crate::facade(db)?;
    let mode = if args.exit { DoorMode::Exit } else { DoorMode::Entry };
    let door = DoorSetup { event_id, gate: args.gate.clone(), mode, session_id: None };
    let mut shown = app.open_exchange(&door)?;
    if let Some(code) = &args.pair {
        shown = app.exchange_pair(code)?;
    }
    if args.pairing_code {
        let code = app.exchange_pairing_code()?;
        eprintln!("Pairing code (valid {} minutes): {}", code.valid_minutes, code.text);
    }
    eprintln!("Door {} is open ({}); reading codes, one a line.", args.gate, shown.listening);

    let (tx, inputs) = mpsc::channel();
    let interrupted = tx.clone();
    ctrlc::set_handler(move || {
        let _ = interrupted.send(Input::End);
    })
    .map_err(|e| CliError::Usage(format!("cannot listen for Ctrl+C: {e}")))?;
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if tx.send(Input::Line(line)).is_err() {
                return;
            }
        }
        let _ = tx.send(Input::End);
    });

    let mut stdout = std::io::stdout().lock();
    let mut last_look = Instant::now();
    loop {
        match inputs.recv_timeout(Duration::from_secs(1)) {
            Ok(Input::Line(line)) if line.trim().is_empty() => {}
            // Another door's pairing code, read by the scanner like a ticket: join that door.
            Ok(Input::Line(line)) if eventos_app::door::is_pairing_code(&line) => match app.exchange_pair(&line) {
                Ok(_) => eprintln!("Joining the door of that pairing code…"),
                Err(e) => eprintln!("That pairing code cannot be used: {}", e.message),
            },
            Ok(Input::Line(line)) => {
                let scan = DoorScan { door: door.clone(), method: ScanMethod::QrCode, payload: line };
                let verdict = app.check_in(&scan)?;
                let text = verdict_line(&verdict, args.json);
                // A closed output (the reader went away) ends the station like the end of input.
                if writeln!(stdout, "{text}").and_then(|()| stdout.flush()).is_err() {
                    break;
                }
            }
            Ok(Input::End) | Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        if last_look.elapsed() >= Duration::from_secs(1) {
            last_look = Instant::now();
            let now = app.exchange()?;
            say_changes(&shown, &now);
            shown = now;
        }
    }
    app.close_exchange();
    eprintln!("Door {} closed.", args.gate);
    Ok(())
}

/// A verdict as the command line says it: one JSON object (with the sentence a person would be
/// told), or words.
pub(crate) fn verdict_line(verdict: &Verdict, json: bool) -> String {
    if json { json_line(verdict) } else { words(verdict) }
}

/// The verdict as one JSON object, with the sentence a person would be told.
fn json_line(verdict: &Verdict) -> String {
    let mut value = serde_json::to_value(verdict).unwrap_or_default();
    if let Some(object) = value.as_object_mut()
        && object.get("detail").is_none_or(serde_json::Value::is_null)
    {
        object.insert("detail".into(), sentence(verdict).into());
    }
    value.to_string()
}

fn words(verdict: &Verdict) -> String {
    let kind =
        serde_json::to_value(verdict.kind).ok().and_then(|k| k.as_str().map(str::to_uppercase)).unwrap_or_default();
    let who = [verdict.name.as_deref(), verdict.ticket_number.as_deref()].into_iter().flatten().collect::<Vec<_>>();
    let detail = verdict.detail.clone().or_else(|| sentence(verdict));
    let mut line = format!("{kind}  {}", who.join("  "));
    if let Some(detail) = detail {
        line.push_str(&format!("\n  {detail}"));
    }
    line
}

/// "Already checked in 8 s ago at Gate B" and the like, from the verdict's facts.
fn sentence(verdict: &Verdict) -> Option<String> {
    let previous = verdict.previous.as_ref()?;
    let ago = timestamp::parse(&previous.at)
        .zip(timestamp::parse(&verdict.scanned_at))
        .map(|(then, now)| ago((now - then).whole_seconds()))
        .unwrap_or_default();
    let place = match (&previous.gate, previous.this_device) {
        (Some(gate), false) => format!(" at {gate}"),
        (Some(gate), true) => format!(" at {gate} (this door)"),
        (None, _) => String::new(),
    };
    match verdict.kind {
        VerdictKind::AlreadyCheckedIn => Some(format!("Already checked in {ago}{place}.")),
        VerdictKind::NotInside => Some(format!("Left {ago}{place}.")),
        _ => None,
    }
}

fn ago(seconds: i64) -> String {
    match seconds.max(0) {
        s if s < 60 => format!("{s} s ago"),
        s if s < 3600 => format!("{} min ago", s / 60),
        s => format!("{} h {} min ago", s / 3600, s % 3600 / 60),
    }
}

/// Doors that joined or dropped out since the last look, on standard error.
fn say_changes(before: &DoorExchange, now: &DoorExchange) {
    for door in &now.peers {
        let was = before.peers.iter().find(|d| d.name == door.name && d.gate == door.gate);
        if was.is_none_or(|w| w.connected != door.connected) {
            let state = if door.connected { "connected" } else { "gone" };
            eprintln!("{} ({}) {state}", door.gate, door.name);
        }
    }
}
