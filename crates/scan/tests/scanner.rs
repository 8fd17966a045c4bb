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
    let wait = Duration::from_secs(10);
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
