// The time zone a record's times are typed and read in: an event's venue's (for the event and
// for every row of it: sessions, announcements, …), else this computer's — as the facade reads
// them. Read through the record layer.
import type { Row } from "../ipc";
import { rowById } from "./rows";
import { computerZone } from "../zones";

async function venueZone(venueId: unknown): Promise<string | undefined> {
  if (typeof venueId !== "string" || venueId === "") return undefined;
  const zone = (await rowById("venues", venueId))?.timezone;
  return typeof zone === "string" && zone.trim() !== "" ? zone : undefined;
}

export async function eventZone(eventId: string): Promise<string> {
  const event = await rowById("events", eventId);
  return (await venueZone(event?.venue_id)) ?? computerZone();
}

/** The zone of a row of `table`: its event's venue's when it has an event, else undefined
 * (this computer's clock). */
export async function rowZone(table: string, row: Row): Promise<string | undefined> {
  if (table === "events") return (await venueZone(row.venue_id)) ?? computerZone();
  if (typeof row.event_id === "string" && row.event_id !== "") return eventZone(row.event_id);
  return undefined;
}
