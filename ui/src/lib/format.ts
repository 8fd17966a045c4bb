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

const timeFmt = new Intl.DateTimeFormat(LOCALE, { hour: "numeric", minute: "2-digit" });
const dayFmt = new Intl.DateTimeFormat(LOCALE, { weekday: "short", month: "short", day: "numeric" });
const dayYearFmt = new Intl.DateTimeFormat(LOCALE, {
  weekday: "short",
  month: "short",
  day: "numeric",
  year: "numeric",
});
const longDayFmt = new Intl.DateTimeFormat(LOCALE, {
  weekday: "long",
  month: "long",
  day: "numeric",
  year: "numeric",
});
const shortDayFmt = new Intl.DateTimeFormat(LOCALE, { month: "short", day: "numeric" });

function sameDay(a: Date, b: Date): boolean {
  return (
    a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()
  );
}

export function formatTime(value: string | Date): string {
  const d = typeof value === "string" ? parseInstant(value) : value;
  return timeFmt.format(d);
}

const clockFmt = new Intl.DateTimeFormat(LOCALE, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** A 24-hour clock time, "19:02": what the door shows for when a ticket was scanned. */
export function formatClock(value: string | Date): string {
  const d = typeof value === "string" ? parseInstant(value) : value;
  return clockFmt.format(d);
}

/** "Sun, Nov 22" this year, "Fri, Feb 5, 2027" otherwise. */
export function formatDay(value: string | Date): string {
  const d = typeof value === "string" ? parseInstant(value) : value;
  return d.getFullYear() === new Date().getFullYear() ? dayFmt.format(d) : dayYearFmt.format(d);
}

export function formatLongDay(value: Date): string {
  return longDayFmt.format(value);
}

export function formatShortDay(value: Date): string {
  return shortDayFmt.format(value);
}

/** "Sun, Nov 22 · 8:00 a.m. – 10:00 p.m." or, across days, "Sun, Nov 22, 8:00 a.m. – Mon, Nov 23, 2:00 a.m.". */
export function formatRange(start: string, end: string): string {
  const s = parseInstant(start);
  const e = parseInstant(end);
  if (sameDay(s, e)) return `${formatDay(s)} · ${formatTime(s)} – ${formatTime(e)}`;
  return `${formatDay(s)}, ${formatTime(s)} – ${formatDay(e)}, ${formatTime(e)}`;
}

/** Times only, for a card already under a day heading: "8:00 a.m. – 2:00 a.m. (next day)". */
export function formatTimeRange(start: string, end: string): string {
  const s = parseInstant(start);
  const e = parseInstant(end);
  const suffix = sameDay(s, e) ? "" : ` (${formatDay(e)})`;
  return `${formatTime(s)} – ${formatTime(e)}${suffix}`;
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
