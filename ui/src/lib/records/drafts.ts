// A field's value as a form control holds it (a "draft": text, a tick, chips) and back, exactly:
// money is parsed from its digits into integer cents, decimals stay text, local times become
// RFC 3339 UTC instants. A draft that can't be a value gives the words to show under the field.
import type { FieldInfo } from "../ipc";
import { parseInstant } from "../format";
import { wallClock, zonedInstant } from "../zones";

export type Draft = string | boolean | null | string[];

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return UUID.test(text.trim());
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Integer cents as the digits a person types: 9672400 → "96724.00", -5 → "-0.05". */
export function centsToText(cents: number): string {
  const n = BigInt(cents);
  const abs = n < 0n ? -n : n;
  return `${n < 0n ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/** "1,234.5" or "$1234.50" → 123450 cents, from the digits (never through a float). */
export function textToCents(text: string): Parsed {
  const cleaned = text.replace(/[\s$,]/g, "");
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return { ok: false, error: "Enter an amount like 1234.50" };
  const [, sign, whole = "", frac = ""] = m;
  if (frac.length > 2) return { ok: false, error: "At most 2 digits after the point (cents)" };
  const cents = BigInt(whole || "0") * 100n + BigInt((frac + "00").slice(0, 2));
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, error: "That amount is too large" };
  const value = Number(cents);
  return { ok: true, value: sign && value !== 0 ? -value : value };
}

/** An instant as a `datetime-local` value in the local zone: "2026-11-22T08:00". */
export function instantToLocalInput(value: string): string {
  const d = parseInstant(value);
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (local zone) as an RFC 3339 UTC instant: "2026-11-22T13:00:00.000Z". */
export function localInputToInstant(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((p) => Number(p ?? 0));
  const date = new Date(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The first and last instant of a local day ("2026-11-22"), as RFC 3339 UTC. */
export function localDayBounds(day: string): [string, string] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!m) return null;
  const [y, mo, d] = m.slice(1).map(Number);
  const start = new Date(y ?? 0, (mo ?? 1) - 1, d ?? 1);
  const end = new Date(y ?? 0, (mo ?? 1) - 1, (d ?? 1) + 1);
  end.setMilliseconds(-1);
  return [start.toISOString(), end.toISOString()];
}

/** The draft a stored value starts as; instants on `zone`'s clock (this computer's when none). */
export function toDraft(field: FieldInfo, value: unknown, zone?: string): Draft {
  if (field.kind === "boolean") return typeof value === "boolean" ? value : null;
  if (field.kind === "list") return Array.isArray(value) ? value.map(String) : [];
  if (value === null || value === undefined) return "";
  switch (field.kind) {
    case "money":
      return typeof value === "number" ? centsToText(value) : String(value);
    case "timestamp":
      if (typeof value !== "string") return "";
      return zone ? wallClock(value, zone) : instantToLocalInput(value);
    case "json":
      return JSON.stringify(value, null, 2);
    default:
      return String(value);
  }
}

/** The value a draft stands for, or why it can't be one. An empty control is `null`. Times are
 * read on `zone`'s clock (this computer's when none). */
export function fromDraft(field: FieldInfo, draft: Draft, zone?: string): Parsed {
  if (field.kind === "boolean") return { ok: true, value: typeof draft === "boolean" ? draft : null };
  if (field.kind === "list") return { ok: true, value: Array.isArray(draft) ? draft : [] };
  const text = typeof draft === "string" ? draft : "";
  if (text.trim() === "") return { ok: true, value: null };
  const t = text.trim();
  switch (field.kind) {
    case "integer":
      if (!/^[-+]?\d+$/.test(t.replace(/[\s,]/g, ""))) return { ok: false, error: "Enter a whole number" };
      return { ok: true, value: Number(t.replace(/[\s,+]/g, "")) };
    case "money":
      return textToCents(t);
    case "decimal": {
      const m = /^-?\d+(?:\.(\d+))?$/.exec(t);
      if (!m) return { ok: false, error: "Enter a number like 1234.50" };
      if (field.scale !== null && (m[1]?.length ?? 0) > field.scale) {
        return { ok: false, error: `At most ${field.scale} digits after the point` };
      }
      return { ok: true, value: t };
    }
    case "timestamp": {
      const instant = zone ? zonedInstant(t, zone) : localInputToInstant(t);
      return instant ? { ok: true, value: instant } : { ok: false, error: "Enter a date and time" };
    }
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(t) ? { ok: true, value: t } : { ok: false, error: "Enter a date" };
    case "reference":
    case "id":
      return isUuid(t) ? { ok: true, value: t.toLowerCase() } : { ok: false, error: "Pick one from the list, or paste its id" };
    case "json":
      try {
        return { ok: true, value: JSON.parse(t) };
      } catch (e) {
        return { ok: false, error: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
      }
    default:
      return { ok: true, value: text };
  }
}

export function sameDraft(a: Draft, b: Draft): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => v === b[i]);
  }
  return a === b;
}
