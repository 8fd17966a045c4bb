//! `eventos-cli`: the replica from a terminal. Every command is one transaction: it lands whole
//! or not at all. Errors go to stderr with their code and a non-zero exit status.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use eventos_demo::DemoOptions;
use eventos_store::{Store, StoreError};

mod box_office;
mod decode;
mod door;
mod import;
mod pdf;
mod records;
mod sync;
mod tickets;

/// `println!` into the output buffer (writing to a String cannot fail).
macro_rules! outln {
    ($out:expr, $($arg:tt)*) => {
        let _ = writeln!($out, $($arg)*);
    };
}

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
        #[arg(long, default_value_t = 400, value_parser = clap::value_parser!(u64).range(0..=eventos_demo::MAX_ATTENDEES))]
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
    /// Push local changes to the Supabase project and pull the server's (connects the replica:
    /// from then on, local writes wait in the outbox until they go up).
    Sync(sync::SyncArgs),
    /// The changes waiting to go up, and the ones the server refused.
    Outbox {
        #[arg(long)]
        json: bool,
    },
    /// The text a QR decoder reads in each image file (needs no replica).
    Decode(decode::DecodeArgs),
    /// Draw an event's tickets as QR images (PNG, one per ticket, named by ticket number):
    /// signed when this computer holds the event's key, else the tickets' stored codes.
    Tickets(tickets::TicketsArgs),
    /// Any table: list, get, create, update, delete (the desktop app's record layer and rules).
    #[command(subcommand)]
    Records(records::RecordsCommand),
    /// The door's verdict for a scanned or typed code, decided as the Check-in screen does
    /// (an admission or exit is recorded).
    CheckIn(records::CheckInArgs),
    /// An event's attendees or orders, or the CRM's companies, contacts or opportunities, as CSV
    /// (RFC 4180, UTF-8 with a BOM for Excel).
    Export(records::ExportArgs),
    /// Import companies, contacts or opportunities from a CSV file: prints what was created,
    /// merged, skipped and rejected (each rejected row with its line and reason).
    Import(import::ImportArgs),
    /// Sell tickets at the box office (offline; the order syncs like any edit): prints the order
    /// number and each ticket's number and QR code.
    Sell(box_office::SellArgs),
    /// Refund a whole order, or one ticket of it (`--ticket`): doors refuse it once synced.
    Refund(box_office::VoidArgs),
    /// Cancel a whole order, or one ticket of it, keeping the payment.
    Cancel(box_office::VoidArgs),
    /// Paper as PDFs: tickets and name badges.
    #[command(subcommand)]
    Pdf(pdf::PdfCommand),
    /// A door station with no screen: scanned codes on standard input, one a line, each
    /// verdict out at once; it joins the event's other doors on the local network.
    Door(door::DoorArgs),
}

/// The app facade over the replica at `db` (its folder is the data folder, where the keys and
/// the session live).
fn facade(db: &std::path::Path) -> Result<eventos_app::App, CliError> {
    let dir = db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    if db.file_name().is_some_and(|n| n != eventos_store::DB_FILE_NAME) {
        return Err(CliError::Usage(format!(
            "this command works on a replica named {} (beside its keys and session); {} is not one",
            eventos_store::DB_FILE_NAME,
            db.display()
        )));
    }
    Ok(eventos_app::App::open(dir))
}

fn parse_date(text: &str) -> Result<time::Date, String> {
    eventos_model::timestamp::parse_date(text).ok_or_else(|| format!("'{text}' is not a date like 2025-06-15"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = cli.db.clone().unwrap_or_else(eventos_store::default_db_path);
    let mut out = String::new();
    let result = run(&db, cli.command, &mut out);
    // Whatever was produced is printed even after an error; a closed pipe
    // (`eventos-cli tables | head -1`) is the reader's choice, not a failure.
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write the output: {e} (code: io)");
        return ExitCode::FAILURE;
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e} (code: {})", e.code());
            ExitCode::FAILURE
        }
    }
}

fn run(db: &std::path::Path, command: Command, out: &mut String) -> Result<(), CliError> {
    if let Command::Decode(args) = command {
        return decode::run(args, out);
    }
    let (mut store, report) = Store::open_with_report(db)?;
    match command {
        Command::Migrate => {
            if report.applied.is_empty() {
                outln!(out, "{} is up to date (schema version {}).", db.display(), report.version);
            } else {
                outln!(
                    out,
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
            // The demo stands for an organizer's computer: its events sign their tickets here.
            drop(store);
            match facade(db) {
                Ok(mut app) => app.ensure_ticket_keys()?,
                Err(e) => eprintln!("note: the tickets are not signed: {e}"),
            }
            outln!(
                out,
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
                outln!(out, "{}", serde_json::Value::Array(rows));
            } else {
                let width = counts.iter().map(|(t, _)| t.len()).max().unwrap_or(5);
                outln!(out, "{:width$}  {:>8}", "table", "rows");
                for (table, rows) in counts {
                    outln!(out, "{table:width$}  {rows:>8}");
                }
            }
        }
        Command::Stats { event, json } => {
            let stats = store.event_stats(&event)?;
            if json {
                outln!(out, "{}", serde_json::to_string(&stats).unwrap_or_default());
            } else {
                outln!(out, "{} ({})", stats.event_name, stats.event_id);
                outln!(out, "  capacity           {:>7}", stats.capacity);
                outln!(out, "  tickets sold       {:>7}", stats.tickets_sold);
                outln!(out, "  tickets available  {:>7}", stats.tickets_available);
                outln!(out, "  active (not in)    {:>7}", stats.tickets_active);
                outln!(out, "  used (checked in)  {:>7}", stats.tickets_used);
                outln!(out, "  cancelled          {:>7}", stats.tickets_cancelled);
            }
        }
        Command::Sync(args) => sync::run(&mut store, args, out)?,
        Command::Outbox { json } => sync::outbox(&store, json, out)?,
        Command::Tickets(args) => {
            drop(store);
            tickets::run(db, args, out)?;
        }
        Command::Records(command) => {
            drop(store);
            records::run(db, command, out)?;
        }
        Command::CheckIn(args) => {
            drop(store);
            records::check_in(db, args, out)?;
        }
        Command::Export(args) => {
            drop(store);
            records::export(db, args, out)?;
        }
        Command::Import(args) => {
            drop(store);
            import::run(db, args, out)?;
        }
        Command::Sell(args) => {
            drop(store);
            box_office::sell(db, args, out)?;
        }
        Command::Refund(args) => {
            drop(store);
            box_office::void(db, eventos_app::box_office::VoidKind::Refund, args, out)?;
        }
        Command::Cancel(args) => {
            drop(store);
            box_office::void(db, eventos_app::box_office::VoidKind::Cancel, args, out)?;
        }
        Command::Pdf(command) => {
            drop(store);
            pdf::run(db, command, out)?;
        }
        Command::Door(args) => {
            drop(store);
            door::run(db, args)?;
        }
        Command::Decode(_) => unreachable!("decode needs no replica: handled above"),
    }
    Ok(())
}

/// Any command's failure, with the stable code the message ends with.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Sync(#[from] eventos_sync::SyncError),
    #[error(transparent)]
    Auth(#[from] eventos_supabase::AuthError),
    #[error(transparent)]
    Scan(#[from] eventos_scan::ScanError),
    #[error(transparent)]
    App(#[from] eventos_app::AppError),
    #[error("{0}")]
    Usage(String),
}

impl CliError {
    fn code(&self) -> &'static str {
        use eventos_sync::{RemoteError, SyncError};
        match self {
            CliError::Store(e) | CliError::Sync(SyncError::Store(e)) => e.code(),
            CliError::Sync(SyncError::Remote(RemoteError::Unreachable(_))) => "offline",
            CliError::Sync(SyncError::Remote(RemoteError::Unauthorized(_))) => "signed_out",
            CliError::Sync(SyncError::Remote(RemoteError::Refused(_))) => "server_refused",
            CliError::Sync(SyncError::ScopeLost(_)) => "scope_lost",
            CliError::Sync(SyncError::BadScope(_)) | CliError::Usage(_) => "invalid",
            CliError::Auth(eventos_supabase::AuthError::InvalidCredentials) => "invalid_credentials",
            CliError::Auth(eventos_supabase::AuthError::Unreachable(_)) => "offline",
            CliError::Auth(_) => "signed_out",
            CliError::Scan(_) => "unreadable",
            CliError::App(e) => e.code.as_str(),
        }
    }
}
