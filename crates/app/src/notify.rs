//! The operating system's desktop notifications (freedesktop on Linux, Notification Center on
//! macOS, toasts on Windows). Best effort: a computer without a notification service still has
//! the window's own reminder, so a failure is only logged.

/// Shows a notification, on a thread of its own (the service may be slow to answer).
pub(crate) fn show(title: &str, body: &str) {
    let (title, body) = (title.to_owned(), body.to_owned());
    let _ = std::thread::Builder::new().name("eventos-notify".into()).spawn(move || {
        if let Err(e) = notify_rust::Notification::new().appname("EventOS").summary(&title).body(&body).show() {
            eprintln!("eventos: no desktop notification ({e})");
        }
    });
}
