//! The UI's view of the app: TypeScript types for every value that crosses the bridge, and one
//! typed wrapper per command. Generated from the Rust definitions into
//! `ui/src/lib/ipc/bindings.ts`; `tests/bindings.rs` fails when that file is stale
//! (`UPDATE_BINDINGS=1 cargo test -p eventos-app --test bindings` rewrites it).
//!
//! The desktop shell registers exactly these commands, each a one-liner over [`crate::App`].

use ts_rs::{Config, TS};

use crate::box_office::{BoxOffice, Holder, Payment, Sale, SaleRequest, VoidKind, Voided, Waitlist, WaitlistEntry};
use crate::crm::import::{
    Duplicate, Encoding, FieldChange, ImportField, ImportKind, ImportPreview, ImportRequest, ImportSummary,
    ImportUndone, OnDuplicate, Rejected,
};
use crate::crm::{
    AttachDocument, Board, BoardColumn, BoardOwner, BoardQuery, Card, Closing, CompanySummary, DayItem, DocumentItem,
    FileState, MergeField, MergePlan, MonthForecast, MovingRows, MyDay, QuickLog, Reminders, RenderedEmail, UploadItem,
};
use crate::dashboard::{DailySales, Dashboard};
use crate::door::{
    CameraChoice, CameraResolution, DoorCounts, DoorExchange, DoorHit, DoorMode, DoorScan, DoorSetup, DuplicateEntry,
    OtherDoor, PairingShown, PastScan, ScanMethod, ScannedVerdict, ScannerPoll, TicketCode, Verdict, VerdictKind,
};
use crate::events::{EventDetail, EventEdit, EventQuery, EventSort, EventSummary, SessionItem, TicketStats};
use crate::organize::{
    Budget, CategoryTotals, Comment, Count, DaySales, EventAnalytics, EventDraft, ExpenseLine, MaterialLine, Programme,
    ProgrammeDay, ProgrammeSession, QuarterHour, Ratings, Roi, Room, SessionAttendance, SessionRatings, SpeakerLine,
    SponsorLine, SponsorTier, StatusPlan, StatusTotals, Step, VenueChoice, Warning, WarningKind,
};
use crate::paper::{BadgeLayoutInfo, BadgesOf, PaperSize, PdfProgress, SavedPdf, TicketsOf};
use crate::records::{Allowed, FieldInfo, FieldKind, RecordDetail, Role, TableInfo};
use crate::search::SearchHit;
use crate::sync::{ConflictItem, ConnectForm, OutboxItem, ScopeChoice, SyncProgress, SyncState, SyncStatus};
use crate::{AppError, ErrorCode, ExportProgress, Exported, Status, WorkspaceState};
use eventos_model::presentation::Area;
use eventos_scan::QrPath;
use eventos_store::{Children, DeletePlan, Filter, FilterOp, RecordPage, RecordQuery, Sort, TableCount};

/// Where the generated file lives, from the repository root.
pub const BINDINGS_PATH: &str = "ui/src/lib/ipc/bindings.ts";

/// A command the shell offers: its name, its parameters as TypeScript, what it returns.
pub struct Command {
    pub name: &'static str,
    pub params: &'static str,
    pub returns: String,
}

/// Every command, in the order the UI file lists them.
pub fn commands() -> Vec<Command> {
    let cfg = config();
    let command = |name, params, returns| Command { name, params, returns };
    vec![
        command("status", "", Status::name(&cfg)),
        command("open_demo", "utcOffsetMinutes: number", Status::name(&cfg)),
        command("start_empty", "", Status::name(&cfg)),
        command("move_aside_and_start_fresh", "", Status::name(&cfg)),
        command("dashboard", "utcOffsetMinutes: number", Dashboard::name(&cfg)),
        command("events", "query: EventQuery", Vec::<EventSummary>::name(&cfg)),
        command("event", "id: string", EventDetail::name(&cfg)),
        command("companies", "", Vec::<CompanySummary>::name(&cfg)),
        command("update_event", "id: string, edit: EventEdit", EventDetail::name(&cfg)),
        command("sync_status", "", SyncStatus::name(&cfg)),
        command("connect", "form: ConnectForm", SyncStatus::name(&cfg)),
        command("sign_out", "", SyncStatus::name(&cfg)),
        command("sync_now", "", SyncStatus::name(&cfg)),
        command("outbox", "", Vec::<OutboxItem>::name(&cfg)),
        command("retry_change", "changeId: string", Vec::<OutboxItem>::name(&cfg)),
        command("discard_change", "changeId: string", Vec::<OutboxItem>::name(&cfg)),
        command("conflicts", "", Vec::<ConflictItem>::name(&cfg)),
        command("undo_conflict", "id: number", Vec::<ConflictItem>::name(&cfg)),
        command("scope_choices", "", Vec::<ScopeChoice>::name(&cfg)),
        command("set_scopes", "scopes: string[]", SyncStatus::name(&cfg)),
        command("check_in", "scan: DoorScan", Verdict::name(&cfg)),
        command("door_counts", "eventId: string", DoorCounts::name(&cfg)),
        command("door_search", "eventId: string, query: string", Vec::<DoorHit>::name(&cfg)),
        command("duplicate_entries", "eventId: string", Vec::<DuplicateEntry>::name(&cfg)),
        command("cameras", "", Vec::<CameraChoice>::name(&cfg)),
        command("start_scanner", "door: DoorSetup, cameraId: string, resolution: CameraResolution", "null".to_owned()),
        command("stop_scanner", "", "null".to_owned()),
        command("scanner_poll", "after: number", ScannerPoll::name(&cfg)),
        // The door exchange with the event's other doors on the local network.
        command("open_exchange", "door: DoorSetup", DoorExchange::name(&cfg)),
        command("door_exchange", "", DoorExchange::name(&cfg)),
        command("exchange_pairing_code", "", PairingShown::name(&cfg)),
        command("exchange_pair", "code: string", DoorExchange::name(&cfg)),
        command("close_exchange", "", "null".to_owned()),
        // The record layer: one set of commands for every table.
        command("record_tables", "", Vec::<TableInfo>::name(&cfg)),
        command("list_records", "table: string, query: RecordQuery", RecordPage::name(&cfg)),
        command("record", "table: string, id: string", RecordDetail::name(&cfg)),
        command("record_titles", "table: string, ids: string[]", "Record<string, string>".to_owned()),
        command("create_record", "table: string, values: Row", ROW.to_owned()),
        command("update_record", "table: string, id: string, patch: Row", ROW.to_owned()),
        command("delete_plan", "table: string, id: string", DeletePlan::name(&cfg)),
        command("delete_record", "table: string, id: string", "null".to_owned()),
        command("export_records", "table: string, query: RecordQuery, columns: string[]", Exported::name(&cfg)),
        command("export_progress", "", "ExportProgress | null".to_owned()),
        // An event's life.
        command("create_event", "draft: EventDraft", EventDetail::name(&cfg)),
        command("status_plan", "eventId: string, to: string", StatusPlan::name(&cfg)),
        command("set_event_status", "eventId: string, to: string", EventDetail::name(&cfg)),
        command("duplicate_event", "eventId: string, starts: string", EventDetail::name(&cfg)),
        // The box office.
        command("box_office", "event: string", BoxOffice::name(&cfg)),
        command("sell", "request: SaleRequest", Sale::name(&cfg)),
        command("void_order", "orderNumber: string, kind: VoidKind, reason: string | null", Voided::name(&cfg)),
        command("void_ticket", "ticketNumber: string, kind: VoidKind, reason: string | null", Voided::name(&cfg)),
        command("change_holder", "ticketNumber: string, holder: Holder", TicketCode::name(&cfg)),
        command("ticket_qr", "payload: string", QrPath::name(&cfg)),
        command("waitlist", "event: string", Waitlist::name(&cfg)),
        command("join_waitlist", "event: string, person: Holder, reason: string | null", Waitlist::name(&cfg)),
        command("convert_waitlist_entry", "entryId: string, payment: Payment", Sale::name(&cfg)),
        command("cancel_waitlist_entry", "entryId: string", Waitlist::name(&cfg)),
        // Running an event: the programme, the budget, the figures, workflow steps of rows.
        command("programme", "event: string", Programme::name(&cfg)),
        command("budget", "event: string", Budget::name(&cfg)),
        command("event_analytics", "event: string", EventAnalytics::name(&cfg)),
        command("record_steps", "table: string, id: string", Vec::<Step>::name(&cfg)),
        command("step_record", "table: string, id: string, to: string", ROW.to_owned()),
        // The CRM's workflows.
        command("pipeline_board", "query: BoardQuery", Board::name(&cfg)),
        command("move_opportunity", "id: string, stageId: string", ROW.to_owned()),
        command("close_opportunity", "id: string, closing: Closing", ROW.to_owned()),
        command("log_activity", "log: QuickLog", ROW.to_owned()),
        command("my_day", "utcOffsetMinutes: number", MyDay::name(&cfg)),
        command("due_reminders", "", Reminders::name(&cfg)),
        command("complete_task", "id: string", ROW.to_owned()),
        command("snooze_task", "id: string, until: string", ROW.to_owned()),
        command("make_primary_contact", "contactId: string", ROW.to_owned()),
        command("merge_plan", "table: string, keepId: string, dropId: string", MergePlan::name(&cfg)),
        command("merge_records", "table: string, keepId: string, dropId: string", ROW.to_owned()),
        command("import_preview", "request: ImportRequest", ImportPreview::name(&cfg)),
        command("import_csv", "request: ImportRequest", ImportSummary::name(&cfg)),
        command("undo_import", "importId: string", ImportUndone::name(&cfg)),
        command("search_everything", "query: string", Vec::<SearchHit>::name(&cfg)),
        command("open_link", "url: string", "null".to_owned()),
        command(
            "render_template",
            "templateId: string, contactId: string, eventId: string | null",
            RenderedEmail::name(&cfg),
        ),
        command("documents", "onTable: string, onId: string", Vec::<DocumentItem>::name(&cfg)),
        command("attach_document", "attach: AttachDocument", DocumentItem::name(&cfg)),
        command("open_document", "id: string", "string".to_owned()),
        command("upload_queue", "", Vec::<UploadItem>::name(&cfg)),
        command("retry_upload", "storagePath: string", Vec::<UploadItem>::name(&cfg)),
        // Paper.
        command("default_paper", "", PaperSize::name(&cfg)),
        command("save_tickets_pdf", "of: TicketsOf, paper: PaperSize", format!("{} | null", SavedPdf::name(&cfg))),
        command("open_tickets_pdf", "of: TicketsOf, paper: PaperSize", SavedPdf::name(&cfg)),
        command("save_door_list_pdf", "event: string, paper: PaperSize", format!("{} | null", SavedPdf::name(&cfg))),
        command("open_door_list_pdf", "event: string, paper: PaperSize", SavedPdf::name(&cfg)),
        command("save_event_report", "event: string, paper: PaperSize", format!("{} | null", SavedPdf::name(&cfg))),
        command("open_event_report", "event: string, paper: PaperSize", SavedPdf::name(&cfg)),
        command("save_pipeline_report", "paper: PaperSize", format!("{} | null", SavedPdf::name(&cfg))),
        command("open_pipeline_report", "paper: PaperSize", SavedPdf::name(&cfg)),
        command("pdf_progress", "", PdfProgress::name(&cfg)),
        command("badge_layouts", "", format!("{}[]", BadgeLayoutInfo::name(&cfg))),
        command("save_badges_pdf", "of: BadgesOf", format!("{} | null", SavedPdf::name(&cfg))),
        command("open_badges_pdf", "of: BadgesOf", SavedPdf::name(&cfg)),
    ]
}

/// A row as JSON, column name → value (declared once in the file as `Row`).
const ROW: &str = "Row";

fn config() -> Config {
    // Our integers are counts and cents: far below 2^53, so plain numbers in JSON and TS.
    Config::new().with_large_int("number")
}

/// The whole of `bindings.ts`.
pub fn typescript() -> String {
    let cfg = config();
    let types = [
        ErrorCode::decl(&cfg),
        AppError::decl(&cfg),
        WorkspaceState::decl(&cfg),
        Status::decl(&cfg),
        EventSummary::decl(&cfg),
        EventSort::decl(&cfg),
        EventQuery::decl(&cfg),
        TicketStats::decl(&cfg),
        SessionItem::decl(&cfg),
        EventDetail::decl(&cfg),
        DailySales::decl(&cfg),
        Dashboard::decl(&cfg),
        CompanySummary::decl(&cfg),
        EventEdit::decl(&cfg),
        SyncState::decl(&cfg),
        SyncProgress::decl(&cfg),
        SyncStatus::decl(&cfg),
        ConnectForm::decl(&cfg),
        OutboxItem::decl(&cfg),
        ConflictItem::decl(&cfg),
        ScopeChoice::decl(&cfg),
        DoorMode::decl(&cfg),
        ScanMethod::decl(&cfg),
        DoorSetup::decl(&cfg),
        DoorScan::decl(&cfg),
        VerdictKind::decl(&cfg),
        PastScan::decl(&cfg),
        Verdict::decl(&cfg),
        DoorCounts::decl(&cfg),
        DoorHit::decl(&cfg),
        DuplicateEntry::decl(&cfg),
        CameraChoice::decl(&cfg),
        CameraResolution::decl(&cfg),
        ScannedVerdict::decl(&cfg),
        ScannerPoll::decl(&cfg),
        OtherDoor::decl(&cfg),
        DoorExchange::decl(&cfg),
        PairingShown::decl(&cfg),
        Role::decl(&cfg),
        Allowed::decl(&cfg),
        FieldKind::decl(&cfg),
        FieldInfo::decl(&cfg),
        Area::decl(&cfg),
        TableInfo::decl(&cfg),
        FilterOp::decl(&cfg),
        Filter::decl(&cfg),
        Sort::decl(&cfg),
        RecordQuery::decl(&cfg),
        RecordPage::decl(&cfg),
        Children::decl(&cfg),
        RecordDetail::decl(&cfg),
        TableCount::decl(&cfg),
        DeletePlan::decl(&cfg),
        Exported::decl(&cfg),
        ExportProgress::decl(&cfg),
        VenueChoice::decl(&cfg),
        EventDraft::decl(&cfg),
        StatusPlan::decl(&cfg),
        Payment::decl(&cfg),
        Holder::decl(&cfg),
        SaleRequest::decl(&cfg),
        QrPath::decl(&cfg),
        TicketCode::decl(&cfg),
        BoxOffice::decl(&cfg),
        Sale::decl(&cfg),
        VoidKind::decl(&cfg),
        Voided::decl(&cfg),
        WaitlistEntry::decl(&cfg),
        Waitlist::decl(&cfg),
        Room::decl(&cfg),
        WarningKind::decl(&cfg),
        ProgrammeSession::decl(&cfg),
        ProgrammeDay::decl(&cfg),
        SpeakerLine::decl(&cfg),
        SponsorLine::decl(&cfg),
        SponsorTier::decl(&cfg),
        MaterialLine::decl(&cfg),
        Warning::decl(&cfg),
        Programme::decl(&cfg),
        StatusTotals::decl(&cfg),
        CategoryTotals::decl(&cfg),
        ExpenseLine::decl(&cfg),
        Roi::decl(&cfg),
        Budget::decl(&cfg),
        DaySales::decl(&cfg),
        QuarterHour::decl(&cfg),
        SessionAttendance::decl(&cfg),
        Ratings::decl(&cfg),
        SessionRatings::decl(&cfg),
        Comment::decl(&cfg),
        Count::decl(&cfg),
        EventAnalytics::decl(&cfg),
        Step::decl(&cfg),
        Card::decl(&cfg),
        BoardColumn::decl(&cfg),
        MonthForecast::decl(&cfg),
        BoardOwner::decl(&cfg),
        TicketsOf::decl(&cfg),
        PaperSize::decl(&cfg),
        SavedPdf::decl(&cfg),
        PdfProgress::decl(&cfg),
        BadgesOf::decl(&cfg),
        BadgeLayoutInfo::decl(&cfg),
        Board::decl(&cfg),
        BoardQuery::decl(&cfg),
        Closing::decl(&cfg),
        QuickLog::decl(&cfg),
        DayItem::decl(&cfg),
        MyDay::decl(&cfg),
        Reminders::decl(&cfg),
        MergeField::decl(&cfg),
        MovingRows::decl(&cfg),
        MergePlan::decl(&cfg),
        ImportKind::decl(&cfg),
        Encoding::decl(&cfg),
        ImportField::decl(&cfg),
        OnDuplicate::decl(&cfg),
        ImportRequest::decl(&cfg),
        Rejected::decl(&cfg),
        FieldChange::decl(&cfg),
        Duplicate::decl(&cfg),
        ImportPreview::decl(&cfg),
        ImportSummary::decl(&cfg),
        ImportUndone::decl(&cfg),
        SearchHit::decl(&cfg),
        RenderedEmail::decl(&cfg),
        AttachDocument::decl(&cfg),
        FileState::decl(&cfg),
        DocumentItem::decl(&cfg),
        UploadItem::decl(&cfg),
    ];
    let mut out = String::from(HEADER);
    out.push_str("/** A row of any table: column name → value, typed by the schema registry. */\nexport type Row = Record<string, unknown>;\n\n");
    for decl in types {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.push_str(CALL);
    out.push_str("export const commands = {\n");
    for c in commands() {
        let args: Vec<&str> =
            c.params.split(", ").filter_map(|p| p.split(':').next()).filter(|a| !a.is_empty()).collect();
        let args = if args.is_empty() { String::new() } else { format!(", {{ {} }}", args.join(", ")) };
        out.push_str(&format!(
            "  {}: ({}): Promise<{}> => call(\"{}\"{args}),\n",
            camel(c.name),
            c.params,
            c.returns,
            c.name
        ));
    }
    out.push_str("};\n");
    out
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for ch in snake.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.push(ch.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

const HEADER: &str = "\
// Generated from crates/app (src/ipc.rs) by its tests; do not edit by hand.
// Rewrite with: UPDATE_BINDINGS=1 cargo test -p eventos-app --test bindings
// This folder is the only part of the UI that talks to Tauri.

import { invoke } from \"@tauri-apps/api/core\";

";

const CALL: &str = "\
/** Whether a thrown value is the app's typed error. */
export function isAppError(e: unknown): e is AppError {
  return typeof e === \"object\" && e !== null && \"code\" in e && \"message\" in e;
}

/** Calls a command; a failure is thrown as an `AppError` (never a bare string). */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw isAppError(e) ? e : ({ code: \"internal\", message: String(e) } satisfies AppError);
  }
}

";
