// Wall-clock times of a venue ("2026-12-07T08:30", "2026-12-07"), as the facade gives them in
// its `*_local` fields: already in the venue's zone, so they are shown as they are — read as
// plain calendar figures (formatted in UTC, where nothing shifts), never moved to this computer's zone.
// (An instant to a zone's wall clock, and typing one, are in zones.ts.)

const LOCALE = "en-CA";

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

/** The figures of a wall-clock time as a UTC instant (only for formatting and differences). */
function asUtc(local: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(local);
  if (!m) return new Date(NaN);
  const [, y, mo, d, h = "0", mi = "0"] = m;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)));
}

/** The date part: "2026-12-07T08:30" → "2026-12-07". */
export function wallDate(local: string): string {
  return local.slice(0, 10);
}

/** "8:30 a.m." */
export function wallTime(local: string): string {
  const d = asUtc(local);
  return Number.isNaN(d.getTime()) ? local : timeFmt.format(d);
}

/** "Mon, Dec 7", with the year when it is not this year. */
export function wallDay(local: string): string {
  const d = asUtc(local);
  if (Number.isNaN(d.getTime())) return local;
  return d.getUTCFullYear() === new Date().getFullYear() ? dayFmt.format(d) : dayYearFmt.format(d);
}

/** "Monday, December 7". */
export function wallLongDay(local: string): string {
  const d = asUtc(local);
  return Number.isNaN(d.getTime()) ? local : longDayFmt.format(d);
}

/** "Dec 7". */
export function wallShortDay(local: string): string {
  const d = asUtc(local);
  return Number.isNaN(d.getTime()) ? local : shortDayFmt.format(d);
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

/** Minutes from the start of `day` ("2026-12-07") to `local`; past midnight runs on (25:00 is 1500). */
export function minutesInto(day: string, local: string): number {
  return Math.round((asUtc(local).getTime() - asUtc(day).getTime()) / 60_000);
}

/** The day after (or `by` days after) a local date: "2026-12-07" → "2026-12-08". */
export function addDays(day: string, by = 1): string {
  const d = asUtc(day);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
}

/** A wall-clock time `minutes` after `local`: ("2026-12-07T08:45", 15) → "2026-12-07T09:00". */
export function addMinutes(local: string, minutes: number): string {
  return new Date(asUtc(local).getTime() + minutes * 60_000).toISOString().slice(0, 16);
}
