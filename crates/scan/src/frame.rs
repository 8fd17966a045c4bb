//! A grayscale frame (what every decoder reads) and loading one from an image file.

use std::path::Path;

/// 8-bit luminance, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gray {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("cannot read {path}: {message}")]
    Unreadable { path: String, message: String },
    #[error("cannot draw this QR code: {0}")]
    Encode(String),
}

/// Loads a PNG, JPEG or WebP file as a grayscale frame.
pub fn load(path: &Path) -> Result<Gray, ScanError> {
    let unreadable = |message: String| ScanError::Unreadable { path: path.display().to_string(), message };
    let image = image::ImageReader::open(path)
        .map_err(|e| unreadable(e.to_string()))?
        .with_guessed_format()
        .map_err(|e| unreadable(e.to_string()))?
        .decode()
        .map_err(|e| unreadable(e.to_string()))?
        .into_luma8();
    Ok(Gray { width: image.width(), height: image.height(), pixels: image.into_raw() })
}
