// The new event as it is typed: what it sends to `create_event`, what it can say is wrong before
// sending, and which of its boxes a refusal from the facade is about.
import type { AppError, EventDraft, Row } from "../../lib/ipc";
import { sentence } from "../../lib/format";
import { textToCents } from "../../lib/records/drafts";
import { computerZone } from "../../lib/zones";

export const KINDS = ["conference", "seminar", "workshop", "networking"] as const;

/** The replica's own bounds (events.capacity). */
export const MIN_CAPACITY = 10;
export const MAX_CAPACITY = 10_000;

export type Venue = { id: string; name: string; city: string | null; timezone: string | null };

/** The venue as the picker holds it: a row of the venues table, one made with the event, or none. */
export type VenuePick = { kind: "none" } | { kind: "existing"; venue: Venue } | { kind: "new" };

export type NewVenue = { name: string; address: string; city: string; timezone: string };

/** A venues row from the record layer, as the picker shows it. */
export function toVenue(row: Row): Venue {
  const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : null);
  return { id: String(row.id), name: text(row.name) ?? "Unnamed venue", city: text(row.city), timezone: text(row.timezone) };
}

/** A problem with one box: the form's name for the box and the words to show under it. */
export type Problem = { field: string; message: string };

const blankVenue = (): NewVenue => ({ name: "", address: "", city: "", timezone: computerZone() });
const orNull = (text: string) => (text.trim() === "" ? null : text.trim());

export class NewEventDraft {
  name = $state("");
  kind: string = $state("conference");
  venue: VenuePick = $state({ kind: "none" });
  newVenue: NewVenue = $state(blankVenue());
  starts = $state("");
  ends = $state("");
  capacity: number | null = $state(100);
  /** Dollars as typed; empty is free. */
  price = $state("");
  visibility = $state("public");
  description = $state("");

  /** The zone the times are typed in: the venue's, else this computer's (as the facade reads them). */
  get zone(): string {
    if (this.venue.kind === "existing") return this.venue.venue.timezone ?? computerZone();
    if (this.venue.kind === "new") return this.newVenue.timezone.trim() || computerZone();
    return computerZone();
  }

  /** Something typed that leaving would lose. */
  get dirty(): boolean {
    const v = this.newVenue;
    const typedVenue = v.name.trim() !== "" || v.address.trim() !== "" || v.city.trim() !== "";
    return (
      this.name.trim() !== "" ||
      this.venue.kind !== "none" ||
      typedVenue ||
      this.starts !== "" ||
      this.ends !== "" ||
      this.capacity !== 100 ||
      this.price.trim() !== "" ||
      this.description.trim() !== "" ||
      this.kind !== "conference" ||
      this.visibility !== "public"
    );
  }

  /** What `create_event` takes, or the first box that can't be sent as it is. */
  request(): { ok: true; draft: EventDraft } | { ok: false; problem: Problem } {
    const fail = (field: string, message: string) => ({ ok: false as const, problem: { field, message } });
    if (this.venue.kind === "new" && this.newVenue.name.trim() === "") return fail("venue.name", "The new venue needs a name");
    if (this.starts === "") return fail("start_at", "Enter the day and time it starts");
    if (this.ends === "") return fail("end_at", "Enter the day and time it ends");
    const capacity = this.capacity;
    if (capacity === null || !Number.isInteger(capacity)) return fail("capacity", "Enter the number of places, a whole number");
    const price = this.price.trim() === "" ? ({ ok: true, value: 0 } as const) : textToCents(this.price);
    if (!price.ok) return fail("price_cents", price.error);
    if (typeof price.value !== "number" || price.value < 0) return fail("price_cents", "A price can't be below $0");

    const v = this.newVenue;
    const venue: EventDraft["venue"] =
      this.venue.kind === "existing"
        ? { kind: "existing", id: this.venue.venue.id }
        : this.venue.kind === "new"
          ? { kind: "new", name: v.name.trim(), address: orNull(v.address), city: orNull(v.city), timezone: orNull(v.timezone) }
          : { kind: "none" };
    return {
      ok: true,
      draft: {
        name: this.name,
        kind: this.kind,
        venue,
        starts: this.starts,
        ends: this.ends,
        capacity,
        price_cents: price.value,
        visibility: this.visibility,
        description: orNull(this.description),
      },
    };
  }
}

/** The boxes of the form, by the names `Problem.field` uses. */
export const FIELDS = [
  "name",
  "kind",
  "venue",
  "venue.name",
  "venue.address",
  "venue.city",
  "venue.timezone",
  "start_at",
  "end_at",
  "capacity",
  "price_cents",
  "visibility",
  "description",
] as const;

/**
 * The box a refusal is about, with its words, or null when it is about none (a banner says it).
 * The message names the table ("venues.name: …"), which tells the new venue's name from the
 * event's; a zone that doesn't exist is refused while reading the start time, but it is the
 * new venue's zone box that must change.
 */
export function problemOf(error: AppError, venue: VenuePick["kind"]): Problem | null {
  if (!error.field) return null;
  const table = /^\s*(\w+)\.\w+:/.exec(error.message)?.[1];
  const words = error.message.replace(/^\s*\w+\.\w+:\s*/, "");
  const message = sentence(words);
  let field = error.field;
  if (table === "venues") field = `venue.${field}`;
  else if (field === "venue_id") field = "venue";
  else if (field === "type") field = "kind";
  else if (field === "timezone" || (venue === "new" && /is not a time zone/.test(words))) field = "venue.timezone";
  return (FIELDS as readonly string[]).includes(field) ? { field, message } : null;
}
