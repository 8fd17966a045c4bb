//! Drawing a PDF in millimetres from the page's top-left corner (PDF's own origin is the
//! bottom-left, in points): text in one of the two fonts, text fitted to a box, filled and
//! stroked rectangles, lines, and QR codes as vector squares. Characters the font lacks are
//! drawn as [`REPLACEMENT`] and collected for [`Printed::missing`].

use std::collections::BTreeSet;

use printpdf::{
    Color, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfPage, PdfSaveOptions, Point, Pt, Rect,
    TextItem,
};

use crate::fonts::{Fonts, REPLACEMENT, Weight};
use crate::{PT_TO_MM, PrintError, Printed, Progress};

/// A rectangle on the page, in millimetres from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Area {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Area {
        Area { x, y, w, h }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// How text is fitted to its box: at the largest size from `max` down to `min` at which it fits
/// on one line — or, where `lines` allows more, wrapped between words on as many lines as the
/// box's height holds —; at the floor, wrapped where it must be, then cut with an ellipsis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    pub max: f32,
    pub min: f32,
    pub lines: usize,
    pub weight: Weight,
    pub align: Align,
    /// 0 black … 1 white.
    pub gray: f32,
}

impl Fit {
    /// One line at `size` points, shrunk to 70 % at most, then cut.
    pub fn line(size: f32, weight: Weight) -> Fit {
        Fit { max: size, min: size * 0.7, lines: 1, weight, align: Align::Left, gray: 0.0 }
    }

    pub fn lines(self, lines: usize) -> Fit {
        Fit { lines, ..self }
    }

    pub fn min(self, min: f32) -> Fit {
        Fit { min, ..self }
    }

    pub fn align(self, align: Align) -> Fit {
        Fit { align, ..self }
    }

    pub fn gray(self, gray: f32) -> Fit {
        Fit { gray, ..self }
    }
}

/// Line height as a multiple of the font size.
const LEADING: f32 = 1.2;
/// How far below a line's top its baseline sits, as a multiple of the font size.
const ASCENT: f32 = 0.93;

/// A PDF being made: its fonts, its finished pages, what its fonts could not draw.
pub struct Doc {
    pdf: PdfDocument,
    fonts: Fonts,
    pages: Vec<PdfPage>,
    missing: BTreeSet<char>,
    progress: Progress,
}

impl Doc {
    /// A document of `pages` pages, whose drawing `progress` follows.
    pub fn new(title: &str, pages: usize, progress: &Progress) -> Result<Doc, PrintError> {
        let mut pdf = PdfDocument::new(title);
        let fonts = Fonts::register(&mut pdf)?;
        progress.start(pages);
        Ok(Doc { pdf, fonts, pages: Vec::new(), missing: BTreeSet::new(), progress: progress.clone() })
    }

    /// A new page of this size (millimetres), finished with [`Page::done`].
    pub fn page(&mut self, width: f32, height: f32) -> Page<'_> {
        Page { doc: self, width, height, ops: Vec::new() }
    }

    pub fn finish(mut self) -> Printed {
        let pages = self.pages.len();
        let options = PdfSaveOptions { subset_fonts: true, ..PdfSaveOptions::default() };
        let bytes = self.pdf.with_pages(std::mem::take(&mut self.pages)).save(&options, &mut Vec::new());
        Printed { bytes, pages, missing: self.missing.into_iter().collect() }
    }
}

pub struct Page<'d> {
    doc: &'d mut Doc,
    width: f32,
    height: f32,
    ops: Vec<Op>,
}

fn gray(level: f32) -> Color {
    Color::Greyscale(Greyscale { percent: level, icc_profile: None })
}

impl Page<'_> {
    pub fn width(&self) -> f32 {
        self.width
    }

    pub fn height(&self) -> f32 {
        self.height
    }

    /// A point `x`, `y` millimetres from the top-left corner, in PDF's terms.
    fn point(&self, x: f32, y: f32) -> Point {
        Point { x: Mm(x).into(), y: Mm(self.height - y).into() }
    }

    /// The text as the font can draw it: characters it lacks become [`REPLACEMENT`], noted.
    fn printable(&mut self, text: &str, weight: Weight) -> String {
        text.chars()
            .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
            .map(|c| {
                if self.doc.fonts.covers(c, weight) {
                    c
                } else {
                    self.doc.missing.insert(c);
                    REPLACEMENT
                }
            })
            .collect()
    }

    fn width_of(&self, text: &str, weight: Weight, size: f32) -> f32 {
        self.doc.fonts.width_mm(text, weight, size)
    }

    /// One line of text whose top-left (or top-centre, top-right) is at `x`, `y`.
    pub fn text(&mut self, x: f32, y: f32, text: &str, size: f32, weight: Weight) {
        let text = self.printable(text, weight);
        self.line_at(x, y, &text, size, weight, Align::Left, 0.0);
    }

    #[allow(clippy::too_many_arguments)]
    fn line_at(&mut self, x: f32, y: f32, text: &str, size: f32, weight: Weight, align: Align, level: f32) {
        let width = self.width_of(text, weight, size);
        let left = match align {
            Align::Left => x,
            Align::Center => x - width / 2.0,
            Align::Right => x - width,
        };
        let baseline = y + size * ASCENT * PT_TO_MM;
        let pos = self.point(left, baseline);
        let font = self.doc.fonts.handle(weight);
        self.ops.extend([
            Op::SetFillColor { col: gray(level) },
            Op::StartTextSection,
            Op::SetFont { font, size: Pt(size) },
            Op::SetTextCursor { pos },
            Op::ShowText { items: vec![TextItem::Text(text.to_owned())] },
            Op::EndTextSection,
        ]);
    }

    /// Text fitted to `area` (see [`Fit`]); returns the height it took, in millimetres.
    pub fn fit(&mut self, area: Area, text: &str, fit: Fit) -> f32 {
        let text = self.printable(text.trim(), fit.weight);
        let (size, lines) = self.layout(&text, area, fit);
        let x = match fit.align {
            Align::Left => area.x,
            Align::Center => area.x + area.w / 2.0,
            Align::Right => area.x + area.w,
        };
        let step = size * LEADING * PT_TO_MM;
        for (i, line) in lines.iter().enumerate() {
            self.line_at(x, area.y + step * i as f32, line, size, fit.weight, fit.align, fit.gray);
        }
        step * lines.len() as f32
    }

    /// The size and lines `text` takes in `area`: the largest size at which it fits on one line,
    /// or (where more lines are allowed) wrapped between words on as many lines as the box
    /// holds; else, at the floor, wrapped where it must be and cut with an ellipsis.
    fn layout(&self, text: &str, area: Area, fit: Fit) -> (f32, Vec<String>) {
        let room = |size: f32| ((area.h / (size * LEADING * PT_TO_MM)).floor() as usize).clamp(1, fit.lines.max(1));
        let words_fit = |size: f32| text.split(' ').all(|w| self.width_of(w, fit.weight, size) <= area.w);
        let mut size = fit.max;
        loop {
            if self.width_of(text, fit.weight, size) <= area.w {
                return (size, vec![text.to_owned()]);
            }
            if room(size) > 1 && words_fit(size) {
                let lines = self.wrap(text, fit.weight, size, area.w);
                if lines.len() <= room(size) {
                    return (size, lines);
                }
            }
            if size <= fit.min {
                break;
            }
            size = (size - 0.5).max(fit.min);
        }
        let room = room(size);
        let mut lines = self.wrap(text, fit.weight, size, area.w);
        if lines.len() > room {
            lines.truncate(room);
            let last = lines.pop().unwrap_or_default();
            lines.push(self.ellipsis(&format!("{last} …"), fit.weight, size, area.w, true));
        } else if let Some(last) = lines.pop() {
            lines.push(self.ellipsis(&last, fit.weight, size, area.w, false));
        }
        (size, lines)
    }

    /// Greedy word wrap; a word wider than the line is broken where it must be.
    fn wrap(&self, text: &str, weight: Weight, size: f32, width: f32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let joined = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if self.width_of(&joined, weight, size) <= width {
                line = joined;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if self.width_of(&line, weight, size) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// The line as it fits `width`: cut, ending in "…", if it does not (or if `cut` says the
    /// text goes on past it).
    fn ellipsis(&self, line: &str, weight: Weight, size: f32, width: f32, cut: bool) -> String {
        if !cut && self.width_of(line, weight, size) <= width {
            return line.to_owned();
        }
        let mut chars: Vec<char> = line.trim_end_matches([' ', '…']).chars().collect();
        loop {
            let candidate: String = chars.iter().collect::<String>().trim_end().to_owned() + "…";
            if chars.is_empty() || self.width_of(&candidate, weight, size) <= width {
                return candidate;
            }
            chars.pop();
        }
    }

    /// A filled rectangle, `level` 0 black … 1 white.
    pub fn fill(&mut self, area: Area, level: f32) {
        self.ops.push(Op::SetFillColor { col: gray(level) });
        self.push_rect(area, PaintMode::Fill);
    }

    /// A rectangle's outline, `thickness` in points.
    pub fn frame(&mut self, area: Area, thickness: f32, level: f32) {
        self.ops.push(Op::SetOutlineColor { col: gray(level) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.push_rect(area, PaintMode::Stroke);
    }

    fn push_rect(&mut self, area: Area, mode: PaintMode) {
        let bottom_left = self.point(area.x, area.y + area.h);
        let rectangle = Rect {
            x: bottom_left.x,
            y: bottom_left.y,
            width: Mm(area.w).into(),
            height: Mm(area.h).into(),
            mode: Some(mode),
            winding_order: None,
        };
        self.ops.push(Op::DrawRectangle { rectangle });
    }

    /// A straight line from (x1, y1) to (x2, y2).
    pub fn line(&mut self, (x1, y1): (f32, f32), (x2, y2): (f32, f32), thickness: f32, level: f32) {
        let points = vec![
            LinePoint { p: self.point(x1, y1), bezier: false },
            LinePoint { p: self.point(x2, y2), bezier: false },
        ];
        self.ops.push(Op::SetOutlineColor { col: gray(level) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.ops.push(Op::DrawLine { line: Line { points, is_closed: false } });
    }

    /// A QR code of `payload` filling the square at `x`, `y` of side `side` millimetres (its
    /// quiet zone of four modules included), each run of dark modules one vector rectangle.
    pub fn qr(&mut self, x: f32, y: f32, side: f32, payload: &str) -> Result<(), PrintError> {
        let code = qrcode::QrCode::with_error_correction_level(payload.as_bytes(), qrcode::EcLevel::M)
            .map_err(|e| PrintError::Qr(e.to_string()))?;
        let n = code.width();
        let module = side / (n + 8) as f32;
        let colors = code.to_colors();
        self.fill(Area::new(x, y, side, side), 1.0);
        self.ops.push(Op::SetFillColor { col: gray(0.0) });
        for row in 0..n {
            let mut col = 0;
            while col < n {
                if colors[row * n + col] != qrcode::Color::Dark {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < n && colors[row * n + col] == qrcode::Color::Dark {
                    col += 1;
                }
                let area = Area::new(
                    x + (start + 4) as f32 * module,
                    y + (row + 4) as f32 * module,
                    (col - start) as f32 * module,
                    module,
                );
                self.push_rect(area, PaintMode::Fill);
            }
        }
        Ok(())
    }

    /// Ends the page: it joins the document.
    pub fn done(self) {
        let page = PdfPage::new(Mm(self.width), Mm(self.height), self.ops);
        self.doc.pages.push(page);
        self.doc.progress.page_done();
    }
}
