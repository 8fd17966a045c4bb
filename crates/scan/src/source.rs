//! Where frames come from: a [`FrameSource`] is a webcam ([`crate::camera`]) or a folder of
//! images ([`FolderSource`]: tests, demos, and support staff reproducing a problem).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::Gray;

/// One picture, 8-bit RGB row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<u8>,
}

impl Frame {
    /// Luminance (BT.601 weights in integers), what the decoders read.
    pub fn gray(&self) -> Gray {
        let pixels = self
            .rgb
            .chunks_exact(3)
            .map(|p| ((u32::from(p[0]) * 77 + u32::from(p[1]) * 150 + u32::from(p[2]) * 29) >> 8) as u8)
            .collect();
        Gray { width: self.width, height: self.height, pixels }
    }

    /// A JPEG for the on-screen preview, at most `max_width` wide (2x2 box steps).
    pub fn preview_jpeg(&self, max_width: u32) -> Vec<u8> {
        // The frame's pixels are borrowed, never copied: a smaller preview is made from them.
        let Some(full) = image::ImageBuffer::<image::Rgb<u8>, &[u8]>::from_raw(self.width, self.height, &self.rgb)
        else {
            return Vec::new();
        };
        let mut smaller: Option<image::RgbImage> = None;
        while smaller.as_ref().map_or(full.width(), |s| s.width()) > max_width {
            let next = match &smaller {
                Some(image) => half(image),
                None => half(&full),
            };
            if next.width() == 0 || next.height() == 0 {
                break;
            }
            smaller = Some(next);
        }
        let mut jpeg = Vec::new();
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 70);
        let _ = match &smaller {
            Some(image) => image.write_with_encoder(encoder),
            None => full.write_with_encoder(encoder),
        };
        jpeg
    }
}

fn half<C: std::ops::Deref<Target = [u8]>>(image: &image::ImageBuffer<image::Rgb<u8>, C>) -> image::RgbImage {
    let (w, h) = (image.width() / 2, image.height() / 2);
    image::RgbImage::from_fn(w, h, |x, y| {
        let mut sum = [0u32; 3];
        for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
            let p = image.get_pixel(2 * x + dx, 2 * y + dy);
            for c in 0..3 {
                sum[c] += u32::from(p[c]);
            }
        }
        image::Rgb(sum.map(|s| (s / 4) as u8))
    })
}

/// Why frames stop coming, in words for the door staff.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    #[error("no camera was found on this computer")]
    NoCamera,
    #[error("the camera is in use by another program; close it and try again")]
    Busy,
    #[error("this user may not use the camera ({0}); on Linux, join the 'video' group")]
    NoPermission(String),
    #[error("the camera stopped: {0}")]
    Failed(String),
    #[error("cannot read the folder {0}")]
    Folder(String),
}

/// A stream of frames. `next_frame` blocks until the next one is due. Not `Send`: a webcam
/// handle stays on the thread that opened it (see [`crate::Scanner::start`]).
pub trait FrameSource {
    /// What this source is, for the screen ("Integrated Webcam", "folder /tmp/tickets").
    fn name(&self) -> String;
    fn next_frame(&mut self) -> Result<Frame, SourceError>;
}

/// Images dropped into a folder after it opened, in file-name order, each held for a while as a
/// person holds a ticket up; a blank frame in between (the folder is looked at every second).
/// Files already there when it opens are the scene before: never shown, so reopening the
/// camera (a door's setup changed) does not scan them again.
pub struct FolderSource {
    dir: PathBuf,
    frame_interval: Duration,
    hold: Duration,
    shown: BTreeSet<PathBuf>,
    /// Files that did not decode, with their size then: one still being written is tried again
    /// at the next listing; one whose size stayed the same is not an image after all.
    unreadable: std::collections::BTreeMap<PathBuf, u64>,
    /// The image held up now, and until when.
    current: Option<(Frame, Instant)>,
    next_due: Instant,
    last_listing: Option<Instant>,
    blank: Frame,
}

impl FolderSource {
    /// `fps` frames a second (at most); each image is held up for `hold` (at least one frame).
    pub fn open(dir: &Path, fps: u32, hold: Duration) -> Result<FolderSource, SourceError> {
        if !dir.is_dir() {
            return Err(SourceError::Folder(dir.display().to_string()));
        }
        let frame_interval = Duration::from_secs(1) / fps.max(1);
        Ok(FolderSource {
            dir: dir.to_owned(),
            frame_interval,
            hold,
            shown: images_in(dir).collect(),
            unreadable: std::collections::BTreeMap::new(),
            current: None,
            next_due: Instant::now(),
            last_listing: None,
            blank: Frame { width: 640, height: 360, rgb: vec![40; 640 * 360 * 3] },
        })
    }

    /// The next image not shown yet, if the folder has one (listed at most once a second).
    fn next_image(&mut self) -> Option<Frame> {
        if self.last_listing.is_some_and(|at| at.elapsed() < Duration::from_secs(1)) {
            return None;
        }
        let mut files: Vec<PathBuf> = images_in(&self.dir).filter(|p| !self.shown.contains(p)).collect();
        files.sort();
        let Some(path) = files.into_iter().next() else {
            self.last_listing = Some(Instant::now());
            return None;
        };
        let decoded = image::ImageReader::open(&path).ok().and_then(|r| r.with_guessed_format().ok()?.decode().ok());
        let Some(image) = decoded else {
            // Still being written (copied in, saved by another program), or not an image: try
            // again at the next listing, and give up once its size has stopped changing.
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            if self.unreadable.insert(path.clone(), size) == Some(size) {
                self.shown.insert(path);
            }
            self.last_listing = Some(Instant::now());
            return None;
        };
        self.shown.insert(path);
        let image = image.into_rgb8();
        Some(Frame { width: image.width(), height: image.height(), rgb: image.into_raw() })
    }
}

fn images_in(dir: &Path) -> impl Iterator<Item = PathBuf> {
    std::fs::read_dir(dir).into_iter().flatten().filter_map(|e| e.ok().map(|e| e.path())).filter(|p| is_image(p))
}

fn is_image(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    matches!(ext.as_str(), "png" | "jpg" | "jpeg" | "webp")
}

impl FrameSource for FolderSource {
    fn name(&self) -> String {
        format!("folder {}", self.dir.display())
    }

    fn next_frame(&mut self) -> Result<Frame, SourceError> {
        let now = Instant::now();
        if self.next_due > now {
            std::thread::sleep(self.next_due - now);
        }
        self.next_due = Instant::now() + self.frame_interval;
        if let Some((frame, until)) = &self.current {
            if Instant::now() < *until {
                return Ok(frame.clone());
            }
            self.current = None;
        }
        match self.next_image() {
            Some(frame) => {
                self.current = Some((frame.clone(), Instant::now() + self.hold));
                Ok(frame)
            }
            None => Ok(self.blank.clone()),
        }
    }
}
