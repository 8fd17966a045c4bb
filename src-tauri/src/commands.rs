//! The commands the UI calls: each a one-liner over the app facade, run off the UI thread
//! (`async`), with errors as the facade's typed `AppError {code, message}`.

use std::sync::Mutex;

use eventos_app::crm::CompanySummary;
use eventos_app::dashboard::Dashboard;
use eventos_app::events::{EventDetail, EventQuery, EventSummary};
use eventos_app::{App, AppError, ErrorCode, Status};
use tauri::State;

#[cfg(test)]
include!("command_names.rs");

/// The one `App` of this process.
pub struct Shared(Mutex<App>);

impl Shared {
    pub fn new(app: App) -> Self {
        Shared(Mutex::new(app))
    }
}

type Reply<T> = Result<T, AppError>;

fn with<T>(state: &State<'_, Shared>, f: impl FnOnce(&mut App) -> Reply<T>) -> Reply<T> {
    let mut app = state.0.lock().map_err(|_| {
        AppError::new(ErrorCode::Internal, "an earlier failure left the app in a bad state; restart it")
    })?;
    f(&mut app)
}

#[tauri::command(async)]
pub fn status(state: State<'_, Shared>) -> Reply<Status> {
    with(&state, |app| Ok(app.status()))
}

#[tauri::command(async)]
pub fn open_demo(state: State<'_, Shared>, utc_offset_minutes: i32) -> Reply<Status> {
    with(&state, |app| app.open_demo(utc_offset_minutes))
}

#[tauri::command(async)]
pub fn start_empty(state: State<'_, Shared>) -> Reply<Status> {
    with(&state, App::start_empty)
}

#[tauri::command(async)]
pub fn move_aside_and_start_fresh(state: State<'_, Shared>) -> Reply<Status> {
    with(&state, App::move_aside_and_start_fresh)
}

#[tauri::command(async)]
pub fn dashboard(state: State<'_, Shared>, utc_offset_minutes: i32) -> Reply<Dashboard> {
    with(&state, |app| app.dashboard(utc_offset_minutes))
}

#[tauri::command(async)]
pub fn events(state: State<'_, Shared>, query: EventQuery) -> Reply<Vec<EventSummary>> {
    with(&state, |app| app.events(&query))
}

#[tauri::command(async)]
pub fn event(state: State<'_, Shared>, id: String) -> Reply<EventDetail> {
    with(&state, |app| app.event(&id))
}

#[tauri::command(async)]
pub fn companies(state: State<'_, Shared>) -> Reply<Vec<CompanySummary>> {
    with(&state, |app| app.companies())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shell_offers_exactly_the_facades_commands() {
        let facade: Vec<&str> = eventos_app::ipc::commands().iter().map(|c| c.name).collect();
        assert_eq!(super::COMMAND_NAMES, facade.as_slice());
    }
}
