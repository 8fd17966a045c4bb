//! The door's fixtures for the end-to-end test and benchmark: today's demo event's tickets with
//! their signed codes, and ticket images dropped into a folder that stands in for the camera.

use std::path::Path;

use eventos_app::App;
use eventos_app::sync::SessionStore;

use crate::Result;

pub struct Ticket {
    pub number: String,
    pub name: String,
    pub payload: String,
}

/// The active tickets of the demo's live event, with their signed codes.
pub fn live_tickets(data_dir: &Path) -> Result<Vec<Ticket>> {
    let app = App::open_with(data_dir, SessionStore::File);
    let db = rusqlite::Connection::open(data_dir.join("eventos.db")).map_err(|e| e.to_string())?;
    let event: String = db
        .query_row("SELECT id FROM events WHERE name = 'AI & Machine Learning Summit'", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    let active: Vec<String> = db
        .prepare("SELECT ticket_number FROM tickets WHERE event_id = ?1 AND status = 'active'")
        .and_then(|mut s| s.query_map([&event], |r| r.get(0))?.collect())
        .map_err(|e| e.to_string())?;
    Ok(app
        .ticket_codes(&event, 10_000)
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|c| active.contains(&c.ticket_number))
        .map(|c| Ticket { number: c.ticket_number, name: c.name.unwrap_or_default(), payload: c.payload })
        .collect())
}

/// Draws `payload` into `folder/file`, written aside and renamed in (the scanner never reads
/// half a file).
pub fn draw(folder: &Path, file: &str, payload: &str) -> Result<()> {
    let image = eventos_scan::qr_image(payload).map_err(|e| e.to_string())?;
    let partial = folder.join(format!(".{file}.part"));
    eventos_scan::save_png(&image, &partial).map_err(|e| e.to_string())?;
    std::fs::rename(partial, folder.join(file)).map_err(|e| e.to_string())
}
