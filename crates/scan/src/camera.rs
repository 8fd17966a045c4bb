//! Webcams through nokhwa (Video4Linux, AVFoundation, Media Foundation). Without a camera the
//! list is empty and opening one says so; busy and permission failures say what to do.

use nokhwa::pixel_format::RgbFormat;
use nokhwa::utils::{
    ApiBackend, CameraFormat, CameraIndex, FrameFormat, RequestedFormat, RequestedFormatType, Resolution,
};
use nokhwa::{Camera, NokhwaError};

use crate::source::{Frame, FrameSource, SourceError};

/// A camera the computer offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CameraInfo {
    pub index: u32,
    pub name: String,
}

/// The cameras this computer has (none is not an error).
pub fn cameras() -> Result<Vec<CameraInfo>, SourceError> {
    let found = nokhwa::query(ApiBackend::Auto).map_err(|e| classify(&e))?;
    Ok(found
        .iter()
        .filter_map(|c| Some(CameraInfo { index: c.index().as_index().ok()?, name: c.human_name() }))
        .collect())
}

pub struct CameraSource {
    camera: Camera,
    name: String,
}

impl CameraSource {
    /// Opens camera `index` as close to `width`x`height` (MJPEG, 30 fps) as it offers.
    pub fn open(index: u32, width: u32, height: u32) -> Result<CameraSource, SourceError> {
        if cameras()?.is_empty() {
            return Err(SourceError::NoCamera);
        }
        let wanted = CameraFormat::new(Resolution::new(width, height), FrameFormat::MJPEG, 30);
        let request = RequestedFormat::new::<RgbFormat>(RequestedFormatType::Closest(wanted));
        let mut camera = Camera::new(CameraIndex::Index(index), request).map_err(|e| classify(&e))?;
        camera.open_stream().map_err(|e| classify(&e))?;
        let name = camera.info().human_name();
        Ok(CameraSource { camera, name })
    }
}

impl FrameSource for CameraSource {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn next_frame(&mut self) -> Result<Frame, SourceError> {
        let buffer = self.camera.frame().map_err(|e| classify(&e))?;
        let resolution = buffer.resolution();
        // Decoded straight into the frame's own pixels (the frame moves on to the scanner).
        let mut rgb = vec![0; (resolution.width() * resolution.height() * 3) as usize];
        buffer.decode_image_to_buffer::<RgbFormat>(&mut rgb).map_err(|e| classify(&e))?;
        Ok(Frame { width: resolution.width(), height: resolution.height(), rgb })
    }
}

impl Drop for CameraSource {
    fn drop(&mut self) {
        let _ = self.camera.stop_stream();
    }
}

/// nokhwa's errors carry the OS's words; sort out the two a person can act on.
fn classify(error: &NokhwaError) -> SourceError {
    let text = error.to_string();
    let lower = text.to_lowercase();
    if lower.contains("busy") || lower.contains("ebusy") {
        SourceError::Busy
    } else if lower.contains("permission denied") || lower.contains("eacces") || lower.contains("not authorized") {
        SourceError::NoPermission(text)
    } else if lower.contains("no such file") || lower.contains("no such device") {
        SourceError::NoCamera
    } else {
        SourceError::Failed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_become_what_staff_can_act_on() {
        let open = |why: &str| NokhwaError::OpenDeviceError("/dev/video0".into(), why.into());
        assert_eq!(classify(&open("Device or resource busy (os error 16)")), SourceError::Busy);
        assert!(matches!(classify(&open("Permission denied (os error 13)")), SourceError::NoPermission(_)));
        assert_eq!(classify(&open("No such file or directory (os error 2)")), SourceError::NoCamera);
        assert!(matches!(classify(&NokhwaError::ReadFrameError("x".into())), SourceError::Failed(_)));
    }

    #[test]
    fn without_a_camera_the_list_is_empty_or_opening_says_so() {
        // This machine (CI) has no camera: listing is not an error, opening is a clear one.
        if cameras().is_ok_and(|c| c.is_empty()) {
            assert_eq!(CameraSource::open(0, 1280, 720).err(), Some(SourceError::NoCamera));
        }
    }
}
