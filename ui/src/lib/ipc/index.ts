// The UI's single door to the desktop app. Screens import from here, never from
// "@tauri-apps/*" or from bindings.ts directly.
export { commands, isAppError } from "./bindings";
export type {
  Allowed,
  AppError,
  Area,
  BoxOffice,
  CameraChoice,
  CameraResolution,
  Children,
  CompanySummary,
  ConflictItem,
  ConnectForm,
  DailySales,
  Dashboard,
  DeletePlan,
  ExportProgress,
  Exported,
  DoorCounts,
  DoorHit,
  DoorMode,
  DoorScan,
  DoorSetup,
  DuplicateEntry,
  ErrorCode,
  EventDetail,
  EventDraft,
  EventEdit,
  EventQuery,
  EventSort,
  EventSummary,
  FieldInfo,
  FieldKind,
  Filter,
  FilterOp,
  Holder,
  OutboxItem,
  Payment,
  QrPath,
  PastScan,
  RecordDetail,
  RecordPage,
  RecordQuery,
  Row,
  Sale,
  SaleRequest,
  ScanMethod,
  ScannedVerdict,
  ScannerPoll,
  DoorExchange,
  OtherDoor,
  PairingShown,
  ScopeChoice,
  SessionItem,
  StatusPlan,
  Sort,
  Status,
  SyncProgress,
  SyncState,
  SyncStatus,
  TableCount,
  TableInfo,
  TicketStats,
  TicketCode,
  VenueChoice,
  Verdict,
  VerdictKind,
  Voided,
  VoidKind,
  WorkspaceState,
} from "./bindings";
// An event's programme and its analytics (the event's Programme and Analytics pages).
export type {
  Comment,
  Count,
  DaySales,
  EventAnalytics,
  MaterialLine,
  Programme,
  ProgrammeDay,
  ProgrammeSession,
  QuarterHour,
  Ratings,
  Room,
  SessionAttendance,
  SessionRatings,
  SpeakerLine,
  SponsorLine,
  SponsorTier,
  Warning,
  WarningKind,
} from "./bindings";
// An event's waitlist and budget, and the workflow steps of a record (the Waitlist and Budget pages, the record page).
export type { Budget, CategoryTotals, ExpenseLine, StatusTotals, Step, Waitlist, WaitlistEntry } from "./bindings";
// The CRM's My day and quick log (the My day screen, the nav's due count, a CRM record's log bar).
export type { DayItem, MyDay, QuickLog } from "./bindings";
// The CRM's pipeline board (the Board screen).
export type { Board, BoardColumn, BoardOwner, BoardQuery, Card, Closing, MonthForecast } from "./bindings";
// The CRM's CSV import (the Import screen).
export type {
  Duplicate,
  Encoding,
  FieldChange,
  ImportField,
  ImportKind,
  ImportPreview,
  ImportRequest,
  ImportSummary,
  ImportUndone,
  OnDuplicate,
  Rejected,
} from "./bindings";
// One search over companies, contacts, deals, events and attendees (the Ctrl/Cmd+K palette).
export type { SearchHit } from "./bindings";
// An email template filled for one contact (a template's record page).
export type { RenderedEmail } from "./bindings";
// Documents on a company or a deal, and the files waiting to go up (a record page, the Sync screen).
export type { AttachDocument, DocumentItem, FileState, UploadItem } from "./bindings";

export type { BadgeLayoutInfo, BadgesOf, PaperSize, SavedPdf, TicketsOf } from "./bindings";
export { workspace } from "./workspace.svelte";
export { sync } from "./sync.svelte";
export { Resource, toAppError, localUtcOffsetMinutes } from "./resource.svelte";
