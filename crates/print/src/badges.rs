//! Name badges: on label sheets (A4 and US Letter presets, each with its exact label size,
//! margins and gaps as data) or one per page for thermal printers. Each badge: the event, the
//! name large and fitted, the company, the role or ticket type, and a QR of the ticket's code.

use crate::canvas::{Align, Area, Doc, Fit, Page};
use crate::fonts::Weight;
use crate::{PrintError, Printed, Progress};

/// One person's badge.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Badge {
    pub name: String,
    pub company: Option<String>,
    /// Their role, else their ticket's type.
    pub role: Option<String>,
    /// What the QR holds (the ticket's code); none draws no code.
    pub code: Option<String>,
}

/// Where badges go on a page, in millimetres: `cols` × `rows` labels of `label` size, the first
/// at `margin` (left, top) from the page's corner, `gap` (across, down) between them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BadgeLayout {
    pub name: &'static str,
    /// What a person sees: "A4, 2 × 5 labels of 90 × 54 mm (Durable 1445)".
    pub label_text: &'static str,
    pub page: (f32, f32),
    pub cols: u32,
    pub rows: u32,
    pub label: (f32, f32),
    pub margin: (f32, f32),
    pub gap: (f32, f32),
}

const IN: f32 = 25.4;
const A4: (f32, f32) = (210.0, 297.0);
const LETTER: (f32, f32) = (8.5 * IN, 11.0 * IN);

/// The sheets and thermal sizes on offer. A sheet's labels are centred where the maker's sheet
/// centres them; a thermal badge is its own page.
pub const LAYOUTS: &[BadgeLayout] = &[
    BadgeLayout {
        name: "a4-2x5-90x54",
        label_text: "A4 sheet, 2 × 5 badges of 90 × 54 mm (Durable 1445-02 inserts)",
        page: A4,
        cols: 2,
        rows: 5,
        label: (90.0, 54.0),
        margin: (10.0, 13.5),
        gap: (10.0, 0.0),
    },
    BadgeLayout {
        name: "a4-2x5-80x50",
        label_text: "A4 sheet, 2 × 5 labels of 80 × 50 mm (Herma 4412)",
        page: A4,
        cols: 2,
        rows: 5,
        label: (80.0, 50.0),
        margin: (20.0, 13.5),
        gap: (10.0, 5.0),
    },
    BadgeLayout {
        name: "a4-3x8-70x36",
        label_text: "A4 sheet, 3 × 8 labels of 70 × 36 mm (Lyreco, Avery 3475)",
        page: A4,
        cols: 3,
        rows: 8,
        label: (70.0, 36.0),
        margin: (0.0, 4.5),
        gap: (0.0, 0.0),
    },
    BadgeLayout {
        name: "a4-2x2-a6",
        label_text: "A4 sheet cut into 4 A6 badges (105 × 148 mm)",
        page: A4,
        cols: 2,
        rows: 2,
        label: (105.0, 148.5),
        margin: (0.0, 0.0),
        gap: (0.0, 0.0),
    },
    BadgeLayout {
        name: "letter-2x3-4x3in",
        label_text: "US Letter sheet, 2 × 3 badges of 4 × 3 in (Avery 5392 inserts)",
        page: LETTER,
        cols: 2,
        rows: 3,
        label: (4.0 * IN, 3.0 * IN),
        margin: (0.25 * IN, 1.0 * IN),
        gap: (0.0, 0.0),
    },
    BadgeLayout {
        name: "letter-2x4-3.375x2.333in",
        label_text: "US Letter sheet, 2 × 4 badges of 3⅜ × 2⅓ in (Avery 5395; five rows do not fit Letter)",
        page: LETTER,
        cols: 2,
        rows: 4,
        label: (3.375 * IN, 7.0 / 3.0 * IN),
        margin: (0.6875 * IN, 0.6 * IN),
        gap: (0.375 * IN, 0.3 * IN),
    },
    BadgeLayout {
        name: "thermal-4x3in",
        label_text: "Thermal printer, one 4 × 3 in badge a page",
        page: (4.0 * IN, 3.0 * IN),
        cols: 1,
        rows: 1,
        label: (4.0 * IN, 3.0 * IN),
        margin: (0.0, 0.0),
        gap: (0.0, 0.0),
    },
    BadgeLayout {
        name: "thermal-100x62",
        label_text: "Thermal printer, one 62 × 100 mm badge a page (Brother DK-11202 tape, across)",
        page: (100.0, 62.0),
        cols: 1,
        rows: 1,
        label: (100.0, 62.0),
        margin: (0.0, 0.0),
        gap: (0.0, 0.0),
    },
    BadgeLayout {
        name: "thermal-90x54",
        label_text: "Thermal printer, one 90 × 54 mm badge a page",
        page: (90.0, 54.0),
        cols: 1,
        rows: 1,
        label: (90.0, 54.0),
        margin: (0.0, 0.0),
        gap: (0.0, 0.0),
    },
];

impl BadgeLayout {
    pub fn named(name: &str) -> Option<&'static BadgeLayout> {
        LAYOUTS.iter().find(|l| l.name.eq_ignore_ascii_case(name.trim()))
    }

    pub fn per_page(&self) -> usize {
        (self.cols * self.rows) as usize
    }

    /// The `index`th label of a page (across, then down).
    pub fn label_area(&self, index: usize) -> Area {
        let (col, row) = ((index as u32 % self.cols) as f32, (index as u32 / self.cols) as f32);
        Area::new(
            self.margin.0 + col * (self.label.0 + self.gap.0),
            self.margin.1 + row * (self.label.1 + self.gap.1),
            self.label.0,
            self.label.1,
        )
    }
}

/// Inside a badge: a little room from the label's edge (labels are cut with some play).
const PAD: f32 = 4.0;

/// Where a badge's QR code goes in its label: a square on the right, as tall as the label lets
/// it be, at most 40 % of its width.
pub fn qr_area(label: Area) -> Area {
    let side = (label.h - 2.0 * PAD - 3.0).min(label.w * 0.4).max(0.0);
    Area::new(label.x + label.w - PAD - side, label.y + (label.h - side) / 2.0, side, side)
}

/// The badges, `layout.per_page()` a page, in the order given (a page saying there are none
/// if there are none).
pub fn badges(
    title: &str,
    event_name: &str,
    badges: &[Badge],
    layout: &BadgeLayout,
    progress: &Progress,
) -> Result<Printed, PrintError> {
    let mut doc = Doc::new(title, badges.len().div_ceil(layout.per_page()).max(1), progress)?;
    let (width, height) = layout.page;
    if badges.is_empty() {
        let mut page = doc.page(width, height);
        let words = format!("No attendees to print badges for in {event_name}");
        let w = width - 2.0 * PAD;
        page.fit(Area::new(PAD, PAD + 6.0, w, height / 2.0), &words, Fit::line(14.0, Weight::Bold).min(7.0).lines(4));
        page.done();
    }
    for chunk in badges.chunks(layout.per_page()) {
        let mut page = doc.page(width, height);
        for (i, badge) in chunk.iter().enumerate() {
            draw(&mut page, layout.label_area(i), event_name, badge)?;
        }
        page.done();
    }
    Ok(doc.finish())
}

fn draw(page: &mut Page<'_>, label: Area, event_name: &str, badge: &Badge) -> Result<(), PrintError> {
    let qr = qr_area(label);
    let has_code = badge.code.is_some() && qr.w >= 15.0;
    let text_w = if has_code { qr.x - label.x - 2.0 * PAD } else { label.w - 2.0 * PAD };
    let x = label.x + PAD;
    let scale = (label.h / 54.0).clamp(0.6, 1.6);
    let mut y = label.y + PAD;
    let small = Fit::line(7.0 * scale, Weight::Regular).min(5.5).gray(0.4);
    y += page.fit(Area::new(x, y, text_w, 4.0 * scale), event_name, small) + 1.5 * scale;
    // The name: as large as it fits, on two lines at most.
    let name = Fit::line(22.0 * scale, Weight::Bold).min(8.0).lines(2);
    y += page.fit(Area::new(x, y, text_w, 20.0 * scale), &badge.name, name) + 1.0 * scale;
    if let Some(company) = &badge.company {
        let fit = Fit::line(10.0 * scale, Weight::Regular).min(6.0);
        y += page.fit(Area::new(x, y, text_w, 5.0 * scale), company, fit);
    }
    if let Some(role) = &badge.role {
        let bottom = (label.y + label.h - PAD - 4.0 * scale).max(y);
        let fit = Fit::line(8.0 * scale, Weight::Bold).min(6.0).gray(0.35).align(Align::Left);
        page.fit(Area::new(x, bottom, text_w, 4.0 * scale), &role.to_uppercase(), fit);
    }
    if let (true, Some(code)) = (has_code, &badge.code) {
        page.qr(qr.x, qr.y, qr.w, code)?;
    }
    Ok(())
}
