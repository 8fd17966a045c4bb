//! Reading ticket QR codes: one [`QrDecoder`] trait with the decoders we compared behind it
//! (`benches/decoders.rs` runs them side by side over the sample photos in `samples/`), and
//! grayscale images from files. No decoder's panic gets past [`QrDecoder::decode`].
//! [`qr_image`] draws codes (ticket images, test frames). [`Scanner`] runs the door's loop on
//! its own thread over a [`FrameSource`]: a webcam ([`CameraSource`]) or a folder of images.

mod camera;
mod decoders;
mod encode;
mod frame;
pub mod samples;
mod scanner;
mod source;

pub use camera::{CameraInfo, CameraSource, cameras};
pub use decoders::{DEFAULT_DECODER, QrDecoder, decoder, decoder_names};
pub use encode::{QrPath, qr_image, qr_path, save_png};
pub use frame::{Gray, ScanError, load};
pub use scanner::{OnCode, OpenSource, REPEAT_WINDOW, Repeats, Scanner, ScannerView, read};
pub use source::{FolderSource, Frame, FrameSource, SourceError};
