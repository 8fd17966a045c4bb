//! Drawing QR codes: ticket images for printing, for the demo's folder of tickets and for
//! tests that feed the scanner frames it must read.

use std::path::Path;

use qrcode::{Color, EcLevel, QrCode};

use crate::{Gray, ScanError};

/// Pixels per QR module: big enough for a webcam at arm's length and any decoder.
const MODULE_PX: u32 = 8;
/// White border, in modules (the standard's quiet zone).
const QUIET_ZONE: u32 = 4;

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
}
