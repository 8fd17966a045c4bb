// What the command palette (Ctrl/Cmd+K) offers: the screens, by name and by their `g` letter, and
// the records `searchEverything` finds, grouped by kind, each with the route that opens it.
import type { SearchHit } from "../ipc";
import { formatDay, formatDecimal, parseInstant } from "../format";
import type { Route } from "../router.svelte";

/** How long after `g` its letter is waited for. */
export const GO_WAIT_MS = 1500;

export type Screen = {
  label: string;
  /** The letter after `g` that goes there. */
  letter: string;
  route: Route;
  /** Other words it is found by (what is on it). */
  also: string[];
};

/** The screens, in the nav's order (and the `g` letters in the hint's). */
export const SCREENS: Screen[] = [
  { label: "Dashboard", letter: "d", route: { name: "dashboard" }, also: ["home", "overview", "today"] },
  { label: "Events", letter: "e", route: { name: "events" }, also: [] },
  { label: "Check-in", letter: "c", route: { name: "checkin" }, also: ["door", "scan", "tickets"] },
  { label: "CRM", letter: "r", route: { name: "crm" }, also: ["companies", "customers"] },
  { label: "Pipeline board", letter: "b", route: { name: "board" }, also: ["deals", "opportunities", "kanban"] },
  { label: "My day", letter: "m", route: { name: "my-day" }, also: ["tasks", "agenda"] },
  { label: "Import", letter: "i", route: { name: "import" }, also: ["csv", "upload"] },
  { label: "Data", letter: "a", route: { name: "data" }, also: ["tables", "records"] },
  { label: "Sync", letter: "s", route: { name: "sync" }, also: ["server", "connect", "offline"] },
];

/** The screen `g` then `letter` goes to. */
export function screenOfLetter(letter: string | null): Screen | undefined {
  return letter ? SCREENS.find((s) => s.letter === letter) : undefined;
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The screens whose name (or other words) the text matches: every word typed starts a word of
 * the name ("board", "pipe", "check in", "my d"), or the text, spaces and hyphens left out, starts
 * the name from one of its words on ("checkin", "myday"; "board" is not Dashboard). All for no text.
 */
export function matchScreens(text: string): Screen[] {
  const typed = words(text);
  if (typed.length === 0) return SCREENS;
  const squashed = typed.join("");
  return SCREENS.filter((s) => {
    const own = words(s.label);
    if (own.some((_, i) => own.slice(i).join("").startsWith(squashed))) return true;
    const all = [...own, ...s.also.flatMap(words)];
    return typed.every((t) => all.some((w) => w.startsWith(t)));
  });
}

/** The kinds of records found, in the order they are shown, with their headings. */
export const KINDS: { table: string; label: string }[] = [
  { table: "crm_organizers", label: "Companies" },
  { table: "crm_contacts", label: "Contacts" },
  { table: "crm_opportunities", label: "Opportunities" },
  { table: "events", label: "Events" },
  { table: "attendees", label: "Attendees" },
];

/** Where a found record opens: an event its own page, anything else its record page. */
export function hitRoute(hit: SearchHit): Route {
  return hit.table === "events" ? { name: "event", id: hit.id } : { name: "record", table: hit.table, id: hit.id };
}

/** A found record's second line, readable: an event's day, a deal's value, else as given. */
export function hitDetail(hit: SearchHit): string {
  const detail = hit.detail ?? "";
  if (!detail) return "";
  if (hit.table === "events") {
    return Number.isNaN(parseInstant(detail).getTime()) ? detail : formatDay(detail);
  }
  if (hit.table === "crm_opportunities") return formatDecimal(detail);
  return detail;
}
