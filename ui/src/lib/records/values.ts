// A record's values in words, by field kind: the same text in a list cell, on a record page
// and in a child row.
import type { FieldInfo, Row, TableInfo } from "../ipc";
import { formatCents, formatCount, formatDay, formatTime, humanize, parseLocalDay } from "../format";
import { shortId } from "../syncFormat";
import { names } from "./names.svelte";

/** Whether a value counts as not there (shown as a dash). */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

/** "Sun, Nov 22, 8:00 a.m." on `zone`'s clock, this computer's when none (the year when it isn't this one). */
export function formatInstant(value: string, zone?: string): string {
  return `${formatDay(value, zone)}, ${formatTime(value, zone)}`;
}

/** A value as text for its field's kind; "" when blank. Instants on `zone`'s clock. */
export function shown(field: FieldInfo, value: unknown, zone?: string): string {
  if (isBlank(value)) return "";
  switch (field.kind) {
    case "money":
      return typeof value === "number" ? formatCents(value) : String(value);
    case "integer":
      return typeof value === "number" ? formatCount(value) : String(value);
    case "boolean":
      return value === true ? "Yes" : value === false ? "No" : String(value);
    case "timestamp":
      return typeof value === "string" ? formatInstant(value, zone) : String(value);
    case "date":
      return typeof value === "string" ? formatDay(parseLocalDay(value)) : String(value);
    case "choice":
      return typeof value === "string" ? humanize(value) : String(value);
    case "list":
      return Array.isArray(value)
        ? value.map((v) => (field.choices.length > 0 && typeof v === "string" ? humanize(v) : String(v))).join(", ")
        : String(value);
    case "json":
      return JSON.stringify(value);
    case "reference":
    case "id":
      return typeof value === "string" ? shortId(value) : String(value);
    default:
      // Text, and decimals exactly as the replica keeps them.
      return typeof value === "string" ? value : String(value);
  }
}

/** Kinds whose values line up on the right, as figures do. */
export function numeric(field: FieldInfo): boolean {
  return field.kind === "integer" || field.kind === "money" || field.kind === "decimal";
}

/** A row named by a reference (a model booking by its model) takes the referenced row's name. */
function referenceName(field: FieldInfo, id: string): string {
  return (field.references ? names.get(field.references, id) : undefined) ?? shortId(id);
}

/** What names a row: its first naming field with a value, else its id shortened. */
export function rowName(table: TableInfo | undefined, row: Row): string {
  for (const name of table?.naming ?? []) {
    const field = table?.fields.find((f) => f.name === name);
    const value = row[name];
    if (field && !isBlank(value)) return field.kind === "reference" ? referenceName(field, String(value)) : shown(field, value);
  }
  return typeof row.id === "string" ? shortId(row.id) : "—";
}

/** "Venues" → "venues"; an acronym ("CRM notes") keeps its capitals. */
export function lowerFirst(text: string): string {
  if (text.length > 1 && text[1] === text[1]?.toUpperCase() && /[A-Z]/.test(text[1] ?? "")) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The table's word for `n` of its rows: "venue", "orders". */
export function wordFor(table: TableInfo | undefined, n: number): string {
  if (!table) return n === 1 ? "row" : "rows";
  return n === 1 ? table.singular : lowerFirst(table.label);
}

/** "1 venue", "62 orders": a count with the table's word for it. */
export function countOf(table: TableInfo | undefined, n: number): string {
  return `${formatCount(n)} ${wordFor(table, n)}`;
}
