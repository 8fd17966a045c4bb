// Sync's bookkeeping in words: states, scopes, stored values, changes.

import { humanize } from "./format";
import type { SyncState } from "./ipc";

/** A state's colour, for the nav badge and the Sync screen's status mark. */
export const syncTone: Record<SyncState, "neutral" | "warning" | "accent" | "success" | "danger"> = {
  not_connected: "neutral",
  signed_out: "warning",
  offline: "neutral",
  syncing: "accent",
  synced: "success",
  error: "danger",
};

/** A scope (`account:<uuid>`, `event:<uuid>`) as a kind in words and its id. */
export function scopeParts(scope: string): { kind: string; id: string } {
  const i = scope.indexOf(":");
  const kind = i < 0 ? scope : scope.slice(0, i);
  const id = i < 0 ? "" : scope.slice(i + 1);
  switch (kind) {
    case "account":
      // Not "whole": what a sales rep keeps of it is their own accounts (the scope's detail says).
      return { kind: "Account", id };
    case "event":
      return { kind: "One event", id };
    default:
      return { kind: humanize(kind), id };
  }
}

/** A uuid's first block, enough to tell rows apart on screen ("3f2a9c1e…"). */
export function shortId(id: string): string {
  return id.length > 9 ? `${id.slice(0, 8)}…` : id;
}

/**
 * A field's value as the conflict log keeps it (JSON text), readable: a string without its
 * quotes, `null` as "empty", anything else as compact JSON.
 */
export function readableValue(json: string | null): string {
  if (json === null) return "empty";
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  if (value === null) return "empty";
  if (typeof value === "string") return value === "" ? "empty" : value;
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  return JSON.stringify(value);
}

/** A table name as a thing: "events" → "Event", "event_checkins" → "Event checkin". */
export function tableThing(table: string): string {
  const singular = table.endsWith("ies")
    ? `${table.slice(0, -3)}y`
    : table.endsWith("s") && !table.endsWith("ss")
      ? table.slice(0, -1)
      : table;
  return humanize(singular);
}
