//! EventOS Desktop: opens the data folder's workspace and shows the UI over it.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dialogs;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let data_dir = match data_dir_from_args(std::env::args_os().skip(1)) {
        Ok(dir) => dir,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let app = eventos_app::App::open(data_dir);
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(commands::Shared::new(app))
        .invoke_handler(tauri::generate_handler![
            commands::status,
            commands::open_demo,
            commands::start_empty,
            commands::move_aside_and_start_fresh,
            commands::dashboard,
            commands::events,
            commands::event,
            commands::companies,
            commands::update_event,
            commands::sync_status,
            commands::connect,
            commands::sign_out,
            commands::sync_now,
            commands::outbox,
            commands::retry_change,
            commands::discard_change,
            commands::conflicts,
            commands::undo_conflict,
            commands::scope_choices,
            commands::set_scopes,
            commands::check_in,
            commands::door_counts,
            commands::door_search,
            commands::duplicate_entries,
            commands::cameras,
            commands::start_scanner,
            commands::stop_scanner,
            commands::scanner_poll,
            commands::open_exchange,
            commands::door_exchange,
            commands::exchange_pairing_code,
            commands::exchange_pair,
            commands::close_exchange,
            commands::record_tables,
            commands::list_records,
            commands::record,
            commands::record_titles,
            commands::create_record,
            commands::update_record,
            commands::delete_plan,
            commands::delete_record,
            commands::export_records,
            commands::export_progress,
            commands::create_event,
            commands::status_plan,
            commands::set_event_status,
            commands::duplicate_event,
            commands::box_office,
            commands::sell,
            commands::void_order,
            commands::void_ticket,
            commands::change_holder,
            commands::ticket_qr,
            commands::waitlist,
            commands::join_waitlist,
            commands::convert_waitlist_entry,
            commands::cancel_waitlist_entry,
            commands::programme,
            commands::budget,
            commands::event_analytics,
            commands::record_steps,
            commands::step_record,
            commands::pipeline_board,
            commands::move_opportunity,
            commands::close_opportunity,
            commands::log_activity,
            commands::my_day,
            commands::due_reminders,
            commands::complete_task,
            commands::snooze_task,
            commands::make_primary_contact,
            commands::merge_plan,
            commands::merge_records,
            commands::import_preview,
            commands::import_csv,
            commands::undo_import,
            commands::search_everything,
            commands::open_link,
            commands::render_template,
            commands::documents,
            commands::attach_document,
            commands::open_document,
            commands::upload_queue,
            commands::retry_upload,
            commands::default_paper,
            commands::save_tickets_pdf,
            commands::open_tickets_pdf,
            commands::save_door_list_pdf,
            commands::open_door_list_pdf,
            commands::save_event_report,
            commands::open_event_report,
            commands::save_pipeline_report,
            commands::open_pipeline_report,
            commands::pdf_progress,
            commands::badge_layouts,
            commands::save_badges_pdf,
            commands::open_badges_pdf,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: EventOS could not start its window: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `--data-dir PATH` (or `--data-dir=PATH`), else `$EVENTOS_DATA_DIR`, else the OS app-data
/// folder (the CLI uses the same default).
fn data_dir_from_args(mut args: impl Iterator<Item = OsString>) -> Result<PathBuf, String> {
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from).ok_or_else(|| "--data-dir needs a folder".to_owned());
        }
        // Paths need not be UTF-8; only the flag's own name is matched as text.
        if let Some(dir) = arg.to_str().and_then(|a| a.strip_prefix("--data-dir=")) {
            return Ok(PathBuf::from(dir));
        }
    }
    Ok(eventos_store::default_data_dir())
}

#[cfg(test)]
mod tests {
    use super::data_dir_from_args;

    fn args(list: &[&str]) -> impl Iterator<Item = std::ffi::OsString> {
        list.iter().map(std::ffi::OsString::from).collect::<Vec<_>>().into_iter()
    }

    #[test]
    fn the_data_folder_comes_from_the_command_line_first() {
        assert_eq!(data_dir_from_args(args(&["--data-dir", "/x"])).unwrap().to_str(), Some("/x"));
        assert_eq!(data_dir_from_args(args(&["--data-dir=/y"])).unwrap().to_str(), Some("/y"));
        assert!(data_dir_from_args(args(&["--data-dir"])).is_err());
    }
}
