// What the door shows and plays for a verdict: its colour, headline, one line of why, a beep.
import type { PastScan, Verdict, VerdictKind } from "../../lib/ipc";
import { formatClock } from "../../lib/format";

/** Green: let them through. Amber: look twice. Red: stop. */
export type Tone = "go" | "wait" | "stop";

const tones: Record<VerdictKind, Tone> = {
  admitted: "go",
  exited: "go",
  already_checked_in: "wait",
  not_inside: "wait",
  wrong_event: "stop",
  cancelled: "stop",
  refunded: "stop",
  unknown: "stop",
  invalid_signature: "stop",
  not_a_ticket: "stop",
};

const headlines: Record<VerdictKind, string> = {
  admitted: "Welcome",
  exited: "Goodbye",
  already_checked_in: "Already checked in",
  not_inside: "Not checked in",
  wrong_event: "Wrong event",
  cancelled: "Cancelled ticket",
  refunded: "Refunded ticket",
  unknown: "Unknown ticket",
  invalid_signature: "Forged or damaged ticket",
  not_a_ticket: "Not a ticket",
};

export function toneOf(kind: VerdictKind): Tone {
  return tones[kind];
}

export function headlineOf(kind: VerdictKind): string {
  return headlines[kind];
}

/** "19:02 at Gate B", "19:02 at this door", "19:02 at Gate B on another device". */
export function pastScanText(scan: PastScan): string {
  const time = formatClock(scan.at);
  if (!scan.gate) return `${time} at ${scan.this_device ? "this door" : "another door"}`;
  return `${time} at ${scan.gate}${scan.this_device ? "" : " on another device"}`;
}

/** The line under the name: since when and where, which event, or the verdict's own detail. */
export function subtextOf(v: Verdict): string | null {
  switch (v.kind) {
    case "already_checked_in":
      return v.previous ? `Since ${pastScanText(v.previous)}` : v.detail;
    case "not_inside":
      return v.previous ? `Left at ${pastScanText(v.previous)}` : v.detail;
    case "wrong_event":
      return v.other_event ? `This ticket is for ${v.other_event}` : (v.detail ?? "This ticket is for another event");
    default:
      return v.detail;
  }
}

/** A quiet extra for admitted tickets known only by their signature. */
export function noteOf(v: Verdict): string | null {
  return v.not_yet_synced && (v.kind === "admitted" || v.kind === "exited")
    ? "Signed ticket, not yet synced to this computer"
    : null;
}

// ---------- Sound ----------

let audio: AudioContext | null = null;

/** One high short beep for green; two low ones for amber (higher) and red (lower). No files. */
export function beep(tone: Tone): void {
  try {
    if (typeof AudioContext === "undefined") return;
    audio ??= new AudioContext();
    const ctx = audio;
    if (ctx.state === "suspended") void ctx.resume();
    const notes =
      tone === "go"
        ? [{ at: 0, hz: 1320, len: 0.12 }]
        : [
            { at: 0, hz: tone === "wait" ? 440 : 247, len: 0.14 },
            { at: 0.2, hz: tone === "wait" ? 440 : 247, len: 0.14 },
          ];
    const start = ctx.currentTime + 0.01;
    for (const note of notes) {
      const t = start + note.at;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = tone === "go" ? "sine" : "square";
      osc.frequency.value = note.hz;
      // A short ramp in and out, so the beep has no click.
      gain.gain.setValueAtTime(0, t);
      gain.gain.linearRampToValueAtTime(tone === "go" ? 0.3 : 0.12, t + 0.01);
      gain.gain.setValueAtTime(tone === "go" ? 0.3 : 0.12, t + note.len - 0.02);
      gain.gain.linearRampToValueAtTime(0, t + note.len);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + note.len + 0.02);
    }
  } catch {
    // No sound on this computer: the colour still says it.
  }
}
