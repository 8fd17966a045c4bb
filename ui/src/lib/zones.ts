// Wall-clock times in a named time zone. An event's times are typed and read on its venue's
// clock ("2026-12-07T08:00" in America/Toronto), which need not be this computer's.
import { dateTimeFormat, parseInstant } from "./format";

/** This computer's IANA zone ("America/Toronto"): the facade's too, for an event with no venue. */
export function computerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Every zone name this WebView knows, for a datalist; empty where it can't list them. */
export function knownZones(): string[] {
  return typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An instant as the wall clock of `zone` shows it, as a `datetime-local` value. */
export function wallClock(instant: string, zone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(parseInstant(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}`;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

/** A wall-clock value as a date whose UTC fields are that wall clock (for calendar sums and words). */
function civil(local: string): Date | null {
  const m = LOCAL.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  return new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0));
}

/** A wall-clock value `days` calendar days later, at the same time of day. */
export function addDays(local: string, days: number): string {
  const d = civil(local);
  if (!d) return local;
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

// A wall-clock value is kept as that time in UTC, so it is written out in UTC.
const wallFmt = dateTimeFormat("UTC");

/** A wall-clock value in words, "Mon, Dec 7, 2026, 8:00 a.m.", whatever this computer's zone. */
export function formatWallClock(local: string): string {
  const d = civil(local);
  return d ? wallFmt.format(d) : local;
}

/** Minutes `zone`'s clock is ahead of UTC at the instant `at`. */
function offsetMinutes(at: Date, zone: string): number {
  const wall = civil(wallClock(at.toISOString(), zone));
  const minute = Math.floor(at.getTime() / 60000) * 60000;
  return wall ? (wall.getTime() - minute) / 60000 : 0;
}

/** A wall-clock value on `zone`'s clock as an RFC 3339 UTC instant (a time the clocks skip is
 * read with the offset from before the change; one that happens twice is the first). Null when
 * it is not a time. */
export function zonedInstant(local: string, zone: string): string | null {
  const wall = civil(local);
  if (!wall) return null;
  const first = new Date(wall.getTime() - offsetMinutes(wall, zone) * 60000);
  const settled = new Date(wall.getTime() - offsetMinutes(first, zone) * 60000);
  return settled.toISOString();
}
