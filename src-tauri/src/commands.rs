//! The commands the UI calls: each a one-liner over the app facade, run off the UI thread
//! (`async`), with errors as the facade's typed `AppError {code, message}`.

use std::collections::BTreeMap;
use std::sync::Mutex;

use eventos_app::box_office::{BoxOffice, Holder, Payment, Sale, SaleRequest, VoidKind, Voided, Waitlist};
use eventos_app::crm::import::{ImportPreview, ImportRequest, ImportSummary, ImportUndone};
use eventos_app::crm::{
    AttachDocument, Board, BoardQuery, Closing, CompanySummary, DocumentFetch, DocumentItem, MergePlan, MyDay,
    QuickLog, Reminders, RenderedEmail, UploadItem,
};
use eventos_app::dashboard::Dashboard;
use eventos_app::door::{
    CameraChoice, CameraResolution, DoorCounts, DoorExchange, DoorHit, DoorScan, DoorSetup, DuplicateEntry,
    PairingShown, QrPath, ScannerPoll, TicketCode, Verdict,
};
use eventos_app::events::{EventDetail, EventEdit, EventQuery, EventSummary};
use eventos_app::organize::{Budget, EventAnalytics, EventDraft, Programme, StatusPlan, Step};
use eventos_app::paper::{BadgeLayoutInfo, BadgesOf, PaperSize, PdfJob, PdfProgress, SavedPdf, TicketsOf};
use eventos_app::records::{RecordDetail, TableInfo};
use eventos_app::search::SearchHit;
use eventos_app::sync::{ConflictItem, ConnectForm, OutboxItem, ScopeChoice, SyncStatus};
use eventos_app::{App, AppError, ErrorCode, ExportProgress, Exported, Reads, Status};
use eventos_store::{DeletePlan, RecordPage, RecordQuery, Row};
use tauri::State;

#[tauri::command(async)]
pub fn check_in(state: State<'_, Shared>, scan: DoorScan) -> Reply<Verdict> {
    with(&state, |app| app.check_in(&scan))
}

#[tauri::command(async)]
pub fn door_counts(state: State<'_, Shared>, event_id: String) -> Reply<DoorCounts> {
    with(&state, |app| app.door_counts(&event_id))
}

#[tauri::command(async)]
pub fn door_search(state: State<'_, Shared>, event_id: String, query: String) -> Reply<Vec<DoorHit>> {
    with(&state, |app| app.door_search(&event_id, &query))
}

#[tauri::command(async)]
pub fn duplicate_entries(state: State<'_, Shared>, event_id: String) -> Reply<Vec<DuplicateEntry>> {
    with(&state, |app| app.duplicate_entries(&event_id))
}

#[tauri::command(async)]
pub fn cameras(state: State<'_, Shared>) -> Reply<Vec<CameraChoice>> {
    with(&state, |app| app.cameras())
}

#[tauri::command(async)]
pub fn start_scanner(
    state: State<'_, Shared>,
    door: DoorSetup,
    camera_id: String,
    resolution: CameraResolution,
) -> Reply<()> {
    with(&state, |app| app.start_scanner(door, &camera_id, resolution))
}

#[tauri::command(async)]
pub fn stop_scanner(state: State<'_, Shared>) -> Reply<()> {
    with(&state, |app| {
        app.stop_scanner();
        Ok(())
    })
}

#[tauri::command(async)]
pub fn scanner_poll(state: State<'_, Shared>, after: u64) -> Reply<ScannerPoll> {
    with(&state, |app| Ok(app.scanner_poll(after)))
}

#[tauri::command(async)]
pub fn open_exchange(state: State<'_, Shared>, door: DoorSetup) -> Reply<DoorExchange> {
    with(&state, |app| app.open_exchange(&door))
}

#[tauri::command(async)]
pub fn door_exchange(state: State<'_, Shared>) -> Reply<DoorExchange> {
    with(&state, App::exchange)
}

#[tauri::command(async)]
pub fn exchange_pairing_code(state: State<'_, Shared>) -> Reply<PairingShown> {
    with(&state, App::exchange_pairing_code)
}

#[tauri::command(async)]
pub fn exchange_pair(state: State<'_, Shared>, code: String) -> Reply<DoorExchange> {
    with(&state, |app| app.exchange_pair(&code))
}

#[tauri::command(async)]
pub fn close_exchange(state: State<'_, Shared>) -> Reply<()> {
    with(&state, |app| {
        app.close_exchange();
        Ok(())
    })
}

#[tauri::command(async)]
pub fn record_tables(state: State<'_, Shared>) -> Reply<Vec<TableInfo>> {
    read(&state, |reads| reads.record_tables())
}

#[tauri::command(async)]
pub fn list_records(state: State<'_, Shared>, table: String, query: RecordQuery) -> Reply<RecordPage> {
    read(&state, |reads| reads.list_records(&table, &query))
}

#[tauri::command(async)]
pub fn record(state: State<'_, Shared>, table: String, id: String) -> Reply<RecordDetail> {
    read(&state, |reads| reads.record(&table, &id))
}

#[tauri::command(async)]
pub fn record_titles(state: State<'_, Shared>, table: String, ids: Vec<String>) -> Reply<BTreeMap<String, String>> {
    read(&state, |reads| reads.record_titles(&table, &ids))
}

#[tauri::command(async)]
pub fn create_record(state: State<'_, Shared>, table: String, values: Row) -> Reply<Row> {
    with(&state, |app| app.create_record(&table, values))
}

#[tauri::command(async)]
pub fn update_record(state: State<'_, Shared>, table: String, id: String, patch: Row) -> Reply<Row> {
    with(&state, |app| app.update_record(&table, &id, patch))
}

#[tauri::command(async)]
pub fn delete_plan(state: State<'_, Shared>, table: String, id: String) -> Reply<DeletePlan> {
    with(&state, |app| app.delete_plan(&table, &id))
}

#[tauri::command(async)]
pub fn delete_record(state: State<'_, Shared>, table: String, id: String) -> Reply<()> {
    with(&state, |app| app.delete_record(&table, &id))
}

#[tauri::command(async)]
pub fn export_records(
    state: State<'_, Shared>,
    table: String,
    query: RecordQuery,
    columns: Vec<String>,
) -> Reply<Exported> {
    read(&state, |reads| reads.export_file(&table, &query, &columns))
}

#[tauri::command(async)]
pub fn export_progress(state: State<'_, Shared>) -> Reply<Option<ExportProgress>> {
    Ok(state.1.export_progress())
}

#[tauri::command(async)]
pub fn box_office(state: State<'_, Shared>, event: String) -> Reply<BoxOffice> {
    with(&state, |app| app.box_office(&event))
}

#[tauri::command(async)]
pub fn sell(state: State<'_, Shared>, request: SaleRequest) -> Reply<Sale> {
    with(&state, |app| app.sell(&request))
}

#[tauri::command(async)]
pub fn void_order(
    state: State<'_, Shared>,
    order_number: String,
    kind: VoidKind,
    reason: Option<String>,
) -> Reply<Voided> {
    with(&state, |app| app.void_order(&order_number, kind, reason.as_deref()))
}

#[tauri::command(async)]
pub fn void_ticket(
    state: State<'_, Shared>,
    ticket_number: String,
    kind: VoidKind,
    reason: Option<String>,
) -> Reply<Voided> {
    with(&state, |app| app.void_ticket(&ticket_number, kind, reason.as_deref()))
}

#[tauri::command(async)]
pub fn change_holder(state: State<'_, Shared>, ticket_number: String, holder: Holder) -> Reply<TicketCode> {
    with(&state, |app| app.change_holder(&ticket_number, &holder))
}

#[tauri::command(async)]
pub fn ticket_qr(payload: String) -> Reply<QrPath> {
    eventos_app::door::ticket_qr(&payload)
}

#[tauri::command(async)]
pub fn create_event(state: State<'_, Shared>, draft: EventDraft) -> Reply<EventDetail> {
    with(&state, |app| app.create_event(&draft))
}

#[tauri::command(async)]
pub fn status_plan(state: State<'_, Shared>, event_id: String, to: String) -> Reply<StatusPlan> {
    with(&state, |app| app.status_plan(&event_id, &to))
}

#[tauri::command(async)]
pub fn set_event_status(state: State<'_, Shared>, event_id: String, to: String) -> Reply<EventDetail> {
    with(&state, |app| app.set_event_status(&event_id, &to))
}

#[tauri::command(async)]
pub fn duplicate_event(state: State<'_, Shared>, event_id: String, starts: String) -> Reply<EventDetail> {
    with(&state, |app| app.duplicate_event(&event_id, &starts))
}

#[tauri::command(async)]
pub fn waitlist(state: State<'_, Shared>, event: String) -> Reply<Waitlist> {
    with(&state, |app| app.waitlist(&event))
}

#[tauri::command(async)]
pub fn join_waitlist(
    state: State<'_, Shared>,
    event: String,
    person: Holder,
    reason: Option<String>,
) -> Reply<Waitlist> {
    with(&state, |app| app.join_waitlist(&event, &person, reason.as_deref()))
}

#[tauri::command(async)]
pub fn convert_waitlist_entry(state: State<'_, Shared>, entry_id: String, payment: Payment) -> Reply<Sale> {
    with(&state, |app| app.convert_waitlist_entry(&entry_id, payment))
}

#[tauri::command(async)]
pub fn cancel_waitlist_entry(state: State<'_, Shared>, entry_id: String) -> Reply<Waitlist> {
    with(&state, |app| app.cancel_waitlist_entry(&entry_id))
}

#[tauri::command(async)]
pub fn programme(state: State<'_, Shared>, event: String) -> Reply<Programme> {
    read(&state, |reads| reads.programme(&event))
}

#[tauri::command(async)]
pub fn budget(state: State<'_, Shared>, event: String) -> Reply<Budget> {
    read(&state, |reads| reads.budget(&event))
}

#[tauri::command(async)]
pub fn event_analytics(state: State<'_, Shared>, event: String) -> Reply<EventAnalytics> {
    read(&state, |reads| reads.event_analytics(&event))
}

#[tauri::command(async)]
pub fn record_steps(state: State<'_, Shared>, table: String, id: String) -> Reply<Vec<Step>> {
    with(&state, |app| app.record_steps(&table, &id))
}

#[tauri::command(async)]
pub fn step_record(state: State<'_, Shared>, table: String, id: String, to: String) -> Reply<Row> {
    with(&state, |app| app.step_record(&table, &id, &to))
}

#[tauri::command(async)]
pub fn pipeline_board(state: State<'_, Shared>, query: BoardQuery) -> Reply<Board> {
    read(&state, |reads| reads.pipeline_board(&query))
}

#[tauri::command(async)]
pub fn move_opportunity(state: State<'_, Shared>, id: String, stage_id: String) -> Reply<Row> {
    with(&state, |app| app.move_opportunity(&id, &stage_id))
}

#[tauri::command(async)]
pub fn close_opportunity(state: State<'_, Shared>, id: String, closing: Closing) -> Reply<Row> {
    with(&state, |app| app.close_opportunity(&id, &closing))
}

#[tauri::command(async)]
pub fn log_activity(state: State<'_, Shared>, log: QuickLog) -> Reply<Row> {
    with(&state, |app| app.log_activity(&log))
}

#[tauri::command(async)]
pub fn due_reminders(state: State<'_, Shared>) -> Reply<Reminders> {
    with(&state, |app| app.due_reminders())
}

#[tauri::command(async)]
pub fn my_day(state: State<'_, Shared>, utc_offset_minutes: i32) -> Reply<MyDay> {
    read(&state, |reads| reads.my_day(utc_offset_minutes))
}

#[tauri::command(async)]
pub fn complete_task(state: State<'_, Shared>, id: String) -> Reply<Row> {
    with(&state, |app| app.complete_task(&id))
}

#[tauri::command(async)]
pub fn snooze_task(state: State<'_, Shared>, id: String, until: String) -> Reply<Row> {
    with(&state, |app| app.snooze_task(&id, &until))
}

#[tauri::command(async)]
pub fn make_primary_contact(state: State<'_, Shared>, contact_id: String) -> Reply<Row> {
    with(&state, |app| app.make_primary_contact(&contact_id))
}

#[tauri::command(async)]
pub fn merge_plan(state: State<'_, Shared>, table: String, keep_id: String, drop_id: String) -> Reply<MergePlan> {
    with(&state, |app| app.merge_plan(&table, &keep_id, &drop_id))
}

#[tauri::command(async)]
pub fn merge_records(state: State<'_, Shared>, table: String, keep_id: String, drop_id: String) -> Reply<Row> {
    with(&state, |app| app.merge_records(&table, &keep_id, &drop_id))
}

#[tauri::command(async)]
pub fn import_preview(state: State<'_, Shared>, request: ImportRequest) -> Reply<ImportPreview> {
    with(&state, |app| app.import_preview(&request))
}

#[tauri::command(async)]
pub fn import_csv(state: State<'_, Shared>, request: ImportRequest) -> Reply<ImportSummary> {
    with(&state, |app| app.import_csv(&request))
}

#[tauri::command(async)]
pub fn undo_import(state: State<'_, Shared>, import_id: String) -> Reply<ImportUndone> {
    with(&state, |app| app.undo_import(&import_id))
}

#[tauri::command(async)]
pub fn search_everything(state: State<'_, Shared>, query: String) -> Reply<Vec<SearchHit>> {
    read(&state, |reads| reads.search_everything(&query))
}

#[tauri::command(async)]
pub fn open_link(state: State<'_, Shared>, url: String) -> Reply<()> {
    with(&state, |app| app.open_link(&url))
}

#[tauri::command(async)]
pub fn render_template(
    state: State<'_, Shared>,
    template_id: String,
    contact_id: String,
    event_id: Option<String>,
) -> Reply<RenderedEmail> {
    with(&state, |app| app.render_template(&template_id, &contact_id, event_id.as_deref()))
}

#[tauri::command(async)]
pub fn documents(state: State<'_, Shared>, on_table: String, on_id: String) -> Reply<Vec<DocumentItem>> {
    with(&state, |app| app.documents(&on_table, &on_id))
}

#[tauri::command(async)]
pub fn attach_document(state: State<'_, Shared>, attach: AttachDocument) -> Reply<DocumentItem> {
    with(&state, |app| app.attach_document(&attach))
}

#[tauri::command(async)]
pub fn open_document(state: State<'_, Shared>, id: String) -> Reply<String> {
    // The App's lock only to see where the file is: a download must not hold up a scan.
    with(&state, |app| app.document_fetch(&id)).and_then(DocumentFetch::open)
}

#[tauri::command(async)]
pub fn upload_queue(state: State<'_, Shared>) -> Reply<Vec<UploadItem>> {
    with(&state, |app| app.upload_queue())
}

#[tauri::command(async)]
pub fn retry_upload(state: State<'_, Shared>, storage_path: String) -> Reply<Vec<UploadItem>> {
    with(&state, |app| app.retry_upload(&storage_path))
}

#[tauri::command(async)]
pub fn default_paper() -> Reply<PaperSize> {
    Ok(PaperSize::of_this_computer())
}

#[tauri::command(async)]
pub fn save_tickets_pdf(
    window: tauri::Window,
    state: State<'_, Shared>,
    of: TicketsOf,
    paper: PaperSize,
) -> Reply<Option<SavedPdf>> {
    // The App's lock only to read the tickets: the dialog and the drawing hold up no scan.
    crate::dialogs::save_pdf(&window, with(&state, |app| app.tickets_job(&of, paper.paper()))?)
}

#[tauri::command(async)]
pub fn open_tickets_pdf(state: State<'_, Shared>, of: TicketsOf, paper: PaperSize) -> Reply<SavedPdf> {
    with(&state, |app| app.tickets_job(&of, paper.paper())).and_then(PdfJob::open)
}

#[tauri::command(async)]
pub fn save_door_list_pdf(
    window: tauri::Window,
    state: State<'_, Shared>,
    event: String,
    paper: PaperSize,
) -> Reply<Option<SavedPdf>> {
    crate::dialogs::save_pdf(&window, with(&state, |app| app.door_list_job(&event, paper.paper()))?)
}

#[tauri::command(async)]
pub fn open_door_list_pdf(state: State<'_, Shared>, event: String, paper: PaperSize) -> Reply<SavedPdf> {
    with(&state, |app| app.door_list_job(&event, paper.paper())).and_then(PdfJob::open)
}

#[tauri::command(async)]
pub fn save_event_report(
    window: tauri::Window,
    state: State<'_, Shared>,
    event: String,
    paper: PaperSize,
) -> Reply<Option<SavedPdf>> {
    crate::dialogs::save_pdf(&window, with(&state, |app| app.event_report_job(&event, paper.paper()))?)
}

#[tauri::command(async)]
pub fn open_event_report(state: State<'_, Shared>, event: String, paper: PaperSize) -> Reply<SavedPdf> {
    with(&state, |app| app.event_report_job(&event, paper.paper())).and_then(PdfJob::open)
}

#[tauri::command(async)]
pub fn save_pipeline_report(
    window: tauri::Window,
    state: State<'_, Shared>,
    paper: PaperSize,
) -> Reply<Option<SavedPdf>> {
    crate::dialogs::save_pdf(&window, with(&state, |app| app.pipeline_report_job(paper.paper()))?)
}

#[tauri::command(async)]
pub fn open_pipeline_report(state: State<'_, Shared>, paper: PaperSize) -> Reply<SavedPdf> {
    with(&state, |app| app.pipeline_report_job(paper.paper())).and_then(PdfJob::open)
}

#[tauri::command(async)]
pub fn pdf_progress(state: State<'_, Shared>) -> Reply<PdfProgress> {
    with(&state, |app| Ok(app.pdf_progress()))
}

#[tauri::command(async)]
pub fn badge_layouts() -> Reply<Vec<BadgeLayoutInfo>> {
    Ok(eventos_app::paper::badge_layouts())
}

#[tauri::command(async)]
pub fn save_badges_pdf(window: tauri::Window, state: State<'_, Shared>, of: BadgesOf) -> Reply<Option<SavedPdf>> {
    crate::dialogs::save_pdf(&window, with(&state, |app| app.badges_job(&of))?)
}

#[tauri::command(async)]
pub fn open_badges_pdf(state: State<'_, Shared>, of: BadgesOf) -> Reply<SavedPdf> {
    with(&state, |app| app.badges_job(&of)).and_then(PdfJob::open)
}

#[cfg(test)]
include!("command_names.rs");

/// The one `App` of this process, and its reads on a connection of their own (a slow list
/// never waits for, nor holds up, a check-in or a sync).
pub struct Shared(Mutex<App>, Reads);

impl Shared {
    pub fn new(app: App) -> Self {
        let reads = app.reads();
        Shared(Mutex::new(app), reads)
    }
}

type Reply<T> = Result<T, AppError>;

/// Runs a use case on the app. A panic in an earlier command poisons the lock but cannot leave
/// the replica half-written (every write is one transaction), so the app carries on. A failure
/// is shown to the facade, which turns a damaged replica into a broken workspace.
fn with<T>(state: &State<'_, Shared>, f: impl FnOnce(&mut App) -> Reply<T>) -> Reply<T> {
    let mut app = state.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let reply = f(&mut app);
    if let Err(e) = &reply {
        app.note_failure(e);
    }
    reply
}

/// Runs a read off the app's lock; a damaged replica found this way is shown to the app too.
fn read<T>(state: &State<'_, Shared>, f: impl FnOnce(&Reads) -> Reply<T>) -> Reply<T> {
    let reply = f(&state.1);
    if let Err(e) = &reply
        && e.code == ErrorCode::CorruptDatabase
    {
        state.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).note_failure(e);
    }
    reply
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

#[tauri::command(async)]
pub fn update_event(state: State<'_, Shared>, id: String, edit: EventEdit) -> Reply<EventDetail> {
    with(&state, |app| app.update_event(&id, &edit))
}

#[tauri::command(async)]
pub fn sync_status(state: State<'_, Shared>) -> Reply<SyncStatus> {
    with(&state, |app| app.sync_status())
}

#[tauri::command(async)]
pub fn connect(state: State<'_, Shared>, form: ConnectForm) -> Reply<SyncStatus> {
    with(&state, |app| app.connect(&form))
}

#[tauri::command(async)]
pub fn sign_out(state: State<'_, Shared>) -> Reply<SyncStatus> {
    with(&state, App::sign_out)
}

#[tauri::command(async)]
pub fn sync_now(state: State<'_, Shared>) -> Reply<SyncStatus> {
    with(&state, App::sync_now)
}

#[tauri::command(async)]
pub fn outbox(state: State<'_, Shared>) -> Reply<Vec<OutboxItem>> {
    with(&state, |app| app.outbox())
}

#[tauri::command(async)]
pub fn retry_change(state: State<'_, Shared>, change_id: String) -> Reply<Vec<OutboxItem>> {
    with(&state, |app| app.retry_change(&change_id))
}

#[tauri::command(async)]
pub fn discard_change(state: State<'_, Shared>, change_id: String) -> Reply<Vec<OutboxItem>> {
    with(&state, |app| app.discard_change(&change_id))
}

#[tauri::command(async)]
pub fn conflicts(state: State<'_, Shared>) -> Reply<Vec<ConflictItem>> {
    with(&state, |app| app.conflicts())
}

#[tauri::command(async)]
pub fn undo_conflict(state: State<'_, Shared>, id: i64) -> Reply<Vec<ConflictItem>> {
    with(&state, |app| app.undo_conflict(id))
}

#[tauri::command(async)]
pub fn scope_choices(state: State<'_, Shared>) -> Reply<Vec<ScopeChoice>> {
    with(&state, |app| app.scope_choices())
}

#[tauri::command(async)]
pub fn set_scopes(state: State<'_, Shared>, scopes: Vec<String>) -> Reply<SyncStatus> {
    with(&state, |app| app.set_scopes(scopes))
}

#[cfg(test)]
mod tests {
    use super::COMMAND_NAMES;

    #[test]
    fn the_shell_offers_exactly_the_facades_commands() {
        let facade: Vec<&str> = eventos_app::ipc::commands().iter().map(|c| c.name).collect();
        assert_eq!(COMMAND_NAMES, facade.as_slice());
    }

    #[test]
    fn the_handler_registers_every_command_and_nothing_else() {
        let main = include_str!("main.rs");
        let block = main.split("generate_handler![").nth(1).and_then(|b| b.split(']').next()).unwrap_or_default();
        let registered: Vec<&str> = block
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| s.trim_start_matches("commands::"))
            .collect();
        assert_eq!(registered, COMMAND_NAMES);
    }

    #[test]
    fn the_window_may_call_our_commands_and_nothing_else() {
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../../capabilities/default.json")).expect("valid JSON");
        let granted: Vec<&str> =
            capability["permissions"].as_array().into_iter().flatten().filter_map(|p| p.as_str()).collect();
        let ours: Vec<String> = COMMAND_NAMES.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
        assert_eq!(granted, ours);
        assert_eq!(capability["windows"], serde_json::json!(["main"]));
    }

    #[test]
    fn only_the_ipc_folder_of_the_ui_talks_to_tauri() {
        fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    if !path.ends_with("lib/ipc") {
                        walk(&path, found);
                    }
                } else if std::fs::read_to_string(&path).is_ok_and(|text| text.contains("@tauri-apps")) {
                    found.push(path.display().to_string());
                }
            }
        }
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src");
        assert!(src.join("lib/ipc/bindings.ts").exists(), "the UI is at {}", src.display());
        let mut found = Vec::new();
        walk(&src, &mut found);
        assert!(found.is_empty(), "@tauri-apps imported outside ui/src/lib/ipc: {found:?}");
    }
}
