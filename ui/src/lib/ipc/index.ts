// The UI's single door to the desktop app. Screens import from here, never from
// "@tauri-apps/*" or from bindings.ts directly.
export { commands, isAppError } from "./bindings";
export type {
  AppError,
  CameraChoice,
  CameraResolution,
  CompanySummary,
  ConflictItem,
  ConnectForm,
  DailySales,
  Dashboard,
  DoorCounts,
  DoorHit,
  DoorMode,
  DoorScan,
  DoorSetup,
  DuplicateEntry,
  ErrorCode,
  EventDetail,
  EventEdit,
  EventQuery,
  EventSort,
  EventSummary,
  OutboxItem,
  PastScan,
  ScanMethod,
  ScannedVerdict,
  ScannerPoll,
  ScopeChoice,
  SessionItem,
  Status,
  SyncProgress,
  SyncState,
  SyncStatus,
  TicketStats,
  Verdict,
  VerdictKind,
  WorkspaceState,
} from "./bindings";
export { workspace } from "./workspace.svelte";
export { sync } from "./sync.svelte";
export { Resource, toAppError, localUtcOffsetMinutes } from "./resource.svelte";
