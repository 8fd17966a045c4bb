//! The fonts every PDF embeds, subset to the glyphs it uses: DejaVu Sans and DejaVu Sans Bold
//! (`fonts/`, Bitstream Vera licence with DejaVu's public-domain changes): Latin with its
//! accents, Greek, Cyrillic, Armenian, Georgian, Hebrew and more. They are parsed once per
//! process; measuring (for fitting text in its box) reads the same bytes with ttf-parser.

use std::sync::OnceLock;

use printpdf::{FontId, ParsedFont, PdfDocument, PdfFontHandle};

use crate::{PT_TO_MM, PrintError};

const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// Drawn for a character the font lacks: visible, and reported (never dropped silently).
pub const REPLACEMENT: char = '\u{FFFD}';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// One face: parsed for embedding, and for measuring.
struct Face {
    parsed: ParsedFont,
    metrics: ttf_parser::Face<'static>,
}

fn faces() -> Result<&'static [Face; 2], PrintError> {
    static FACES: OnceLock<Option<[Face; 2]>> = OnceLock::new();
    let load = |bytes: &'static [u8]| -> Option<Face> {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())?;
        let metrics = ttf_parser::Face::parse(bytes, 0).ok()?;
        Some(Face { parsed, metrics })
    };
    FACES
        .get_or_init(|| Some([load(REGULAR)?, load(BOLD)?]))
        .as_ref()
        .ok_or(PrintError::Font("the embedded DejaVu Sans could not be read"))
}

/// The document's two fonts.
pub(crate) struct Fonts {
    faces: &'static [Face; 2],
    ids: [FontId; 2],
}

impl Fonts {
    /// Adds both faces to the document.
    pub(crate) fn register(doc: &mut PdfDocument) -> Result<Fonts, PrintError> {
        let faces = faces()?;
        let ids = [doc.add_font(&faces[0].parsed), doc.add_font(&faces[1].parsed)];
        Ok(Fonts { faces, ids })
    }

    fn face(&self, weight: Weight) -> &ttf_parser::Face<'static> {
        &self.faces[weight as usize].metrics
    }

    pub(crate) fn handle(&self, weight: Weight) -> PdfFontHandle {
        PdfFontHandle::External(self.ids[weight as usize].clone())
    }

    /// Whether the font draws this character (spaces and line ends always "are").
    pub(crate) fn covers(&self, c: char, weight: Weight) -> bool {
        c.is_whitespace() || self.face(weight).glyph_index(c).is_some()
    }

    /// The text's width in millimetres at `size` points.
    pub(crate) fn width_mm(&self, text: &str, weight: Weight, size: f32) -> f32 {
        let face = self.face(weight);
        let units: u32 = text
            .chars()
            .map(|c| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).map_or(0, u32::from))
            .sum();
        units as f32 / f32::from(face.units_per_em()) * size * PT_TO_MM
    }
}
