// The UI's single door to the desktop app. Screens import from here, never from
// "@tauri-apps/*" or from bindings.ts directly.
export { commands, isAppError } from "./bindings";
export type {
  AppError,
  CompanySummary,
  ConflictItem,
  ConnectForm,
  DailySales,
  Dashboard,
  ErrorCode,
  EventDetail,
  EventEdit,
  EventQuery,
  EventSort,
  EventSummary,
  OutboxItem,
  ScopeChoice,
  SessionItem,
  Status,
  SyncProgress,
  SyncState,
  SyncStatus,
  TicketStats,
  WorkspaceState,
} from "./bindings";
export { workspace } from "./workspace.svelte";
export { sync } from "./sync.svelte";
export { Resource, toAppError, localUtcOffsetMinutes } from "./resource.svelte";
