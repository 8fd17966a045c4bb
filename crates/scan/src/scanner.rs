//! The door's scanning loop, on its own thread: frames from a [`FrameSource`], a preview for
//! the screen, each frame decoded, and every code handed on once — the same code is not
//! reported again until it has been out of sight for [`REPEAT_WINDOW`] (a ticket held up for
//! two seconds is one scan, not sixty).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::source::{Frame, FrameSource, SourceError};
use crate::{Gray, QrDecoder};

pub const REPEAT_WINDOW: Duration = Duration::from_secs(3);
/// The preview's width: enough for a sidebar picture, cheap to encode at 30 fps.
const PREVIEW_WIDTH: u32 = 640;
/// Frames wider than this are first decoded at half size (a 2x2 average): at 1080p a ticket's
/// modules stay well above the 3 px decoders need, and it costs a quarter. At 720p and below
/// halving loses small codes, so they are decoded as they are (see PLATFORM-NOTES).
const HALVE_ABOVE_WIDTH: u32 = 1280;

/// A code read, with when its frame arrived (for the scan-to-verdict figure).
pub type OnCode = Box<dyn FnMut(String, Instant) + Send>;

/// What the screen reads: the latest preview and whether frames still come.
#[derive(Debug, Clone, Default)]
pub struct ScannerView {
    pub frames: u64,
    /// The latest frame's width and height.
    pub frame_size: Option<(u32, u32)>,
    pub preview: Option<Arc<Vec<u8>>>,
    pub error: Option<SourceError>,
    pub source: String,
}

pub struct Scanner {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

struct Shared {
    stop: AtomicBool,
    view: Mutex<ScannerView>,
}

/// Opens the source on the scanning thread (a webcam handle may not move between threads).
pub type OpenSource = Box<dyn FnOnce() -> Result<Box<dyn FrameSource>, SourceError> + Send>;

impl Scanner {
    /// Opens the source and starts scanning; an error opening it (no camera, busy, no
    /// permission) comes back here, later failures in [`Scanner::view`].
    pub fn start(open: OpenSource, decoder: Box<dyn QrDecoder>, mut on_code: OnCode) -> Result<Scanner, SourceError> {
        let shared = Arc::new(Shared { stop: AtomicBool::new(false), view: Mutex::new(ScannerView::default()) });
        let (opened_tx, opened) = std::sync::mpsc::channel();
        let thread = {
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name("door-scanner".into())
                .spawn(move || {
                    let mut source = match open() {
                        Ok(source) => {
                            shared.view.lock().unwrap_or_else(PoisonError::into_inner).source = source.name();
                            let _ = opened_tx.send(Ok(()));
                            source
                        }
                        Err(e) => {
                            let _ = opened_tx.send(Err(e));
                            return;
                        }
                    };
                    let mut repeats = Repeats::new(REPEAT_WINDOW);
                    while !shared.stop.load(Ordering::Relaxed) {
                        let frame = match source.next_frame() {
                            Ok(frame) => frame,
                            Err(e) => {
                                shared.view.lock().unwrap_or_else(PoisonError::into_inner).error = Some(e);
                                return;
                            }
                        };
                        let arrived = Instant::now();
                        let preview = Arc::new(frame.preview_jpeg(PREVIEW_WIDTH));
                        {
                            let mut view = shared.view.lock().unwrap_or_else(PoisonError::into_inner);
                            view.frames += 1;
                            view.frame_size = Some((frame.width, frame.height));
                            view.preview = Some(preview);
                        }
                        if let Some(text) = read(decoder.as_ref(), &frame)
                            && repeats.fresh(&text, arrived)
                        {
                            on_code(text, arrived);
                        }
                    }
                })
                .map_err(|e| SourceError::Failed(format!("cannot start the scanning thread: {e}")))?
        };
        let scanner = Scanner { shared, thread: Some(thread) };
        match opened.recv() {
            Ok(Ok(())) => Ok(scanner),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(SourceError::Failed("the scanning thread stopped while opening the camera".into())),
        }
    }

    pub fn view(&self) -> ScannerView {
        self.shared.view.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl Drop for Scanner {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The code in a frame: big frames at half size first.
pub fn read(decoder: &dyn QrDecoder, frame: &Frame) -> Option<String> {
    let gray = frame.gray();
    if gray.width > HALVE_ABOVE_WIDTH
        && let Some(text) = decoder.decode(&gray.half())
    {
        return Some(text);
    }
    decoder.decode(&gray)
}

impl Gray {
    /// Half the size, each pixel the average of a 2x2 block.
    pub fn half(&self) -> Gray {
        let (w, h) = (self.width / 2, self.height / 2);
        let at = |x: u32, y: u32| u32::from(self.pixels[(y * self.width + x) as usize]);
        let mut pixels = Vec::with_capacity((w * h) as usize);
        for y in 0..h {
            for x in 0..w {
                let sum = at(2 * x, 2 * y) + at(2 * x + 1, 2 * y) + at(2 * x, 2 * y + 1) + at(2 * x + 1, 2 * y + 1);
                pixels.push((sum / 4) as u8);
            }
        }
        Gray { width: w, height: h, pixels }
    }
}

/// Which codes were seen lately, and when last.
pub struct Repeats {
    window: Duration,
    seen: HashMap<String, Instant>,
}

impl Repeats {
    pub fn new(window: Duration) -> Repeats {
        Repeats { window, seen: HashMap::new() }
    }

    /// Whether `text`, seen at `now`, should be reported: not seen within the window before.
    pub fn fresh(&mut self, text: &str, now: Instant) -> bool {
        let window = self.window;
        self.seen.retain(|_, at| now.saturating_duration_since(*at) < window);
        self.seen.insert(text.to_owned(), now).is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_held_up_is_reported_once_until_it_has_been_away() {
        let mut repeats = Repeats::new(Duration::from_secs(3));
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        assert!(repeats.fresh("A", at(0)));
        assert!(!repeats.fresh("A", at(1000)));
        assert!(!repeats.fresh("A", at(3500)), "still in sight: seen at 1 s");
        assert!(repeats.fresh("B", at(3600)), "another code at once");
        assert!(repeats.fresh("A", at(7000)), "away for more than the window");
    }

    #[test]
    fn halving_averages_blocks() {
        let gray = Gray { width: 4, height: 2, pixels: vec![0, 255, 10, 10, 255, 0, 20, 20] };
        assert_eq!(gray.half(), Gray { width: 2, height: 1, pixels: vec![127, 15] });
    }
}
