//! The decoders, behind one trait. Each is asked for one code per frame; a panic inside a
//! decoder (rqrr has one on a real photo) is caught and counts as nothing read.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::Gray;

/// Reads the QR code in a frame, if there is one it can read.
pub trait QrDecoder: Send + Sync {
    fn name(&self) -> &'static str;
    /// The code's text; `None` when nothing could be read (or the decoder failed inside).
    fn decode(&self, frame: &Gray) -> Option<String> {
        catch_unwind(AssertUnwindSafe(|| self.read(frame))).ok().flatten()
    }
    /// The decoder itself (may panic; call [`QrDecoder::decode`]).
    fn read(&self, frame: &Gray) -> Option<String>;
}

/// The one the app uses (see ARCHITECTURE.md for why).
pub const DEFAULT_DECODER: &str = "zxing-cpp";

/// Every decoder by name, the default first.
pub fn decoder_names() -> &'static [&'static str] {
    &["zxing-cpp", "rxing", "rqrr"]
}

pub fn decoder(name: &str) -> Option<Box<dyn QrDecoder>> {
    match name {
        "rxing" => Some(Box::new(Rxing)),
        "zxing-cpp" => Some(Box::new(ZxingCpp)),
        "rqrr" => Some(Box::new(Rqrr)),
        _ => None,
    }
}

/// rxing: a pure-Rust port of ZXing.
struct Rxing;

impl QrDecoder for Rxing {
    fn name(&self) -> &'static str {
        "rxing"
    }

    fn read(&self, frame: &Gray) -> Option<String> {
        let mut hints = rxing::DecodeHints { TryHarder: Some(true), ..Default::default() };
        rxing::helpers::detect_in_luma_slice_with_hints(
            &frame.pixels,
            frame.width,
            frame.height,
            Some(rxing::BarcodeFormat::QR_CODE),
            &mut hints,
        )
        .ok()
        .map(|result| result.getText().to_owned())
    }
}

/// rqrr: the decoder the product brief named.
struct Rqrr;

impl QrDecoder for Rqrr {
    fn name(&self) -> &'static str {
        "rqrr"
    }

    fn read(&self, frame: &Gray) -> Option<String> {
        let (w, h) = (frame.width as usize, frame.height as usize);
        let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| frame.pixels[y * w + x]);
        prepared.detect_grids().iter().find_map(|grid| grid.decode().ok().map(|(_, text)| text))
    }
}

/// zxing-cpp: ZXing's C++ successor, through its Rust wrapper.
struct ZxingCpp;

impl QrDecoder for ZxingCpp {
    fn name(&self) -> &'static str {
        "zxing-cpp"
    }

    fn read(&self, frame: &Gray) -> Option<String> {
        let view =
            zxingcpp::ImageView::from_slice(&frame.pixels, frame.width, frame.height, zxingcpp::ImageFormat::Lum)
                .ok()?;
        let reader =
            zxingcpp::read().formats([zxingcpp::BarcodeFormat::QRCode]).try_harder(true).max_number_of_symbols(1);
        reader.from(view).ok()?.into_iter().next().map(|code| code.text())
    }
}
