//! The scanning loop over a folder of ticket images: each code once, in order, with a preview.
#![allow(clippy::unwrap_used)]

use std::sync::mpsc;
use std::time::Duration;

use eventos_scan::{FolderSource, Scanner, qr_image, save_png};

#[test]
fn tickets_dropped_into_a_folder_are_read_once_each_in_order() {
    let dir = tempfile::tempdir().unwrap();
    save_png(&qr_image("TKT-00000000-261122").unwrap(), &dir.path().join("00-before.png")).unwrap();
    let folder = dir.path().to_owned();
    let (tx, rx) = mpsc::channel();
    let scanner = Scanner::start(
        Box::new(move || Ok(Box::new(FolderSource::open(&folder, 30, Duration::from_millis(300))?) as _)),
        eventos_scan::decoder(eventos_scan::DEFAULT_DECODER).unwrap(),
        Box::new(move |text, _| tx.send(text).unwrap()),
    )
    .unwrap();
    // Dropped in after the camera opened (the one already there is never shown).
    std::fs::write(dir.path().join("00-not-an-image.png"), b"oops").unwrap();
    for (name, text) in [("01.png", "TKT-AAAAAAAA-261122"), ("02.png", "TKT-BBBBBBBB-261122")] {
        save_png(&qr_image(text).unwrap(), &dir.path().join(name)).unwrap();
    }
    // Patient (a loaded machine, a debug build); each wait ends as soon as its code arrives.
    let wait = Duration::from_secs(60);
    assert_eq!(rx.recv_timeout(wait).unwrap(), "TKT-AAAAAAAA-261122");
    assert_eq!(rx.recv_timeout(wait).unwrap(), "TKT-BBBBBBBB-261122");
    // Dropped in later, as a test or a demo does: picked up.
    save_png(&qr_image("TKT-CCCCCCCC-261122").unwrap(), &dir.path().join("03.png")).unwrap();
    assert_eq!(rx.recv_timeout(wait).unwrap(), "TKT-CCCCCCCC-261122");
    assert!(rx.recv_timeout(Duration::from_millis(500)).is_err(), "each code once");
    let view = scanner.view();
    assert!(view.frames > 10 && view.error.is_none());
    assert!(view.preview.unwrap().starts_with(&[0xFF, 0xD8]), "a JPEG preview");
    assert!(view.source.starts_with("folder "));
}

#[test]
fn an_image_caught_half_written_is_read_once_it_is_whole() {
    use eventos_scan::FrameSource;
    let dir = tempfile::tempdir().unwrap();
    let whole = dir.path().join(".whole.png");
    save_png(&qr_image("TKT-DDDDDDDD-261122").unwrap(), &whole).unwrap();
    let bytes = std::fs::read(&whole).unwrap();
    let mut source = FolderSource::open(dir.path(), 30, Duration::from_millis(300)).unwrap();
    // A copy in progress: the first half of the file.
    std::fs::write(dir.path().join("01.png"), &bytes[..bytes.len() / 2]).unwrap();
    let is_blank = |f: &eventos_scan::Frame| f.rgb.iter().all(|&v| v == 40);
    assert!(is_blank(&source.next_frame().unwrap()), "nothing to show while it cannot be read");
    std::fs::write(dir.path().join("01.png"), &bytes).unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let frame = source.next_frame().unwrap();
        if !is_blank(&frame) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the whole image was never shown");
    }
}

#[test]
fn a_missing_folder_is_a_clear_error() {
    let err = FolderSource::open(std::path::Path::new("/no/such/folder"), 15, Duration::from_secs(1)).err().unwrap();
    assert_eq!(err.to_string(), "cannot read the folder /no/such/folder");
}

#[test]
fn a_source_that_cannot_open_fails_the_start() {
    let decoder = eventos_scan::decoder(eventos_scan::DEFAULT_DECODER).unwrap();
    let started = Scanner::start(
        Box::new(|| Err(eventos_scan::SourceError::Busy)),
        decoder,
        Box::new(|_, _| panic!("no codes from a source that never opened")),
    );
    assert_eq!(
        started.err().map(|e| e.to_string()).unwrap(),
        "the camera is in use by another program; close it and try again"
    );
}
