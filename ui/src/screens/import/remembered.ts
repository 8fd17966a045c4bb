// The last mapping chosen for a kind of import and a set of headers, kept in localStorage so the
// next file with the same columns (this month's export of the same list) can take it back.
import type { ImportKind } from "../../lib/ipc";

export type Remembered = { mapping: (string | null)[]; at: string };

const PREFIX = "eventos.import.mapping.";

function normalised(headers: string[]): string {
  return headers.map((h) => h.trim().toLowerCase()).join("\u001f");
}

/** FNV-1a, to keep the key short; the headers are kept in the value and compared. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

function keyOf(kind: ImportKind, headers: string[]): string {
  return `${PREFIX}${kind}.${hash(normalised(headers))}`;
}

export function recall(kind: ImportKind, headers: string[], fields: string[]): Remembered | null {
  try {
    const raw = localStorage.getItem(keyOf(kind, headers));
    if (!raw) return null;
    const kept = JSON.parse(raw) as { headers?: string; mapping?: unknown; at?: string };
    if (kept.headers !== normalised(headers) || !Array.isArray(kept.mapping)) return null;
    // A field that is gone (the app changed) is left out.
    const mapping = headers.map((_, i) => {
      const f = (kept.mapping as unknown[])[i];
      return typeof f === "string" && fields.includes(f) ? f : null;
    });
    return { mapping, at: String(kept.at ?? "") };
  } catch {
    return null;
  }
}

export function remember(kind: ImportKind, headers: string[], mapping: (string | null)[]): void {
  try {
    const value = { headers: normalised(headers), mapping, at: new Date().toISOString() };
    localStorage.setItem(keyOf(kind, headers), JSON.stringify(value));
  } catch {
    // Storage full or off: the suggestions still come from the headers.
  }
}

export function sameMapping(a: (string | null)[], b: (string | null)[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
}
