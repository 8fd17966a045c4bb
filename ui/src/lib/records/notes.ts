// A line of explanation shown above a table's records, for the few tables whose rows do more
// than their fields say. One place, so a table gets a note by a line here, not a screen of its own.

const NOTES: Record<string, string> = {
  event_teams:
    "Members with the role registration or volunteer can open this event's door (Check-in), as the server allows them.",
};

/** The note shown above `table`'s list, if it has one. */
export function tableNote(table: string): string | undefined {
  return NOTES[table];
}
