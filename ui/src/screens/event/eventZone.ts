// The time zone an event's times are typed in: its venue's, else this computer's (as the facade
// reads them). The event page's detail doesn't carry it, so it is read through the record layer.
import { commands, type Row } from "../../lib/ipc";
import { computerZone } from "../../lib/zones";

async function rowById(table: string, id: string): Promise<Row | undefined> {
  const page = await commands.listRecords(table, {
    filters: [{ field: "id", op: "is", value: id }],
    search: null,
    sort: null,
    after: null,
    limit: 1,
  });
  return page.rows[0];
}

export async function eventZone(eventId: string): Promise<string> {
  const event = await rowById("events", eventId);
  const venueId = event?.venue_id;
  if (typeof venueId !== "string" || venueId === "") return computerZone();
  const zone = (await rowById("venues", venueId))?.timezone;
  return typeof zone === "string" && zone.trim() !== "" ? zone : computerZone();
}
