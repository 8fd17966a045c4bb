// The record list's filters: which comparisons a field's kind takes, how a filter reads as a
// chip, and the filters the query sends for it (a timestamp "is" a local day is two bounds).
import type { FieldInfo, FieldKind, Filter, FilterOp } from "../ipc";
import { formatCents, formatDay, humanize, parseLocalDay } from "../format";
import { shortId } from "../syncFormat";
import { localDayBounds, textToCents } from "./drafts";

/** A filter as the person set it: the value as typed (a day, an amount in dollars, an id). */
export type Chip = { field: string; op: FilterOp; value: string };

export const OP_LABELS: Record<FilterOp, string> = {
  contains: "contains",
  is: "is",
  is_not: "is not",
  at_least: "at least",
  at_most: "at most",
  empty: "is empty",
  not_empty: "is not empty",
};

const BY_KIND: Record<FieldKind, FilterOp[]> = {
  text: ["contains", "is", "is_not"],
  integer: ["at_least", "at_most", "is"],
  decimal: ["at_least", "at_most", "is"],
  money: ["at_least", "at_most", "is"],
  date: ["at_least", "at_most", "is"],
  timestamp: ["at_least", "at_most", "is"],
  choice: ["is", "is_not"],
  reference: ["is", "is_not"],
  boolean: ["is", "is_not"],
  id: ["is", "is_not"],
  list: ["contains"],
  json: [],
};

/** The comparisons a field takes, then empty / not empty, which every field takes. */
export function opsFor(field: FieldInfo): FilterOp[] {
  return [...BY_KIND[field.kind], "empty", "not_empty"];
}

export function needsValue(op: FilterOp): boolean {
  return op !== "empty" && op !== "not_empty";
}

/** The chip's value in words: "$500.00", "Published", "Sun, Nov 22", "862c7e60…". */
export function chipValue(field: FieldInfo | undefined, chip: Chip): string {
  if (!needsValue(chip.op)) return "";
  switch (field?.kind) {
    case "money": {
      const cents = textToCents(chip.value);
      return cents.ok ? formatCents(cents.value as number) : chip.value;
    }
    case "date":
    case "timestamp":
      return /^\d{4}-\d{2}-\d{2}$/.test(chip.value) ? formatDay(parseLocalDay(chip.value)) : chip.value;
    case "choice":
      return humanize(chip.value);
    case "boolean":
      return chip.value === "true" ? "Yes" : "No";
    case "reference":
    case "id":
      return shortId(chip.value);
    default:
      return `“${chip.value}”`;
  }
}

/** Why a chip's value can't be used, or null when it can. */
export function chipProblem(field: FieldInfo, chip: Chip): string | null {
  if (!needsValue(chip.op)) return null;
  const v = chip.value.trim();
  if (v === "") return "Enter a value";
  switch (field.kind) {
    case "integer":
      return /^-?\d+$/.test(v) ? null : "Enter a whole number";
    case "decimal":
      return /^-?\d+(\.\d+)?$/.test(v) ? null : "Enter a number like 1234.50";
    case "money":
      return textToCents(v).ok ? null : "Enter an amount like 500 or 19.99";
    case "date":
    case "timestamp":
      return /^\d{4}-\d{2}-\d{2}$/.test(v) ? null : "Pick a day";
    default:
      return null;
  }
}

/** What the query sends for a chip. Days of a timestamp are the local zone's days. */
export function toFilters(field: FieldInfo | undefined, chip: Chip): Filter[] {
  const base = { field: chip.field, op: chip.op };
  if (!needsValue(chip.op)) return [{ ...base, value: null }];
  const v = chip.value.trim();
  switch (field?.kind) {
    case "integer":
      return [{ ...base, value: Number(v) }];
    case "money": {
      const cents = textToCents(v);
      return [{ ...base, value: cents.ok ? cents.value : v }];
    }
    case "boolean":
      return [{ ...base, value: v === "true" }];
    case "timestamp": {
      const bounds = localDayBounds(v);
      if (!bounds) return [{ ...base, value: v }];
      const [start, end] = bounds;
      if (chip.op === "at_least") return [{ ...base, value: start }];
      if (chip.op === "at_most") return [{ ...base, value: end }];
      // "is" a day: from its first to its last instant.
      return [
        { field: chip.field, op: "at_least", value: start },
        { field: chip.field, op: "at_most", value: end },
      ];
    }
    default:
      return [{ ...base, value: v }];
  }
}
