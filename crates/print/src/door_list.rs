//! The door list, for when every laptop at the door is down: every valid ticket in the order
//! given (the app sorts by last name), with its number, its type and a box to tick, under a
//! running header with the event and "page x of y".

use crate::canvas::{Align, Area, Doc, Fit};
use crate::fonts::Weight;
use crate::{PT_TO_MM, Paper, PrintError, Printed, Progress};

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DoorListRow {
    pub name: String,
    pub ticket_number: String,
    pub ticket_type: String,
    /// Already checked in when the list was printed: its box comes ticked.
    pub checked_in: bool,
}

const MARGIN: f32 = 12.0;
/// Where the first row starts, below the header and the column names.
const ROWS_TOP: f32 = 30.0;
const ROW: f32 = 6.2;
const SIZE: f32 = 9.0;

/// How many rows a page of this paper holds.
pub fn rows_per_page(paper: Paper) -> usize {
    let (_, height) = paper.size();
    ((height - ROWS_TOP - MARGIN - 6.0) / ROW).floor().max(1.0) as usize
}

/// The list on `paper` (A4 or Letter; the wallet size is too narrow and gets A4).
pub fn door_list(
    event_name: &str,
    when: &str,
    printed_at: &str,
    rows: &[DoorListRow],
    paper: Paper,
    progress: &Progress,
) -> Result<Printed, PrintError> {
    let paper = paper.sheet();
    let (width, height) = paper.size();
    let per_page = rows_per_page(paper);
    let pages = rows.len().div_ceil(per_page).max(1);
    let mut doc = Doc::new(&format!("Door list: {event_name}"), pages, progress)?;
    let inner = width - 2.0 * MARGIN;
    // Columns: the box, the name, the ticket number, the type.
    let (tick_w, number_w, type_w) = (8.0, 46.0, 38.0);
    let name_w = inner - tick_w - number_w - type_w - 6.0;
    let (name_x, number_x) = (MARGIN + tick_w, MARGIN + tick_w + name_w + 3.0);
    let type_x = number_x + number_w + 3.0;
    for page_index in 0..pages {
        let mut page = doc.page(width, height);
        // The running header.
        page.fit(Area::new(MARGIN, MARGIN, inner - 40.0, 6.0), event_name, Fit::line(12.0, Weight::Bold).min(8.0));
        page.fit(Area::new(MARGIN, MARGIN + 5.6, inner - 40.0, 5.0), when, Fit::line(8.5, Weight::Regular).gray(0.35));
        let of = format!("Page {} of {pages}", page_index + 1);
        page.fit(
            Area::new(width - MARGIN - 40.0, MARGIN, 40.0, 5.0),
            &of,
            Fit::line(9.0, Weight::Bold).align(Align::Right),
        );
        let note = format!("{} tickets · printed {printed_at}", rows.len());
        let right = Fit::line(7.5, Weight::Regular).align(Align::Right).gray(0.35);
        page.fit(Area::new(width - MARGIN - 70.0, MARGIN + 5.6, 70.0, 4.0), &note, right);
        let heads = ROWS_TOP - 5.0;
        let head = |size| Fit::line(size, Weight::Bold).gray(0.35);
        page.fit(Area::new(MARGIN, heads, tick_w, 4.0), "In", head(7.5));
        page.fit(Area::new(name_x, heads, name_w, 4.0), "NAME (BY LAST NAME)", head(7.5));
        page.fit(Area::new(number_x, heads, number_w, 4.0), "TICKET", head(7.5));
        page.fit(Area::new(type_x, heads, type_w, 4.0), "TYPE", head(7.5));
        page.line((MARGIN, ROWS_TOP - 0.8), (width - MARGIN, ROWS_TOP - 0.8), 0.8, 0.0);
        if rows.is_empty() {
            page.fit(
                Area::new(MARGIN, ROWS_TOP + 2.0, inner, 6.0),
                "No valid tickets",
                Fit::line(10.0, Weight::Regular),
            );
        }
        let first = page_index * per_page;
        for (i, row) in rows[first..rows.len().min(first + per_page)].iter().enumerate() {
            let y = ROWS_TOP + i as f32 * ROW;
            let text_y = y + (ROW - SIZE * PT_TO_MM * 1.2) / 2.0;
            let tick = Area::new(MARGIN + 1.0, y + 1.3, 3.6, 3.6);
            page.frame(tick, 0.6, 0.0);
            if row.checked_in {
                page.line((tick.x + 0.6, tick.y + 1.9), (tick.x + 1.5, tick.y + 3.0), 0.9, 0.0);
                page.line((tick.x + 1.5, tick.y + 3.0), (tick.x + 3.1, tick.y + 0.6), 0.9, 0.0);
            }
            page.fit(Area::new(name_x, text_y, name_w, 5.0), &row.name, Fit::line(SIZE, Weight::Regular));
            let number = Fit::line(SIZE - 0.5, Weight::Regular).min(6.0);
            page.fit(Area::new(number_x, text_y, number_w, 5.0), &row.ticket_number, number);
            let kind = Fit::line(SIZE - 0.5, Weight::Regular).gray(0.3);
            page.fit(Area::new(type_x, text_y, type_w, 5.0), &row.ticket_type, kind);
            page.line((MARGIN, y + ROW), (width - MARGIN, y + ROW), 0.25, 0.7);
        }
        page.done();
    }
    Ok(doc.finish())
}
