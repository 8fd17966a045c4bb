//! `eventos-cli`: the replica from a terminal. Every command is one transaction: it lands whole
//! or not at all. Errors go to stderr with their code and a non-zero exit status.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use eventos_demo::DemoOptions;
use eventos_store::{Store, StoreError};

#[derive(Parser)]
#[command(name = "eventos-cli", version, about = "EventOS Desktop from the command line")]
struct Cli {
    /// The replica file (default: eventos.db in the app's data folder, or in $EVENTOS_DATA_DIR).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the replica or upgrade it to this version's schema (running it again does nothing).
    Migrate,
    /// Write the demo workspace into an empty replica (the same seed and day give the same data).
    Demo {
        /// Attendees (one ticket each) across all events.
        #[arg(long, default_value_t = 400)]
        attendees: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The day the demo treats as today, YYYY-MM-DD (default: today, UTC).
        #[arg(long, value_parser = parse_date)]
        today: Option<time::Date>,
    },
    /// Each table with its row count.
    Tables {
        #[arg(long)]
        json: bool,
    },
    /// An event's ticket statistics (seed 003's event_stats).
    Stats {
        /// The event's id or slug.
        event: String,
        #[arg(long)]
        json: bool,
    },
}

fn parse_date(text: &str) -> Result<time::Date, String> {
    eventos_model::timestamp::parse_date(text).ok_or_else(|| format!("'{text}' is not a date like 2025-06-15"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = cli.db.clone().unwrap_or_else(eventos_store::default_db_path);
    match run(&db, cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e} (code: {})", e.code());
            ExitCode::FAILURE
        }
    }
}

fn run(db: &std::path::Path, command: Command) -> Result<(), StoreError> {
    let (mut store, report) = Store::open_with_report(db)?;
    match command {
        Command::Migrate => {
            if report.applied.is_empty() {
                println!("{} is up to date (schema version {}).", db.display(), report.version);
            } else {
                println!(
                    "{} is at schema version {} (applied {}).",
                    db.display(),
                    report.version,
                    report.applied.join(", ")
                );
            }
        }
        Command::Demo { attendees, seed, today } => {
            let mut options = DemoOptions { attendees, seed, ..DemoOptions::default() };
            if let Some(today) = today {
                options.today = today;
            }
            eprintln!("Writing the demo workspace ({attendees} attendees, seed {seed}) to {}…", db.display());
            let started = Instant::now();
            // A live count on a terminal; logs and pipes get only the summary.
            let show = std::io::stderr().is_terminal();
            let demo = eventos_demo::generate_with_progress(&mut store, &options, &mut |done, total| {
                if show {
                    let tail = if done == total { ", indexing and saving…" } else { "" };
                    eprint!("\r  {done}/{total} attendees{tail}   ");
                    if done == total {
                        eprintln!();
                    }
                }
            })?;
            println!(
                "Demo workspace ready in {:.2} s: {} events, {} attendees. Live today: {}",
                started.elapsed().as_secs_f64(),
                demo.events.len(),
                demo.attendees,
                demo.live_event_slug
            );
        }
        Command::Tables { json } => {
            let counts = store.table_counts()?;
            if json {
                let rows: Vec<_> = counts.iter().map(|(t, n)| serde_json::json!({"table": t, "rows": n})).collect();
                println!("{}", serde_json::Value::Array(rows));
            } else {
                let width = counts.iter().map(|(t, _)| t.len()).max().unwrap_or(5);
                println!("{:width$}  {:>8}", "table", "rows");
                for (table, rows) in counts {
                    println!("{table:width$}  {rows:>8}");
                }
            }
        }
        Command::Stats { event, json } => {
            let stats = store.event_stats(&event)?;
            if json {
                println!("{}", serde_json::to_string(&stats).unwrap_or_default());
            } else {
                println!("{} ({})", stats.event_name, stats.event_id);
                println!("  capacity           {:>7}", stats.capacity);
                println!("  tickets sold       {:>7}", stats.tickets_sold);
                println!("  tickets available  {:>7}", stats.tickets_available);
                println!("  active (not in)    {:>7}", stats.tickets_active);
                println!("  used (checked in)  {:>7}", stats.tickets_used);
                println!("  cancelled          {:>7}", stats.tickets_cancelled);
            }
        }
    }
    Ok(())
}
