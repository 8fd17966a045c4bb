//! The system's dialogs, asked from our own commands (the window may call none of the dialog
//! plugin's commands itself).

use std::path::PathBuf;

use eventos_app::paper::{PdfJob, SavedPdf};
use eventos_app::{AppError, ErrorCode};
use tauri_plugin_dialog::DialogExt;

/// Asks where to save the PDF, then draws and writes it there (None: the person cancelled).
pub fn save_pdf(window: &tauri::Window, job: PdfJob) -> Result<Option<SavedPdf>, AppError> {
    save_path(window, job.file_name())?.map(|path| job.save(&path)).transpose()
}

/// Where to save a PDF named `name`, asked with the system's save dialog over the window (None:
/// the person cancelled). `EVENTOS_SAVE_DIR` answers without asking: the end-to-end tests drive
/// the window through WebDriver, which cannot reach a native dialog.
fn save_path(window: &tauri::Window, name: &str) -> Result<Option<PathBuf>, AppError> {
    if let Some(dir) = std::env::var_os("EVENTOS_SAVE_DIR") {
        return Ok(Some(PathBuf::from(dir).join(name)));
    }
    let chosen = window
        .dialog()
        .file()
        .set_parent(window)
        .set_title("Save the PDF")
        .set_file_name(name)
        .add_filter("PDF", &["pdf"])
        .blocking_save_file();
    chosen
        .map(|path| {
            path.into_path()
                .map_err(|e| AppError::new(ErrorCode::Io, format!("the chosen place cannot be written to: {e}")))
        })
        .transpose()
}
