//! Reports: a title, then sections of figures, tables and bar charts drawn as vectors, flowing
//! onto as many A4/Letter pages as they need, each page with a running header and "page x of y".
//! The caller gives every word and formatted number (the app adds up the same way its screens
//! do), so a report's totals are the screens'.

use crate::canvas::{Align, Area, Doc, Fit, Page};
use crate::fonts::Weight;
use crate::{Paper, PrintError, Printed, Progress};

/// A part of a report, drawn in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(String),
    /// Label and value pairs side by side ("Open pipeline", "$530,004.96").
    Figures(Vec<(String, String)>),
    /// Columns (the first left-aligned, the others right-aligned) and rows; a last row in bold
    /// when `total` says so.
    Table {
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
        total: bool,
    },
    /// Bars, one or two per label (the second lighter, drawn behind: "total" behind "weighted").
    Bars {
        labels: Vec<String>,
        series: Vec<(String, Vec<f64>)>,
        note: String,
    },
    Text(String),
}

const MARGIN: f32 = 15.0;
const TOP: f32 = 26.0;
const ROW: f32 = 6.0;

/// The report on `paper` (A4 or Letter).
pub fn report(
    title: &str,
    subtitle: &str,
    blocks: &[Block],
    paper: Paper,
    progress: &Progress,
) -> Result<Printed, PrintError> {
    let paper = paper.sheet();
    let (width, height) = paper.size();
    // Lay out first (which block lines go on which page), then draw, so "of y" is known.
    let pages = paginate(blocks, height);
    let mut doc = Doc::new(title, pages.len(), progress)?;
    let total = pages.len();
    for (index, items) in pages.iter().enumerate() {
        let mut page = doc.page(width, height);
        header(&mut page, title, subtitle, index + 1, total);
        for item in items {
            draw(&mut page, item, width);
        }
        page.done();
    }
    Ok(doc.finish())
}

/// One drawable piece at its place on a page.
#[derive(Debug, Clone, PartialEq)]
struct Placed {
    y: f32,
    piece: Piece,
}

#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Heading(String),
    Figures(Vec<(String, String)>),
    TableHead(Vec<String>),
    TableRow { cells: Vec<String>, bold: bool, columns: usize },
    Bars { labels: Vec<String>, series: Vec<(String, Vec<f64>)>, note: String },
    Text(String),
}

const BARS_H: f32 = 62.0;

fn paginate(blocks: &[Block], height: f32) -> Vec<Vec<Placed>> {
    let bottom = height - MARGIN - 4.0;
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = TOP;
    let place = |piece: Piece, h: f32, pages: &mut Vec<Vec<Placed>>, y: &mut f32| {
        if *y + h > bottom && !pages.last().is_some_and(Vec::is_empty) {
            pages.push(Vec::new());
            *y = TOP;
        }
        if let Some(page) = pages.last_mut() {
            page.push(Placed { y: *y, piece });
        }
        *y += h;
    };
    for block in blocks {
        match block {
            Block::Heading(text) => {
                // A heading never ends a page: it goes with at least three rows' room.
                if y + 10.0 + 3.0 * ROW > bottom {
                    pages.push(Vec::new());
                    y = TOP;
                }
                place(Piece::Heading(text.clone()), 10.0, &mut pages, &mut y);
            }
            Block::Figures(pairs) => {
                for chunk in pairs.chunks(4) {
                    place(Piece::Figures(chunk.to_vec()), 15.0, &mut pages, &mut y);
                }
                y += 2.0;
            }
            Block::Table { columns, rows, total } => {
                place(Piece::TableHead(columns.clone()), ROW + 1.0, &mut pages, &mut y);
                for (i, row) in rows.iter().enumerate() {
                    let bold = *total && i + 1 == rows.len();
                    let starts_page = y + ROW > bottom;
                    place(
                        Piece::TableRow { cells: row.clone(), bold, columns: columns.len() },
                        ROW,
                        &mut pages,
                        &mut y,
                    );
                    if starts_page && let Some(page) = pages.last_mut() {
                        // Its page repeats the columns' names above it.
                        let row = page.pop();
                        page.push(Placed { y: TOP, piece: Piece::TableHead(columns.clone()) });
                        if let Some(mut row) = row {
                            row.y = TOP + ROW + 1.0;
                            page.push(row);
                        }
                        y = TOP + 2.0 * ROW + 1.0;
                    }
                }
                y += 4.0;
            }
            Block::Bars { labels, series, note } => {
                let piece = Piece::Bars { labels: labels.clone(), series: series.clone(), note: note.clone() };
                place(piece, BARS_H + 4.0, &mut pages, &mut y);
            }
            Block::Text(text) => place(Piece::Text(text.clone()), 10.0, &mut pages, &mut y),
        }
    }
    pages
}

fn header(page: &mut Page<'_>, title: &str, subtitle: &str, at: usize, of: usize) {
    let w = page.width() - 2.0 * MARGIN;
    page.fit(Area::new(MARGIN, MARGIN - 3.0, w - 35.0, 7.0), title, Fit::line(14.0, Weight::Bold).min(9.0));
    page.fit(Area::new(MARGIN, MARGIN + 3.5, w - 35.0, 5.0), subtitle, Fit::line(8.5, Weight::Regular).gray(0.35));
    let pages = format!("Page {at} of {of}");
    page.fit(
        Area::new(MARGIN + w - 35.0, MARGIN - 2.0, 35.0, 5.0),
        &pages,
        Fit::line(9.0, Weight::Bold).align(Align::Right),
    );
    page.line((MARGIN, MARGIN + 8.5), (MARGIN + w, MARGIN + 8.5), 0.8, 0.0);
}

/// Where a table's columns start and how wide they are: the first takes what the others leave.
fn columns(width: f32, n: usize) -> Vec<(f32, f32)> {
    let inner = width - 2.0 * MARGIN;
    let other = if n > 1 { (inner * 0.55 / (n - 1) as f32).min(38.0) } else { 0.0 };
    let first = inner - other * (n.saturating_sub(1)) as f32;
    let mut at = vec![(MARGIN, first - 2.0)];
    for i in 1..n {
        at.push((MARGIN + first + other * (i - 1) as f32, other));
    }
    at
}

fn draw(page: &mut Page<'_>, item: &Placed, width: f32) {
    let inner = width - 2.0 * MARGIN;
    let y = item.y;
    match &item.piece {
        Piece::Heading(text) => {
            page.fit(Area::new(MARGIN, y + 2.5, inner, 6.0), text, Fit::line(12.0, Weight::Bold));
        }
        Piece::Figures(pairs) => {
            let each = inner / 4.0;
            for (i, (label, value)) in pairs.iter().enumerate() {
                let x = MARGIN + each * i as f32;
                page.fit(
                    Area::new(x, y, each - 3.0, 4.0),
                    &label.to_uppercase(),
                    Fit::line(7.0, Weight::Bold).gray(0.4),
                );
                page.fit(Area::new(x, y + 4.5, each - 3.0, 7.0), value, Fit::line(14.0, Weight::Bold).min(8.0));
            }
        }
        Piece::TableHead(names) => {
            for ((x, w), name) in columns(width, names.len()).into_iter().zip(names) {
                let align = if x == MARGIN { Align::Left } else { Align::Right };
                page.fit(Area::new(x, y + 1.0, w, 4.0), name, Fit::line(7.5, Weight::Bold).gray(0.35).align(align));
            }
            page.line((MARGIN, y + ROW), (MARGIN + inner, y + ROW), 0.6, 0.0);
        }
        Piece::TableRow { cells, bold, columns: n } => {
            let weight = if *bold { Weight::Bold } else { Weight::Regular };
            for ((x, w), cell) in columns(width, *n).into_iter().zip(cells) {
                let align = if x == MARGIN { Align::Left } else { Align::Right };
                page.fit(Area::new(x, y + 1.0, w, 4.5), cell, Fit::line(8.5, weight).min(6.5).align(align));
            }
            if *bold {
                page.line((MARGIN, y + 0.2), (MARGIN + inner, y + 0.2), 0.6, 0.0);
            } else {
                page.line((MARGIN, y + ROW), (MARGIN + inner, y + ROW), 0.2, 0.75);
            }
        }
        Piece::Bars { labels, series, note } => bars(page, Area::new(MARGIN, y, inner, BARS_H), labels, series, note),
        Piece::Text(text) => {
            page.fit(Area::new(MARGIN, y + 1.0, inner, 9.0), text, Fit::line(8.5, Weight::Regular).lines(2).gray(0.3));
        }
    }
}

/// A bar chart in `area`: for each label, the series' bars overlaid (the first darkest, in front),
/// a baseline, the labels under the bars, the legend and the highest value at the top left.
fn bars(page: &mut Page<'_>, area: Area, labels: &[String], series: &[(String, Vec<f64>)], note: &str) {
    let top = series.iter().flat_map(|(_, v)| v.iter().copied()).fold(0.0_f64, f64::max);
    let legend_h = 6.0;
    let label_h = 5.0;
    let plot = Area::new(area.x, area.y + legend_h, area.w, area.h - legend_h - label_h);
    // The legend: a swatch and a name for each series, a fixed step apart.
    for (i, (name, _)) in series.iter().enumerate() {
        let x = area.x + 30.0 * i as f32;
        page.fill(Area::new(x, area.y + 1.0, 3.0, 3.0), if i == 0 { 0.2 } else { 0.75 });
        page.fit(Area::new(x + 4.5, area.y + 0.3, 24.0, 4.0), name, Fit::line(7.5, Weight::Regular));
    }
    page.fit(
        Area::new(area.x + area.w - 60.0, area.y + 0.3, 60.0, 4.0),
        note,
        Fit::line(7.5, Weight::Regular).gray(0.4).align(Align::Right),
    );
    let n = labels.len().max(1);
    let slot = plot.w / n as f32;
    let bar_w = (slot * 0.7).min(14.0);
    // Every label where there is room for each; else one every `step` bars.
    let step = ((12.0 / slot).ceil() as usize).max(1);
    for (i, label) in labels.iter().enumerate() {
        let cx = plot.x + slot * i as f32 + slot / 2.0;
        // Drawn last to first, so the first series is in front.
        for (s, (_, values)) in series.iter().enumerate().rev() {
            let value = values.get(i).copied().unwrap_or(0.0);
            if top <= 0.0 || value <= 0.0 {
                continue;
            }
            let h = (value / top) as f32 * plot.h;
            let shade = if s == 0 { 0.2 } else { 0.75 };
            page.fill(Area::new(cx - bar_w / 2.0, plot.y + plot.h - h, bar_w, h), shade);
        }
        if i % step == 0 {
            let room = slot * step as f32;
            let fit = Fit::line(7.0, Weight::Regular).min(5.0).align(Align::Center);
            page.fit(Area::new(cx - room / 2.0, plot.y + plot.h + 1.0, room, 4.0), label, fit);
        }
    }
    page.line((plot.x, plot.y + plot.h), (plot.x + plot.w, plot.y + plot.h), 0.6, 0.0);
}
