//! The door's camera: a [`Scanner`] thread reading frames, whose codes become verdicts on the
//! same thread (with its own connection to the replica), queued for the screen to collect with
//! the latest preview frame. `EVENTOS_CAMERA=dir:/path` offers a folder of images as a camera
//! (tests, demos, support).

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use eventos_scan::{CameraSource, FolderSource, Scanner, SourceError};
use eventos_store::Store;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use ts_rs::TS;

use super::{DoorScan, DoorSetup, ScanMethod, Verdict};
use crate::{App, AppError, ErrorCode, Result, lock};

/// A folder's images: frames a second, and how long each is held up.
const FOLDER_FPS: u32 = 20;
const FOLDER_HOLD: Duration = Duration::from_millis(800);
/// Verdicts kept for the screen to collect.
const KEPT_VERDICTS: usize = 50;

/// A camera to choose on the Check-in screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CameraChoice {
    /// `camera:0`, or `dir:/path` for a folder of images.
    pub id: String,
    pub name: String,
}

/// The size asked of a webcam (it gives the nearest it has). 720p is what the decoders are
/// measured at; 1080p reads smaller codes from further away (decoded at half size first);
/// 480p suits a slow laptop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
pub enum CameraResolution {
    #[serde(rename = "480p")]
    P480,
    #[serde(rename = "720p")]
    P720,
    #[serde(rename = "1080p")]
    P1080,
}

impl CameraResolution {
    fn size(self) -> (u32, u32) {
        match self {
            CameraResolution::P480 => (640, 480),
            CameraResolution::P720 => (1280, 720),
            CameraResolution::P1080 => (1920, 1080),
        }
    }
}

/// A verdict with its place in the scanner's sequence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScannedVerdict {
    pub seq: u64,
    /// When the frame the code was read in arrived (UTC, the replica's format): scan → verdict
    /// on screen is measured from here.
    pub frame_at: String,
    pub verdict: Verdict,
}

/// What the Check-in screen collects from the camera, many times a second.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScannerPoll {
    pub running: bool,
    pub source: String,
    pub frames: u64,
    /// The latest frame's size, "1280×720".
    pub frame_size: Option<String>,
    /// The latest preview, a JPEG as a `data:` URL.
    pub frame: Option<String>,
    /// Verdicts after the `after` asked for, oldest first.
    pub verdicts: Vec<ScannedVerdict>,
    /// Why the camera stopped, or why a scan could not be decided.
    pub error: Option<AppError>,
}

/// A running door camera.
pub(crate) struct DoorCamera {
    scanner: Scanner,
    results: Arc<Mutex<Results>>,
}

#[derive(Default)]
struct Results {
    next_seq: u64,
    verdicts: VecDeque<ScannedVerdict>,
    error: Option<AppError>,
    /// Another door's pairing code held up to the camera, for the next poll to join.
    pairing: Option<String>,
}

impl App {
    /// The cameras to choose from: a folder first when `EVENTOS_CAMERA=dir:/path` is set.
    pub fn cameras(&self) -> Result<Vec<CameraChoice>> {
        let mut choices = Vec::new();
        if let Some(dir) = folder_from_env() {
            choices.push(CameraChoice {
                id: format!("dir:{}", dir.display()),
                name: format!("Images in {}", dir.display()),
            });
        }
        match eventos_scan::cameras() {
            Ok(cameras) => choices
                .extend(cameras.into_iter().map(|c| CameraChoice { id: format!("camera:{}", c.index), name: c.name })),
            // The folder still works when the webcams cannot be listed.
            Err(e) if choices.is_empty() => return Err(camera_error(e)),
            Err(_) => {}
        }
        Ok(choices)
    }

    /// Starts scanning with `camera_id` (from [`App::cameras`]) for this door; a scanner
    /// already running is stopped first.
    pub fn start_scanner(&mut self, door: DoorSetup, camera_id: &str, resolution: CameraResolution) -> Result<()> {
        self.camera = None;
        let source = source(camera_id, resolution)?;
        let mut store = Store::open(&self.db_path())?;
        store.checkpoint_elsewhere()?;
        let sync = self.sync.as_ref().map(|worker| Arc::clone(&worker.shared));
        let results = Arc::new(Mutex::new(Results::default()));
        let on_code = {
            let results = Arc::clone(&results);
            Box::new(move |payload: String, arrived: Instant| {
                if super::is_pairing_code(&payload) {
                    lock(&results).pairing = Some(payload);
                    return;
                }
                let frame_at = eventos_model::timestamp::format(OffsetDateTime::now_utc() - arrived.elapsed());
                let scan = DoorScan { door: door.clone(), method: ScanMethod::QrCode, payload };
                let outcome = super::check_in(&mut store, &scan);
                if outcome.as_ref().is_ok_and(Verdict::recorded)
                    && let Some(sync) = &sync
                {
                    sync.edited();
                }
                lock(&results).add(outcome, frame_at);
            })
        };
        let decoder = eventos_scan::decoder(eventos_scan::DEFAULT_DECODER)
            .ok_or_else(|| AppError::new(ErrorCode::Internal, "the default QR decoder is missing"))?;
        let scanner = Scanner::start(source, decoder, on_code).map_err(camera_error)?;
        self.camera = Some(DoorCamera { scanner, results });
        Ok(())
    }

    pub fn stop_scanner(&mut self) {
        self.camera = None;
    }

    /// The latest preview and the verdicts numbered after `after`.
    pub fn scanner_poll(&self, after: u64) -> ScannerPoll {
        let Some(camera) = &self.camera else {
            return ScannerPoll {
                running: false,
                source: String::new(),
                frames: 0,
                frame_size: None,
                frame: None,
                verdicts: vec![],
                error: None,
            };
        };
        let view = camera.scanner.view();
        let pairing = lock(&camera.results).pairing.take();
        if let Some(Err(e)) = pairing.map(|code| self.join_by_code(&code)) {
            lock(&camera.results).error = Some(e);
        }
        let results = lock(&camera.results);
        let error = view.error.map(camera_error).or_else(|| results.error.clone());
        ScannerPoll {
            running: error.is_none(),
            source: view.source,
            frames: view.frames,
            frame_size: view.frame_size.map(|(w, h)| format!("{w}×{h}")),
            frame: view.preview.map(|jpeg| {
                format!("data:image/jpeg;base64,{}", base64::engine::general_purpose::STANDARD.encode(jpeg.as_slice()))
            }),
            verdicts: results.verdicts.iter().filter(|v| v.seq > after).cloned().collect(),
            error,
        }
    }
}

impl Results {
    fn add(&mut self, outcome: Result<Verdict>, frame_at: String) {
        match outcome {
            Ok(verdict) => {
                self.next_seq += 1;
                self.verdicts.push_back(ScannedVerdict { seq: self.next_seq, frame_at, verdict });
                if self.verdicts.len() > KEPT_VERDICTS {
                    self.verdicts.pop_front();
                }
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }
}

fn source(camera_id: &str, resolution: CameraResolution) -> Result<eventos_scan::OpenSource> {
    if let Some(dir) = camera_id.strip_prefix("dir:") {
        let dir = PathBuf::from(dir);
        return Ok(Box::new(move || Ok(Box::new(FolderSource::open(&dir, FOLDER_FPS, FOLDER_HOLD)?) as _)));
    }
    let index: u32 = camera_id
        .strip_prefix("camera:")
        .and_then(|i| i.parse().ok())
        .ok_or_else(|| AppError::new(ErrorCode::Invalid, format!("no camera {camera_id}")))?;
    let (width, height) = resolution.size();
    Ok(Box::new(move || Ok(Box::new(CameraSource::open(index, width, height)?) as _)))
}

fn folder_from_env() -> Option<PathBuf> {
    let value = std::env::var("EVENTOS_CAMERA").ok()?;
    value.strip_prefix("dir:").map(PathBuf::from)
}

fn camera_error(e: SourceError) -> AppError {
    AppError::new(ErrorCode::Camera, e.to_string())
}
