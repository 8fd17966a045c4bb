//! Paper: tickets, name badges, the door list and reports as PDFs made with printpdf. Everything here
//! is drawing: the caller gives the words and numbers (the app reads them from the replica and
//! formats dates in the venue's zone), this crate lays them out on pages and returns the bytes.
//! Fonts are embedded and subset (`fonts`); text is fitted to its box (shrunk, wrapped, cut
//! with an ellipsis); QR codes are vectors. No UI, no replica.

pub mod badges;
pub mod canvas;
pub mod door_list;
pub mod fonts;
pub mod paper;
pub mod progress;
pub mod readback;
pub mod report;
pub mod tickets;

pub use badges::{Badge, BadgeLayout, LAYOUTS, badges};
pub use canvas::{Align, Area, Doc, Fit, Page};
pub use door_list::{DoorListRow, door_list};
pub use fonts::{REPLACEMENT, Weight};
pub use paper::Paper;
pub use progress::Progress;
pub use report::{Block, report};
pub use tickets::{TicketPage, tickets};

/// Millimetres in a point (1/72 in).
pub const PT_TO_MM: f32 = 25.4 / 72.0;

/// A PDF made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Characters the fonts lack, drawn as [`REPLACEMENT`] (a name in a script the font does
    /// not cover): the caller says so.
    pub missing: Vec<char>,
}

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("{0}")]
    Font(&'static str),
    #[error("this cannot be drawn as a QR code: {0}")]
    Qr(String),
}
