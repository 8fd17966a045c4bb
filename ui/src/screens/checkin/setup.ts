// The door's setup as this computer remembers it, and which event to open on.
import type { CameraResolution, EventSummary } from "../../lib/ipc";
import { parseInstant } from "../../lib/format";

const EVENT_KEY = "eventos.door.event";
const GATE_KEY = "eventos.door.gate";
const CAMERA_KEY = "eventos.door.camera";
const RESOLUTION_KEY = "eventos.door.resolution";
const RESOLUTIONS: CameraResolution[] = ["480p", "720p", "1080p"];

export const DEFAULT_GATE = "Main entrance";

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage unavailable: the choice lasts while the screen is open.
  }
}

export const remembered = {
  event: (): string | null => read(EVENT_KEY),
  gate: (): string => read(GATE_KEY)?.trim() || DEFAULT_GATE,
  camera: (): string | null => read(CAMERA_KEY),
  resolution: (): CameraResolution => RESOLUTIONS.find((r) => r === read(RESOLUTION_KEY)) ?? "720p",
  setEvent: (id: string): void => write(EVENT_KEY, id),
  setGate: (gate: string): void => write(GATE_KEY, gate),
  setCamera: (id: string): void => write(CAMERA_KEY, id),
  setResolution: (resolution: CameraResolution): void => write(RESOLUTION_KEY, resolution),
};

/** Whether the event runs at some point of the local day that `now` is in. */
export function runsOn(event: EventSummary, now: Date): boolean {
  const dayStart = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const dayEnd = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return parseInstant(event.start_at) < dayEnd && parseInstant(event.end_at) >= dayStart;
}

/**
 * The event the door opens on: one running today (the last used if it is one of them), else the
 * last used, else the next one coming (else the latest past one), so the door is ready at once.
 */
export function defaultEvent(events: EventSummary[], lastUsed: string | null, now: Date): string | null {
  const open = events.filter((e) => e.status !== "cancelled");
  const today = open.filter((e) => runsOn(e, now));
  if (today.length > 0) return (today.find((e) => e.id === lastUsed) ?? today[0])?.id ?? null;
  if (lastUsed && events.some((e) => e.id === lastUsed)) return lastUsed;
  const next = open.find((e) => parseInstant(e.end_at) >= now);
  return next?.id ?? open.at(-1)?.id ?? events.at(-1)?.id ?? null;
}

/** The events grouped for the picker: today's first, then what's coming, then the past (latest first). */
export function eventGroups(events: EventSummary[], now: Date): { label: string; events: EventSummary[] }[] {
  const today = events.filter((e) => runsOn(e, now));
  const rest = events.filter((e) => !runsOn(e, now));
  const upcoming = rest.filter((e) => parseInstant(e.start_at) >= now);
  const past = rest.filter((e) => parseInstant(e.start_at) < now).reverse();
  return [
    { label: "Today", events: today },
    { label: "Upcoming", events: upcoming },
    { label: "Past", events: past },
  ].filter((g) => g.events.length > 0);
}
