// Wall-clock times in a named time zone. An event's times are typed and read on its venue's
// clock ("2026-12-07T08:00" in America/Toronto), which need not be this computer's.
//
// A wall-clock value ("2026-12-07T08:30", or a day "2026-12-07"), such as the facade's `*_local`
// fields, is already on the venue's clock: it is read as plain calendar figures and formatted in
// UTC, where nothing shifts, never moved to this computer's zone. An instant is put on a zone's
// clock with `wallClock`, and a typed wall-clock value becomes an instant with `zonedInstant`.
import { dateTimeFormat, parseInstant } from "./format";

/** This computer's IANA zone ("America/Toronto"): the facade's too, for an event with no venue. */
export function computerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Every zone name this WebView knows, for a datalist; empty where it can't list them. */
export function knownZones(): string[] {
  return typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
}

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

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/;

/** Whether a wall-clock value has a time of day, not only a day. */
function timed(local: string): boolean {
  return LOCAL.exec(local.trim())?.[4] !== undefined;
}

/** A wall-clock value as a date whose UTC fields are that wall clock (for calendar sums and
 * words); a day is its midnight. Null when it is not a wall-clock value. */
function civil(local: string): Date | null {
  const m = LOCAL.exec(local.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0"] = m;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)));
}

/** A civil date written back as a wall-clock value: with its time, or as the day alone. */
function written(d: Date, withTime: boolean): string {
  return d.toISOString().slice(0, withTime ? 16 : 10);
}

/** A wall-clock value `days` calendar days later, at the same time of day; a day stays a day
 * ("2026-12-07" → "2026-12-08"). */
export function addDays(local: string, days = 1): string {
  const d = civil(local);
  if (!d) return local;
  d.setUTCDate(d.getUTCDate() + days);
  return written(d, timed(local));
}

/** A wall-clock time `minutes` after `local`: ("2026-12-07T08:45", 15) → "2026-12-07T09:00". */
export function addMinutes(local: string, minutes: number): string {
  const d = civil(local);
  return d ? written(new Date(d.getTime() + minutes * 60_000), true) : local;
}

/** Minutes from the start of `day` ("2026-12-07") to `local`; past midnight runs on (25:00 is 1500). */
export function minutesInto(day: string, local: string): number {
  const from = civil(day);
  const to = civil(local);
  return from && to ? Math.round((to.getTime() - from.getTime()) / 60_000) : NaN;
}

/** Minutes `zone`'s clock is ahead of UTC at the instant `at`. */
function offsetMinutes(at: Date, zone: string): number {
  const wall = civil(wallClock(at.toISOString(), zone));
  const minute = Math.floor(at.getTime() / 60000) * 60000;
  return wall ? (wall.getTime() - minute) / 60000 : 0;
}

/** A wall-clock value on `zone`'s clock as an RFC 3339 UTC instant (a time the clocks skip is
 * read with the offset from before the change; one that happens twice is the first). Null when
 * it is not a date and time. */
export function zonedInstant(local: string, zone: string): string | null {
  const wall = timed(local) ? civil(local) : null;
  if (!wall) return null;
  const first = new Date(wall.getTime() - offsetMinutes(wall, zone) * 60000);
  const settled = new Date(wall.getTime() - offsetMinutes(first, zone) * 60000);
  return settled.toISOString();
}

// In words. A wall-clock value is kept as that time in UTC, so it is written out in UTC.
const LOCALE = "en-CA";
const wallFmt = dateTimeFormat("UTC");
const timeFmt = new Intl.DateTimeFormat(LOCALE, { timeZone: "UTC", hour: "numeric", minute: "2-digit" });
const dayFmt = new Intl.DateTimeFormat(LOCALE, { timeZone: "UTC", weekday: "short", month: "short", day: "numeric" });
const dayYearFmt = new Intl.DateTimeFormat(LOCALE, {
  timeZone: "UTC",
  weekday: "short",
  month: "short",
  day: "numeric",
  year: "numeric",
});
const longDayFmt = new Intl.DateTimeFormat(LOCALE, { timeZone: "UTC", weekday: "long", month: "long", day: "numeric" });
const shortDayFmt = new Intl.DateTimeFormat(LOCALE, { timeZone: "UTC", month: "short", day: "numeric" });

/** A wall-clock value in words, "Mon, Dec 7, 2026, 8:00 a.m.", whatever this computer's zone. */
export function formatWallClock(local: string): string {
  const d = civil(local);
  return d ? wallFmt.format(d) : local;
}

/** The date part: "2026-12-07T08:30" → "2026-12-07". */
export function wallDate(local: string): string {
  return local.slice(0, 10);
}

/** "8:30 a.m." */
export function wallTime(local: string): string {
  const d = civil(local);
  return d ? timeFmt.format(d) : local;
}

/** "Mon, Dec 7", with the year when it is not this year. */
export function wallDay(local: string): string {
  const d = civil(local);
  if (!d) return local;
  return d.getUTCFullYear() === new Date().getFullYear() ? dayFmt.format(d) : dayYearFmt.format(d);
}

/** "Monday, December 7". */
export function wallLongDay(local: string): string {
  const d = civil(local);
  return d ? longDayFmt.format(d) : local;
}

/** "Dec 7". */
export function wallShortDay(local: string): string {
  const d = civil(local);
  return d ? shortDayFmt.format(d) : local;
}

/** "8:30 – 9:15 a.m.", "11:30 a.m. – 12:15 p.m.", with the end's day when it ends on another day. */
export function wallTimeRange(start: string, end: string): string {
  if (wallDate(end) !== wallDate(start)) return `${wallTime(start)} – ${wallTime(end)} (${wallShortDay(end)})`;
  const from = wallTime(start);
  const to = wallTime(end);
  // The morning or afternoon is said once when both ends share it.
  const period = /\s*[ap]\.?m\.?$/i;
  const a = period.exec(from)?.[0];
  const b = period.exec(to)?.[0];
  return a && a === b ? `${from.slice(0, -a.length)} – ${to}` : `${from} – ${to}`;
}

/** "Mon, Dec 7 · 8:00 a.m. – 10:00 p.m.", or across days "Mon, Dec 7, 8:00 a.m. – Tue, Dec 8, 5:00 p.m.". */
export function wallRange(start: string, end: string): string {
  if (wallDate(start) === wallDate(end)) return `${wallDay(start)} · ${wallTime(start)} – ${wallTime(end)}`;
  return `${wallDay(start)}, ${wallTime(start)} – ${wallDay(end)}, ${wallTime(end)}`;
}
