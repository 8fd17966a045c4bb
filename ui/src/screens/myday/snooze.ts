// When a snoozed task comes back, on this computer's clock: an hour later (than now, or than it
// is due if that is later: a meeting at 4:30 goes to 5:30), tomorrow at 9:00, or on Monday of
// next week at 9:00; a reminder also offers a quarter of an hour. Each choice says the moment it
// means ("Tue, Dec 8, 9:00 a.m.").
import { formatDay, formatTime } from "../../lib/format";

export type SnoozeChoice = { id: "quarter" | "hour" | "tomorrow" | "next-week"; label: string; until: Date };

/** The choices of a Snooze menu, worked out when it opens. */
export type SnoozeChoices = (now: Date, due: Date | null) => SnoozeChoice[];

/** 9:00 on the local day `days` after `from`'s. */
function nineAm(from: Date, days: number): Date {
  return new Date(from.getFullYear(), from.getMonth(), from.getDate() + days, 9, 0, 0, 0);
}

export function snoozeChoices(now: Date = new Date(), due: Date | null = null): SnoozeChoice[] {
  const from = due && due.getTime() > now.getTime() ? due : now;
  // Monday is day 1: next week's is 1–7 days on (a week on from a Monday).
  const toMonday = ((8 - now.getDay()) % 7) || 7;
  return [
    { id: "hour", label: "1 hour", until: new Date(from.getTime() + 60 * 60 * 1000) },
    { id: "tomorrow", label: "Tomorrow 9:00", until: nineAm(now, 1) },
    { id: "next-week", label: "Next week", until: nineAm(now, toMonday) },
  ];
}

/** A reminder's: it just fell due, so sooner ones (15 minutes, 1 hour) and tomorrow 9:00. */
export function reminderSnoozeChoices(now: Date = new Date(), due: Date | null = null): SnoozeChoice[] {
  const from = due && due.getTime() > now.getTime() ? due : now;
  const later = snoozeChoices(now, due).filter((c) => c.id !== "next-week");
  return [{ id: "quarter", label: "15 minutes", until: new Date(from.getTime() + 15 * 60 * 1000) }, ...later];
}

/** "4:12 p.m." today, else "Tue, Dec 8, 9:00 a.m.". */
export function whenText(until: Date, now: Date = new Date()): string {
  const sameDay = until.toDateString() === now.toDateString();
  return sameDay ? formatTime(until) : `${formatDay(until)}, ${formatTime(until)}`;
}
