//! `eventos-cli pdf …`: paper from the replica, as the app makes it.
//! `pdf tickets ORDER_NUMBER|TICKET_NUMBER|EVENT --out FILE [--paper a4|letter|wallet]`,
//! `pdf badges EVENT --layout NAME --out FILE [--attendee ID]…` (`pdf badges --layouts` lists them),
//! `pdf door-list EVENT --out FILE [--paper a4|letter]`, `pdf report EVENT --out FILE [--paper …]`,
//! `pdf pipeline --out FILE [--paper a4|letter]`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use eventos_app::paper::{BadgesOf, TicketsOf};
use eventos_print::Paper;

use crate::CliError;

#[derive(clap::Subcommand)]
pub enum PdfCommand {
    /// Tickets, one per page: an order's (ORD-…), one ticket (TKT-…), or an event's valid ones
    /// (its id or slug). Signed codes where this computer holds the event's key.
    Tickets {
        /// An order number, a ticket number, or an event's id or slug.
        what: String,
        /// The PDF file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// a4, letter or wallet (default: the computer's locale's paper).
        #[arg(long, value_parser = parse_paper)]
        paper: Option<Paper>,
    },
    /// An event's report: sales per day, revenue, tickets by status, check-ins per 15 minutes,
    /// sessions' attendance, expenses by category and the result, feedback averages.
    Report {
        /// The event's id or slug.
        event: String,
        /// The PDF file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// a4 or letter (default: the computer's locale's paper).
        #[arg(long, value_parser = parse_paper)]
        paper: Option<Paper>,
    },
    /// The CRM's pipeline report: open deals by stage and owner, the weighted forecast by month.
    Pipeline {
        /// The PDF file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// a4 or letter (default: the computer's locale's paper).
        #[arg(long, value_parser = parse_paper)]
        paper: Option<Paper>,
    },
    /// The door list for paper fallback: every valid ticket by last name, a box to tick each.
    DoorList {
        /// The event's id or slug.
        event: String,
        /// The PDF file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// a4 or letter (default: the computer's locale's paper).
        #[arg(long, value_parser = parse_paper)]
        paper: Option<Paper>,
    },
    /// Name badges of an event's attendees with a valid ticket, sorted by name, on a label
    /// sheet or one per page for a thermal printer.
    Badges {
        /// The event's id or slug.
        #[arg(required_unless_present = "layouts")]
        event: Option<String>,
        /// The layout (see --layouts).
        #[arg(long, required_unless_present = "layouts")]
        layout: Option<String>,
        /// The PDF file to write.
        #[arg(long, value_name = "FILE", required_unless_present = "layouts")]
        out: Option<PathBuf>,
        /// Only this attendee (an id; again for more).
        #[arg(long = "attendee", value_name = "ID")]
        attendees: Vec<String>,
        /// List the layouts, with their sizes, and stop.
        #[arg(long)]
        layouts: bool,
    },
}

fn parse_paper(name: &str) -> Result<Paper, String> {
    Paper::from_name(name).ok_or_else(|| format!("'{name}' is not a paper: use a4, letter or wallet"))
}

pub fn run(db: &Path, command: PdfCommand, out: &mut String) -> Result<(), CliError> {
    if let PdfCommand::Badges { layouts: true, .. } = command {
        for layout in eventos_print::LAYOUTS {
            let _ = writeln!(out, "{:<26} {}", layout.name, layout.label_text);
        }
        return Ok(());
    }
    let app = crate::facade(db)?;
    let paper_of = |paper: Option<Paper>| paper.unwrap_or_else(Paper::of_this_computer);
    // Each command reads its PDF's words; drawing and writing it are the same for all.
    let (job, file, on) = match command {
        PdfCommand::Tickets { what, out: file, paper } => {
            let paper = paper_of(paper);
            (app.tickets_job(&TicketsOf::from_typed(&what), paper)?, file, paper.name().to_owned())
        }
        PdfCommand::Report { event, out: file, paper } => {
            let paper = paper_of(paper);
            (app.event_report_job(&event, paper)?, file, paper.name().to_owned())
        }
        PdfCommand::Pipeline { out: file, paper } => {
            let paper = paper_of(paper);
            (app.pipeline_report_job(paper)?, file, paper.name().to_owned())
        }
        PdfCommand::DoorList { event, out: file, paper } => {
            let paper = paper_of(paper);
            (app.door_list_job(&event, paper)?, file, paper.name().to_owned())
        }
        PdfCommand::Badges { event, layout, out: file, attendees, .. } => {
            let (Some(event), Some(layout), Some(file)) = (event, layout, file) else {
                return Err(CliError::Usage("give the event, --layout and --out".into()));
            };
            let of = BadgesOf { event, layout, attendees: (!attendees.is_empty()).then_some(attendees), ticket: None };
            (app.badges_job(&of)?, file, of.layout)
        }
    };
    // Written whole or not at all, as the window saves it.
    let saved = job.save(&file)?;
    let _ = writeln!(out, "{} ({} pages, {on})", file.display(), saved.pages);
    if !saved.missing.is_empty() {
        let chars = saved.missing.concat();
        eprintln!("note: the font has no {chars:?}: printed as {}", eventos_print::REPLACEMENT);
    }
    Ok(())
}
