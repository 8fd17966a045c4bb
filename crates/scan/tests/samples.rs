//! The default decoder keeps reading the share of sample photos the benchmark reports for it
//! (docs/PERFORMANCE.md), so a regression fails; no decoder's panic escapes.
#![allow(clippy::unwrap_used)]

use eventos_scan::samples::{reads, samples, samples_dir};
use eventos_scan::{DEFAULT_DECODER, decoder, decoder_names, load};

/// What `make bench-scan` measured for the default decoder, rounded down.
const DEFAULT_READS_AT_LEAST: f64 = 0.86;

#[test]
fn the_default_decoder_reads_its_share_of_the_sample_photos() {
    let samples = samples(&samples_dir());
    assert!(samples.len() >= 100, "the samples are there: {}", samples.len());
    let decoder = decoder(DEFAULT_DECODER).unwrap();
    let read = samples.iter().filter(|s| reads(decoder.decode(&load(&s.image).unwrap()).as_deref(), s)).count();
    let share = read as f64 / samples.len() as f64;
    assert!(share >= DEFAULT_READS_AT_LEAST, "{DEFAULT_DECODER} read {read} of {} ({share:.2})", samples.len());
}

#[test]
fn every_decoder_survives_every_sample_and_garbage() {
    let frames: Vec<_> = samples(&samples_dir()).iter().map(|s| load(&s.image).unwrap()).collect();
    let noise = eventos_scan::Gray {
        width: 64,
        height: 48,
        pixels: (0..64 * 48).map(|i: u32| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect(),
    };
    let empty = eventos_scan::Gray { width: 0, height: 0, pixels: Vec::new() };
    for name in decoder_names() {
        let decoder = decoder(name).unwrap();
        for frame in frames.iter().chain([&noise, &empty]) {
            // A panic inside (rqrr has one on a real photo) is nothing read, not a crash.
            let _ = decoder.decode(frame);
        }
        assert_eq!(decoder.decode(&noise), None, "{name} read something in noise");
    }
}

#[test]
fn an_unreadable_file_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("eventos-scan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("not-an-image.png");
    std::fs::write(&bad, b"hello").unwrap();
    let message = load(&bad).unwrap_err().to_string();
    assert!(message.contains("not-an-image.png"), "{message}");
    std::fs::remove_dir_all(&dir).unwrap();
}
