//! `eventos-cli tickets EVENT --out DIR`: an event's tickets as QR images, for printing or for
//! pointing the door's scanner at a folder (`EVENTOS_CAMERA=dir:DIR`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::CliError;

#[derive(clap::Args)]
pub struct TicketsArgs {
    /// The event's id or slug.
    event: String,
    /// The folder to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// At most this many tickets (in ticket-number order).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Make the event's signing key on this computer first if it has none (an organizer's
    /// machine: the private key goes to the keychain, the public key onto the event, synced).
    #[arg(long)]
    sign: bool,
}

pub fn run(db: &Path, args: TicketsArgs, out: &mut String) -> Result<(), CliError> {
    let mut app = crate::facade(db)?;
    let event_id = eventos_store::Store::open(db)?.event_stats(&args.event)?.event_id;
    if args.sign {
        app.ensure_ticket_key(&event_id)?;
    }
    let codes = app.ticket_codes(&event_id, args.limit)?;
    std::fs::create_dir_all(&args.out).map_err(|e| io_error(&args.out, e))?;
    for code in &codes {
        let path = args.out.join(format!("{}.png", code.ticket_number));
        eventos_scan::save_png(&eventos_scan::qr_image(&code.payload)?, &path)?;
        let _ = writeln!(out, "{}  {}", path.display(), code.name.as_deref().unwrap_or(""));
    }
    let kind = if codes.first().is_some_and(|c| c.signed) { "signed" } else { "stored (unsigned)" };
    eprintln!("{} tickets with {kind} codes in {}", codes.len(), args.out.display());
    Ok(())
}

fn io_error(path: &Path, e: std::io::Error) -> CliError {
    CliError::Usage(format!("cannot write to {}: {e}", path.display()))
}
