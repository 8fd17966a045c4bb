// The UI's single door to the desktop app. Screens import from here, never from
// "@tauri-apps/*" or from bindings.ts directly.
export { commands, isAppError } from "./bindings";
export type {
  AppError,
  CompanySummary,
  DailySales,
  Dashboard,
  ErrorCode,
  EventDetail,
  EventQuery,
  EventSort,
  EventSummary,
  SessionItem,
  Status,
  TicketStats,
  WorkspaceState,
} from "./bindings";
export { workspace } from "./workspace.svelte";
export { Resource, toAppError, localUtcOffsetMinutes } from "./resource.svelte";
