//! The sample photos (`samples/`, from zxing-cpp's test data): each image beside a `.txt` file
//! holding the exact text it encodes. For the decoder benchmark and the regression test.

use std::path::{Path, PathBuf};

pub struct Sample {
    pub image: PathBuf,
    /// The text the code holds, byte for byte.
    pub expected: Vec<u8>,
}

/// The folder shipped with this crate.
pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// Every image with its expected text, in a stable order.
pub fn samples(dir: &Path) -> Vec<Sample> {
    let mut found = Vec::new();
    let mut sets: Vec<PathBuf> = std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    sets.sort();
    for set in sets.iter().filter(|p| p.is_dir()) {
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(set).into_iter().flatten().flatten().map(|e| e.path()).collect();
        files.sort();
        for image in files.into_iter().filter(|p| p.extension().is_some_and(|e| e != "txt")) {
            if let Ok(expected) = std::fs::read(image.with_extension("txt")) {
                found.push(Sample { image, expected });
            }
        }
    }
    found
}

/// Whether a decoder's text is the sample's, byte for byte.
pub fn reads(text: Option<&str>, sample: &Sample) -> bool {
    text.is_some_and(|t| t.as_bytes() == sample.expected.as_slice())
}
