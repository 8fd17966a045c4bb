//! Paper: the replica's words as the print crate's pages, and the PDFs they make. `tickets`
//! (an order's, one, an event's), `badges` (an event's attendees on a layout), `door_list` (the
//! paper fallback at the door), `event_report` (for the client) and `pipeline` (the CRM's report); here what they share: the
//! paper chosen, a [`PdfJob`] read under the App's lock and drawn off it, an event's words (its
//! time in its venue's zone), money as the screens show it.

mod badges;
mod door_list;
mod event_report;
mod pipeline;
mod tickets;

use std::path::{Path, PathBuf};

use eventos_print::{Paper, Printed, Progress};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::events::EventDetail;
use crate::{App, AppError, ErrorCode, Result};

pub use badges::{BadgeLayoutInfo, BadgesOf, badge_layouts};
pub use tickets::TicketsOf;

/// An event has at most this many tickets printed at once (one page each).
pub(crate) const EVENT_LIMIT: usize = 100_000;

/// A paper size, as the screens choose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PaperSize {
    A4,
    Letter,
    Wallet,
}

impl PaperSize {
    /// This computer's usual paper, from its locale.
    pub fn of_this_computer() -> PaperSize {
        match Paper::of_this_computer() {
            Paper::Letter => PaperSize::Letter,
            Paper::A4 | Paper::Wallet => PaperSize::A4,
        }
    }

    pub fn paper(self) -> Paper {
        match self {
            PaperSize::A4 => Paper::A4,
            PaperSize::Letter => Paper::Letter,
            PaperSize::Wallet => Paper::Wallet,
        }
    }
}

/// A PDF written to a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedPdf {
    pub path: String,
    pub pages: u32,
    /// Characters the font lacks, printed as U+FFFD (a name in a script it does not cover).
    pub missing: Vec<String>,
}

/// A PDF whose words were read from the replica, to be drawn off the App's lock (an event's
/// thousands of pages take seconds; a scan must not wait for them).
pub struct PdfJob {
    /// A file name for it ("Tickets ORD-….pdf").
    file_name: String,
    /// The data folder's `opened/pdf/`, where Open puts it.
    opened: PathBuf,
    /// The App's, so a screen can ask how far a PDF has got.
    progress: Progress,
    draw: Box<Draw>,
}

/// Drawing a PDF, following its progress.
type Draw = dyn FnOnce(&Progress) -> std::result::Result<Printed, eventos_print::PrintError> + Send;

impl PdfJob {
    pub(crate) fn new(
        app: &App,
        file_name: String,
        draw: impl FnOnce(&Progress) -> std::result::Result<Printed, eventos_print::PrintError> + Send + 'static,
    ) -> PdfJob {
        let opened = app.data_dir.join("opened").join("pdf");
        PdfJob { file_name, opened, progress: app.pdf_progress.clone(), draw: Box::new(draw) }
    }

    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    pub fn pdf(self) -> Result<Printed> {
        (self.draw)(&self.progress).map_err(|e| AppError::new(ErrorCode::Invalid, e.to_string()))
    }

    /// Draws the PDF and writes it to `path`, whole or not at all.
    pub fn save(self, path: &Path) -> Result<SavedPdf> {
        let printed = self.pdf()?;
        write_whole(path, &printed.bytes)?;
        Ok(SavedPdf {
            path: path.display().to_string(),
            pages: u32::try_from(printed.pages).unwrap_or(u32::MAX),
            missing: printed.missing.iter().map(char::to_string).collect(),
        })
    }

    /// Draws the PDF into the data folder's `opened/pdf/` and hands it to the computer's viewer.
    pub fn open(self) -> Result<SavedPdf> {
        let path = self.opened.join(&self.file_name);
        let saved = self.save(&path)?;
        crate::links::hand_to_os(path.as_os_str())?;
        Ok(saved)
    }
}

fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |e: std::io::Error| AppError::new(ErrorCode::Io, format!("cannot write {}: {e}", path.display()));
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    std::io::Write::write_all(&mut temp, bytes).map_err(io)?;
    temp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// How far the PDF being made has got: pages drawn of all its pages (all drawn: the file is
/// being written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct PdfProgress {
    pub done: u32,
    pub total: u32,
}

impl App {
    pub fn pdf_progress(&self) -> PdfProgress {
        let (done, total) = self.pdf_progress.now();
        PdfProgress { done: u32::try_from(done).unwrap_or(u32::MAX), total: u32::try_from(total).unwrap_or(u32::MAX) }
    }
}

/// The words an event's pages share, as its page shows them: its name, its time on its
/// venue's clock, the venue and its address.
pub(crate) struct EventWords {
    pub(crate) name: String,
    pub(crate) when: String,
    pub(crate) venue: Option<String>,
    pub(crate) address: Option<String>,
}

impl EventWords {
    pub(crate) fn of(event: &EventDetail) -> EventWords {
        let s = &event.summary;
        EventWords {
            name: s.name.clone(),
            when: when(&s.start_at, &s.end_at, &s.zone),
            venue: s.venue_name.clone(),
            address: event.venue_address.clone().filter(|a| !a.is_empty()),
        }
    }
}

/// A name as a file name on any system: no separators or characters Windows refuses.
pub(crate) fn safe_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_control() || r#"\/:*?"<>|"#.contains(c) { ' ' } else { c }).collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = cleaned.chars().take(80).collect();
    if cut.is_empty() { "event".into() } else { cut }
}
/// "Saturday 12 December 2026, 19:00 – 23:00 (America/Toronto)"; an end on another day is
/// given its date.
fn when(start: &str, end: &str, zone: &str) -> String {
    let Ok(tz) = jiff::tz::db().get(zone) else { return start.to_owned() };
    let local = |utc: &str| utc.parse::<jiff::Timestamp>().ok().map(|t| t.to_zoned(tz.clone()));
    let Some(from) = local(start) else { return start.to_owned() };
    let day = from.strftime("%A %-d %B %Y, %H:%M").to_string();
    let until = match local(end) {
        Some(to) if to.date() == from.date() => format!(" – {}", to.strftime("%H:%M")),
        Some(to) => format!(" – {}", to.strftime("%A %-d %B %Y, %H:%M")),
        None => String::new(),
    };
    format!("{day}{until} ({zone})")
}

/// Cents as the screens show money: "$530,004.96", "-$12.00".
pub(crate) fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let (whole, part) = (cents.unsigned_abs() / 100, cents.unsigned_abs() % 100);
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}${grouped}.{part:02}")
}
/// Now on this computer's clock, "2026-12-07 15:50".
pub(crate) fn local_now() -> String {
    let now = eventos_model::timestamp::now();
    eventos_store::zones::utc_to_local(&now, eventos_store::zones::local_zone()).map_or(now, |l| l.replace('T', " "))
}

#[cfg(test)]
mod tests {
    use super::{money, when};

    #[test]
    fn times_are_the_venues_and_money_as_the_screens_show_it() {
        let w = when("2026-12-13T00:00:00.000000Z", "2026-12-13T04:00:00.000000Z", "America/Toronto");
        assert_eq!(w, "Saturday 12 December 2026, 19:00 – 23:00 (America/Toronto)");
        let two_days = when("2026-12-12T14:00:00.000000Z", "2026-12-13T22:00:00.000000Z", "Europe/Lisbon");
        assert_eq!(two_days, "Saturday 12 December 2026, 14:00 – Sunday 13 December 2026, 22:00 (Europe/Lisbon)");
        assert_eq!(
            (money(53_000_496), money(-1200), money(5)),
            ("$530,004.96".into(), "-$12.00".into(), "$0.05".into())
        );
    }
}
