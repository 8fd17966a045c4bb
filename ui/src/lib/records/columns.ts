// The columns a person chose for a table's list, remembered on this computer (per table).
import type { TableInfo } from "../ipc";

const KEY = "eventos.columns.";

/** The table's default columns: its list, else its first fields. */
export function defaultColumns(table: TableInfo): string[] {
  if (table.list.length > 0) return [...table.list];
  return table.fields.filter((f) => f.kind !== "id").slice(0, 6).map((f) => f.name);
}

/** The remembered choice, less fields the table no longer has; the default when there is none. */
export function loadColumns(table: TableInfo): string[] {
  try {
    const raw = window.localStorage.getItem(KEY + table.name);
    const saved: unknown = raw ? JSON.parse(raw) : null;
    if (Array.isArray(saved)) {
      const known = saved.filter((n): n is string => typeof n === "string" && table.fields.some((f) => f.name === n));
      if (known.length > 0) return known;
    }
  } catch {
    // Storage unavailable or spoiled: the default will do.
  }
  return defaultColumns(table);
}

/** Remembers a choice; the default is remembered as no choice at all. */
export function saveColumns(table: TableInfo, columns: string[]): void {
  try {
    const isDefault = columns.join(",") === defaultColumns(table).join(",");
    if (isDefault) window.localStorage.removeItem(KEY + table.name);
    else window.localStorage.setItem(KEY + table.name, JSON.stringify(columns));
  } catch {
    // Storage unavailable: the choice lasts while the screen is open.
  }
}
