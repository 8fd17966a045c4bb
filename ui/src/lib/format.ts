// Display formatting: money in CAD, RFC 3339 UTC instants in local time.

const LOCALE = "en-CA";

const money = new Intl.NumberFormat(LOCALE, { style: "currency", currency: "CAD" });
const moneyWhole = new Intl.NumberFormat(LOCALE, {
  style: "currency",
  currency: "CAD",
  maximumFractionDigits: 0,
});
const count = new Intl.NumberFormat(LOCALE);

/** Integer cents as CAD, e.g. 9672400 → "$96,724.00". */
export function formatCents(cents: number, whole = false): string {
  return (whole ? moneyWhole : money).format(cents / 100);
}

/**
 * An exact decimal string (e.g. "109000.53") as CAD. The string goes to Intl as is,
 * which formats it exactly where the engine supports decimal strings.
 */
export function formatDecimal(value: string): string {
  const trimmed = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return value;
  return money.format(trimmed as `${number}`);
}

/** An exact decimal string as integer cents (for sums); rounds half away from zero past 2 places. */
export function decimalToCents(value: string): number {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return 0;
  const [, sign, whole, frac = ""] = m;
  let cents = Number(whole) * 100 + Number((frac + "00").slice(0, 2));
  if (frac.length > 2 && Number(frac[2]) >= 5) cents += 1;
  return sign ? -cents : cents;
}

/** Integer cents as CAD, split so the cents can be set smaller: ["$96,724", ".00"]. */
export function formatCentsParts(cents: number): [string, string] {
  const parts = money.formatToParts(cents / 100);
  const i = parts.findIndex((p) => p.type === "decimal");
  if (i < 0) return [parts.map((p) => p.value).join(""), ""];
  return [
    parts.slice(0, i).map((p) => p.value).join(""),
    parts.slice(i).map((p) => p.value).join(""),
  ];
}

export function formatCount(n: number): string {
  return count.format(n);
}

/** A file's size in words: "812 bytes", "14 KB", "3.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Parses an RFC 3339 instant. The backend sends microseconds
 * ("2026-11-22T13:00:00.000000Z"), which not every WebView's Date parser accepts,
 * so the fraction is cut to milliseconds first.
 */
export function parseInstant(value: string): Date {
  const normalized = value.replace(/(\.\d{3})\d+/, "$1");
  return new Date(normalized);
}

/** A local `YYYY-MM-DD` day as a local Date at midnight. */
export function parseLocalDay(value: string): Date {
  const [y, m, d] = value.split("-").map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

// Formats by zone (undefined: this computer's), made once each: an event's times are shown on
// its venue's clock, wherever the laptop is.
const formats = new Map<string, Intl.DateTimeFormat>();
function inZone(kind: string, options: Intl.DateTimeFormatOptions, timeZone?: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone ?? ""}`;
  let made = formats.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(kind === "key" ? "en-CA" : LOCALE, { ...options, timeZone });
    formats.set(key, made);
  }
  return made;
}
const TIME: Intl.DateTimeFormatOptions = { hour: "numeric", minute: "2-digit" };
const DAY: Intl.DateTimeFormatOptions = { weekday: "short", month: "short", day: "numeric" };
const DAY_YEAR: Intl.DateTimeFormatOptions = { ...DAY, year: "numeric" };
const KEY: Intl.DateTimeFormatOptions = { year: "numeric", month: "2-digit", day: "2-digit" };

const longDayFmt = new Intl.DateTimeFormat(LOCALE, {
  weekday: "long",
  month: "long",
  day: "numeric",
  year: "numeric",
});
const shortDayFmt = new Intl.DateTimeFormat(LOCALE, { month: "short", day: "numeric" });

/** The calendar day of an instant in a zone, `2026-11-22`. */
function dayKey(d: Date, timeZone?: string): string {
  return inZone("key", KEY, timeZone).format(d);
}

function sameDay(a: Date, b: Date, timeZone?: string): boolean {
  return dayKey(a, timeZone) === dayKey(b, timeZone);
}

/** "8:00 a.m.", on the clock of `timeZone` (this computer's when none is given). */
export function formatTime(value: string | Date, timeZone?: string): string {
  const d = typeof value === "string" ? parseInstant(value) : value;
  return inZone("time", TIME, timeZone).format(d);
}

const clockFmt = new Intl.DateTimeFormat(LOCALE, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** A 24-hour clock time, "19:02": what the door shows for when a ticket was scanned. */
export function formatClock(value: string | Date): string {
  const d = typeof value === "string" ? parseInstant(value) : value;
  return clockFmt.format(d);
}

/** "Sun, Nov 22" this year, "Fri, Feb 5, 2027" otherwise (the day in `timeZone`). */
export function formatDay(value: string | Date, timeZone?: string): string {
  const d = typeof value === "string" ? parseInstant(value) : value;
  const thisYear = dayKey(d, timeZone).slice(0, 4) === dayKey(new Date(), timeZone).slice(0, 4);
  return inZone(thisYear ? "day" : "dayYear", thisYear ? DAY : DAY_YEAR, timeZone).format(d);
}

export function formatLongDay(value: Date): string {
  return longDayFmt.format(value);
}

export function formatShortDay(value: Date): string {
  return shortDayFmt.format(value);
}

/** "Sun, Nov 22 · 8:00 a.m. – 10:00 p.m." or, across days, "Sun, Nov 22, 8:00 a.m. – Mon, Nov 23, 2:00 a.m.". */
export function formatRange(start: string, end: string, timeZone?: string): string {
  const s = parseInstant(start);
  const e = parseInstant(end);
  const [day, time] = [(d: Date) => formatDay(d, timeZone), (d: Date) => formatTime(d, timeZone)];
  if (sameDay(s, e, timeZone)) return `${day(s)} · ${time(s)} – ${time(e)}`;
  return `${day(s)}, ${time(s)} – ${day(e)}, ${time(e)}`;
}

/** Times only, for a card already under a day heading: "8:00 a.m. – 2:00 a.m. (next day)". */
export function formatTimeRange(start: string, end: string, timeZone?: string): string {
  const s = parseInstant(start);
  const e = parseInstant(end);
  const suffix = sameDay(s, e, timeZone) ? "" : ` (${formatDay(e, timeZone)})`;
  return `${formatTime(s, timeZone)} – ${formatTime(e, timeZone)}${suffix}`;
}

/** "Europe/Lisbon time" when an event's zone is not this computer's ("" when it is). */
export function zoneNote(timeZone: string): string {
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return timeZone && timeZone !== here ? `${timeZone.replace(/_/g, " ")} time` : "";
}

/** Whole percent, clamped to 0..100; 0 when the total is 0. */
export function percent(part: number, total: number): number {
  if (total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((part / total) * 100)));
}

/** The facade's words ("a name is needed") as a sentence to show: "A name is needed". */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** "conference" → "Conference", "food_and_beverage" → "Food and beverage". */
export function humanize(value: string | null | undefined): string {
  if (!value) return "";
  const s = value.replace(/[_-]+/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A day and time in full, as the app writes them ("Sun, Nov 22, 2026, 8:00 a.m."), in a zone. */
export function dateTimeFormat(timeZone?: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(LOCALE, {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
  });
}

const dateTimeFmt = dateTimeFormat();

/** An instant in full, local time: "Sun, Nov 22, 2026, 8:00 a.m." (for tooltips and `<time>`). */
export function formatDateTime(value: string | Date): string {
  const d = typeof value === "string" ? parseInstant(value) : value;
  return dateTimeFmt.format(d);
}

/**
 * How long ago, in words, for recent instants: "just now", "5 minutes ago", "3 hours ago";
 * older ones as a day and time ("Sun, Nov 22, 8:00 a.m.").
 */
export function formatAgo(value: string | Date, now: Date = new Date()): string {
  const d = typeof value === "string" ? parseInstant(value) : value;
  const seconds = Math.round((now.getTime() - d.getTime()) / 1000);
  // A clock a little ahead of this one still reads as "just now".
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes === 1 ? "a minute ago" : `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 12 || (hours < 24 && sameDay(d, now))) return hours === 1 ? "an hour ago" : `${hours} hours ago`;
  return `${formatDay(d)}, ${formatTime(d)}`;
}
