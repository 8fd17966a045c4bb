//! Every decoder over the sample photos, side by side: the share read, median and p95 ms per
//! photo, and ms per 1280x720 frame (each photo placed on a 720p gray frame, as a webcam gives).
//! Bars: ≥ 90 % read, ≤ 5 ms per 720p frame. Run: `make bench-scan`.
#![allow(clippy::unwrap_used)]

use std::time::Instant;

use eventos_scan::samples::{reads, samples, samples_dir};
use eventos_scan::{Gray, decoder, decoder_names, load};

fn on_720p(photo: &Gray) -> Gray {
    let (w, h) = (1280u32, 720u32);
    let mut pixels = vec![128u8; (w * h) as usize];
    let (pw, ph) = (photo.width.min(w), photo.height.min(h));
    let (x0, y0) = ((w - pw) / 2, (h - ph) / 2);
    for y in 0..ph {
        let from = (y * photo.width) as usize;
        let to = ((y0 + y) * w + x0) as usize;
        pixels[to..to + pw as usize].copy_from_slice(&photo.pixels[from..from + pw as usize]);
    }
    Gray { width: w, height: h, pixels }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let samples = samples(&samples_dir());
    let photos: Vec<Gray> = samples.iter().map(|s| load(&s.image).unwrap()).collect();
    let frames: Vec<Gray> = photos.iter().map(on_720p).collect();
    println!("{} sample photos", samples.len());
    for name in decoder_names() {
        let decoder = decoder(name).unwrap();
        let mut read = 0;
        let mut per_photo = Vec::new();
        for (sample, photo) in samples.iter().zip(&photos) {
            let started = Instant::now();
            let text = decoder.decode(photo);
            per_photo.push(started.elapsed().as_secs_f64() * 1000.0);
            read += usize::from(reads(text.as_deref(), sample));
        }
        let mut per_frame = Vec::new();
        for frame in &frames {
            let started = Instant::now();
            let _ = decoder.decode(frame);
            per_frame.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        per_photo.sort_by(f64::total_cmp);
        per_frame.sort_by(f64::total_cmp);
        println!(
            "{name:6} read {read}/{} ({:.0} %), per photo median {:.2} ms p95 {:.2} ms, per 720p frame median {:.2} ms p95 {:.2} ms",
            samples.len(),
            100.0 * read as f64 / samples.len() as f64,
            percentile(&per_photo, 0.5),
            percentile(&per_photo, 0.95),
            percentile(&per_frame, 0.5),
            percentile(&per_frame, 0.95),
        );
    }
}
