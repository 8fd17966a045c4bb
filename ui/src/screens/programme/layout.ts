// Where each session of a day sits on the timeline: its lane (room), its rows in minutes from the
// top, and — when sessions of one room overlap (a room booked twice) — side by side within the lane.
import type { ProgrammeSession, Room } from "../../lib/ipc";
import { minutesInto } from "../../lib/zones";

export type Placed = {
  session: ProgrammeSession;
  /** Minutes from the timeline's top. */
  top: number;
  /** Minutes long (at least a few, so a zero-length session is still seen). */
  length: number;
  /** Its column among the sessions it overlaps in its lane, and how many columns they take. */
  column: number;
  columns: number;
};

export type Lane = { key: string; room: Room; placed: Placed[] };

export type DayLayout = {
  /** Minutes from the day's midnight where the timeline starts and ends (whole hours). */
  from: number;
  to: number;
  lanes: Lane[];
};

/** A lane's key: a room's id, or "none" for sessions with no room. */
export function laneKey(roomId: string | null): string {
  return roomId ?? "none";
}

const MIN_LENGTH = 10;

/** Columns for overlapping sessions of one lane: each cluster of overlaps shares its width. */
function columns(items: Placed[]): void {
  items.sort((a, b) => a.top - b.top || b.length - a.length);
  let cluster: Placed[] = [];
  let clusterEnd = -Infinity;
  const close = () => {
    const n = cluster.reduce((m, p) => Math.max(m, p.column + 1), 1);
    for (const p of cluster) p.columns = n;
    cluster = [];
  };
  for (const item of items) {
    if (item.top >= clusterEnd) {
      close();
      clusterEnd = -Infinity;
    }
    // The first column whose last session ended before this one starts.
    const taken = new Set(cluster.filter((p) => p.top + p.length > item.top).map((p) => p.column));
    let col = 0;
    while (taken.has(col)) col++;
    item.column = col;
    cluster.push(item);
    clusterEnd = Math.max(clusterEnd, item.top + item.length);
  }
  close();
}

/** The timeline of one day: every room a lane (so lanes stay put from day to day). */
export function layoutDay(date: string, sessions: ProgrammeSession[], rooms: Room[]): DayLayout {
  const spans = sessions.map((s) => {
    const start = minutesInto(date, s.start_local);
    const end = Math.max(minutesInto(date, s.end_local), start + MIN_LENGTH);
    return { s, start, end };
  });
  const earliest = spans.reduce((m, x) => Math.min(m, x.start), Infinity);
  const latest = spans.reduce((m, x) => Math.max(m, x.end), -Infinity);
  const from = Number.isFinite(earliest) ? Math.floor(earliest / 60) * 60 : 9 * 60;
  const to = Number.isFinite(latest) ? Math.max(from + 60, Math.ceil(latest / 60) * 60) : 17 * 60;

  const known = new Set(rooms.map((r) => laneKey(r.id)));
  const lanes: Lane[] = rooms.map((room) => ({ key: laneKey(room.id), room, placed: [] }));
  // A room the list doesn't hold (it shouldn't happen) still gets a lane rather than vanishing.
  for (const { s } of spans) {
    const key = laneKey(s.room_id);
    if (!known.has(key)) {
      known.add(key);
      lanes.push({ key, room: { id: s.room_id, name: s.room_id ? "Other room" : "No room", capacity: null }, placed: [] });
    }
  }
  for (const { s, start, end } of spans) {
    const lane = lanes.find((l) => l.key === laneKey(s.room_id));
    lane?.placed.push({ session: s, top: start - from, length: end - start, column: 0, columns: 1 });
  }
  for (const lane of lanes) columns(lane.placed);
  return { from, to, lanes };
}
