//! `eventos-cli decode FILE…`: the text a QR decoder reads in each image — for support staff
//! checking a ticket photo, and for tests.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::CliError;

#[derive(clap::Args)]
pub struct DecodeArgs {
    /// Image files (PNG, JPEG or WebP).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Which decoder (default: the app's).
    #[arg(long, default_value = eventos_scan::DEFAULT_DECODER)]
    decoder: String,
}

/// One line per file: `FILE: TEXT`, or that nothing was read. Files that cannot be read are
/// said so in their line, and the command fails once every file has had its turn.
pub fn run(args: DecodeArgs, out: &mut String) -> Result<(), CliError> {
    let decoder = eventos_scan::decoder(&args.decoder).ok_or_else(|| {
        CliError::Usage(format!(
            "no decoder '{}' (there are: {})",
            args.decoder,
            eventos_scan::decoder_names().join(", ")
        ))
    })?;
    let mut first_failure = None;
    for file in &args.files {
        match eventos_scan::load(file) {
            Ok(frame) => match decoder.decode(&frame) {
                Some(text) => {
                    let _ = writeln!(out, "{}: {text}", file.display());
                }
                None => {
                    let _ = writeln!(out, "{}: nothing read", file.display());
                }
            },
            Err(e) => {
                let _ = writeln!(out, "{}: not an image this can read", file.display());
                first_failure.get_or_insert(e);
            }
        }
    }
    first_failure.map_or(Ok(()), |e| Err(e.into()))
}
