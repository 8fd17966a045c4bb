// The words for the programme's warnings, long (the list) and short (a session's block).
import type { WarningKind } from "../../lib/ipc";

const LONG: Record<WarningKind, string> = {
  speaker_double_booked: "Speaker double-booked",
  room_double_booked: "Room double-booked",
  outside_event_dates: "Outside the event's dates",
  over_room_capacity: "Over the room's capacity",
};

const SHORT: Record<WarningKind, string> = {
  speaker_double_booked: "Speaker clash",
  room_double_booked: "Room clash",
  outside_event_dates: "Outside dates",
  over_room_capacity: "Over capacity",
};

export function warningTitle(kind: WarningKind): string {
  return LONG[kind] ?? kind;
}

export function warningShort(kind: WarningKind): string {
  return SHORT[kind] ?? kind;
}
