//! Drawing QR codes: ticket images for printing, for the demo's folder of tickets and for
//! tests that feed the scanner frames it must read.

use std::path::Path;

use qrcode::{Color, EcLevel, QrCode};

use crate::{Gray, ScanError};

/// Pixels per QR module: big enough for a webcam at arm's length and any decoder.
const MODULE_PX: u32 = 8;
/// White border, in modules (the standard's quiet zone).
const QUIET_ZONE: u32 = 4;

/// A QR code as vector data: one SVG path of unit squares, one per dark module, on a square
/// of `size` modules (the quiet zone included) — for the UI to draw at any size, and for paper.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct QrPath {
    pub size: u32,
    /// `M{x} {y}h1v1h-1z` per dark module (runs of modules on a row joined into one rectangle).
    pub d: String,
}

/// The QR code of `text` as an SVG path (error correction M, as [`qr_image`]).
pub fn qr_path(text: &str) -> Result<QrPath, ScanError> {
    use std::fmt::Write as _;
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| ScanError::Encode(e.to_string()))?;
    let modules = code.width();
    let colors = code.to_colors();
    let mut d = String::new();
    for (y, row) in colors.chunks(modules).enumerate() {
        let mut x = 0;
        while x < modules {
            if row[x] == Color::Light {
                x += 1;
                continue;
            }
            let start = x;
            while x < modules && row[x] == Color::Dark {
                x += 1;
            }
            let (left, top, width) = (start as u32 + QUIET_ZONE, y as u32 + QUIET_ZONE, x - start);
            let _ = write!(d, "M{left} {top}h{width}v1h-{width}z");
        }
    }
    let size = u32::try_from(modules).map_err(|e| ScanError::Encode(e.to_string()))? + 2 * QUIET_ZONE;
    Ok(QrPath { size, d })
}

/// The QR code of `text` as a grayscale image (error correction M, 8 px a module).
pub fn qr_image(text: &str) -> Result<Gray, ScanError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| ScanError::Encode(e.to_string()))?;
    let modules = u32::try_from(code.width()).map_err(|e| ScanError::Encode(e.to_string()))?;
    let side = (modules + 2 * QUIET_ZONE) * MODULE_PX;
    let colors = code.to_colors();
    let mut pixels = vec![255u8; (side * side) as usize];
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Light {
            continue;
        }
        let (mx, my) = (i as u32 % modules + QUIET_ZONE, i as u32 / modules + QUIET_ZONE);
        for y in my * MODULE_PX..(my + 1) * MODULE_PX {
            let row = (y * side) as usize;
            pixels[row + (mx * MODULE_PX) as usize..row + ((mx + 1) * MODULE_PX) as usize].fill(0);
        }
    }
    Ok(Gray { width: side, height: side, pixels })
}

/// Writes `frame` as a PNG file.
pub fn save_png(frame: &Gray, path: &Path) -> Result<(), ScanError> {
    image::GrayImage::from_raw(frame.width, frame.height, frame.pixels.clone())
        .ok_or_else(|| ScanError::Encode("the frame's size does not match its pixels".into()))?
        .save_with_format(path, image::ImageFormat::Png)
        .map_err(|e| ScanError::Unreadable { path: path.display().to_string(), message: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_decoder_reads_what_was_drawn() {
        let text = "EOS1.sr4RERERQRGBERERERHhERERQRGBERERERVEtULUIxMTExMTExLTI1MTAxM1pvw6sgVHJlbWJsYXk.signature";
        let image = qr_image(text).unwrap();
        for name in crate::decoder_names() {
            assert_eq!(crate::decoder(name).unwrap().decode(&image).as_deref(), Some(text), "{name}");
        }
        assert!(matches!(qr_image(&"x".repeat(5000)), Err(ScanError::Encode(_))), "too long for any QR code");
    }

    #[test]
    fn the_vector_path_draws_the_same_code() {
        let text = "EOS1.payload-with-Zoë";
        let path = qr_path(text).unwrap();
        // Fill each `M{x} {y}h{w}v1h-{w}z` rectangle into an image, 8 px a module, and read it.
        let px = 8;
        let side = path.size * px;
        let mut pixels = vec![255u8; (side * side) as usize];
        for rect in path.d.split('z').filter(|r| !r.is_empty()) {
            let numbers: Vec<u32> = rect
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .map(|n| n.parse().unwrap())
                .collect();
            let (x, y, w) = (numbers[0], numbers[1], numbers[2]);
            for row in y * px..(y + 1) * px {
                let start = (row * side + x * px) as usize;
                pixels[start..start + (w * px) as usize].fill(0);
            }
        }
        let image = Gray { width: side, height: side, pixels };
        assert_eq!(crate::decoder(crate::DEFAULT_DECODER).unwrap().decode(&image).as_deref(), Some(text));
        assert_eq!(path.size, u32::try_from(QrCode::new(text.as_bytes()).unwrap().width()).unwrap() + 8);
    }
}
