// The time zone an event's times are typed in: its venue's, else this computer's (as the facade
// reads them). The event page's detail doesn't carry it, so it is read through the record layer.
import { rowById } from "../../lib/records/rows";
import { computerZone } from "../../lib/zones";

export async function eventZone(eventId: string): Promise<string> {
  const event = await rowById("events", eventId);
  const venueId = event?.venue_id;
  if (typeof venueId !== "string" || venueId === "") return computerZone();
  const zone = (await rowById("venues", venueId))?.timezone;
  return typeof zone === "string" && zone.trim() !== "" ? zone : computerZone();
}
