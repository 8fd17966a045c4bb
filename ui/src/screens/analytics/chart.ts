// What the analytics charts share: their bars and labels, a tidy scale, and the days or quarter
// hours the facade left out (nothing happened) put back as zeros, so time runs evenly along the axis.
import { addDays, addMinutes } from "../../lib/zones";

export type Bar = { key: string; value: number; tip: string };
export type Tick = { index: number; label: string };

/** The peak rounded up to 1, 2, 2.5 or 5 times a power of ten (at least 1). */
export function niceCeiling(peak: number): number {
  if (!(peak > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(peak));
  for (const m of [1, 2, 2.5, 5, 10]) {
    if (m * power >= peak) return m * power;
  }
  return 10 * power;
}

/** Every day from the first to the last, with `empty(date)` for the days missing. */
export function everyDay<T extends { date: string }>(days: T[], empty: (date: string) => T): T[] {
  if (days.length === 0) return [];
  const byDate = new Map(days.map((d) => [d.date, d]));
  const out: T[] = [];
  const last = days[days.length - 1]!.date;
  // At most a few years: a stray date must not build an endless axis.
  for (let date = days[0]!.date, n = 0; date <= last && n < 1500; date = addDays(date), n++) {
    out.push(byDate.get(date) ?? empty(date));
  }
  return out;
}

/** Every quarter hour from the first to the last of a run, with zeros for those missing. */
export function everyQuarter<T extends { starts_local: string }>(quarters: T[], empty: (starts: string) => T): T[] {
  if (quarters.length === 0) return [];
  const byStart = new Map(quarters.map((q) => [q.starts_local, q]));
  const out: T[] = [];
  const last = quarters[quarters.length - 1]!.starts_local;
  for (let at = quarters[0]!.starts_local, n = 0; at <= last && n < 400; at = addMinutes(at, 15), n++) {
    out.push(byStart.get(at) ?? empty(at));
  }
  return out;
}

/** About `count` evenly spread indexes, always the first and the last. */
export function spread(length: number, count: number): number[] {
  if (length <= 0) return [];
  if (length <= count) return Array.from({ length }, (_, i) => i);
  const step = (length - 1) / (count - 1);
  return [...new Set(Array.from({ length: count }, (_, i) => Math.round(i * step)))];
}
