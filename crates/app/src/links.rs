//! Handing a `tel:` or `mailto:` link to the operating system (its phone or mail app), as the
//! CRM's Call and Email actions do (only those two kinds of link: never a web page or a
//! program), and a document's file from the data folder to the program that opens its type.

use crate::{App, AppError, ErrorCode, Result};

/// Whether `url` is a phone or mail link this app may hand over.
fn allowed(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("tel:") || lower.starts_with("mailto:"))
        && !url.chars().any(char::is_control)
        && url.len() < 8_192
}

impl App {
    /// Opens a `tel:` or `mailto:` link in the app the computer uses for it.
    pub fn open_link(&self, url: &str) -> Result<()> {
        if !allowed(url) {
            return Err(AppError::new(ErrorCode::Invalid, "only phone (tel:) and mail (mailto:) links are opened"));
        }
        let url = url.trim();
        hand_to_os(std::ffi::OsStr::new(url)).map_err(|_| {
            AppError::new(
                ErrorCode::Io,
                format!("no app on this computer opens {} links", url.split(':').next().unwrap_or("these")),
            )
        })
    }
}

/// Hands a link or a file of ours to the operating system's opener.
pub(crate) fn hand_to_os(target: &std::ffi::OsStr) -> Result<()> {
    #[cfg(target_os = "macos")]
    let mut command = std::process::Command::new("open");
    #[cfg(windows)]
    let mut command = {
        let mut c = std::process::Command::new("rundll32");
        c.arg("url.dll,FileProtocolHandler");
        c
    };
    #[cfg(not(any(target_os = "macos", windows)))]
    let mut command = std::process::Command::new("xdg-open");
    // The end-to-end tests' windows: a PDF viewer popping up there would outlive the test.
    if let Some(opener) = std::env::var_os("EVENTOS_OPENER") {
        command = std::process::Command::new(opener);
    }
    command.arg(target).spawn().map(drop).map_err(|e| {
        AppError::new(ErrorCode::Io, format!("no program on this computer opens {} ({e})", target.to_string_lossy()))
    })
}

#[cfg(test)]
mod tests {
    use super::allowed;

    #[test]
    fn only_phone_and_mail_links() {
        assert!(allowed("tel:+14165550100"));
        assert!(allowed("mailto:ana@example.com?subject=Hello%20Ana"));
        assert!(!allowed("file:///etc/passwd"));
        assert!(!allowed("https://example.com"));
        assert!(!allowed("javascript:alert(1)"));
        assert!(!allowed("tel:1\n--rm"));
    }
}
