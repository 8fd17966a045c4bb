// The door camera as the screen drives it: the choices, start and stop (one at a time, in
// order), and a poll every ~40 ms for the preview and the verdicts the camera decided.
import {
  commands,
  toAppError,
  type AppError,
  type CameraChoice,
  type CameraResolution,
  type DoorSetup,
  type ScannedVerdict,
} from "../../lib/ipc";

const POLL_MS = 40;

/**
 * Starts and stops, one at a time and in order, for every screen: the stop of a Check-in screen
 * being left always goes before the start of the next one.
 */
let queue: Promise<void> = Promise.resolve();

export class DoorCamera {
  /** The cameras to choose from; null until listed. */
  choices: CameraChoice[] | null = $state(null);
  cameraId: string = $state("");
  /** The size asked of a webcam (a folder of images ignores it). */
  resolution: CameraResolution = $state("720p");
  /** The latest frame's size, "1280×720". */
  frameSize: string | null = $state(null);
  /** How many frames the scanner has made (the preview shows the latest). */
  frames: number = $state(0);
  /** Scanning (started, and no camera error since). */
  running: boolean = $state(false);
  /** Starting or stopping. */
  busy: boolean = $state(false);
  source: string = $state("");
  frame: string | null = $state(null);
  /** Why the camera can't be used (listing, starting, or it stopped). */
  error: AppError | null = $state(null);
  /** Why the last code the camera read could not be decided (the camera still runs). */
  scanError: AppError | null = $state(null);

  /** Meant to run (started, not stopped since), for this setup. */
  #wanted = false;
  #door = "";
  #onVerdicts: (verdicts: ScannedVerdict[]) => void;
  #after = 0;
  #timer: number | undefined;
  /** Bumped at each start and stop: a poll from an older run is dropped. */
  #run = 0;
  #closed = false;

  constructor(onVerdicts: (verdicts: ScannedVerdict[]) => void) {
    this.#onVerdicts = onVerdicts;
  }

  /** Whether `choices` offer one to start without asking: a folder of images, or the only camera. */
  get autoStart(): boolean {
    const choices = this.choices ?? [];
    return choices.some((c) => c.id.startsWith("dir:")) || choices.length === 1;
  }

  /** Lists the cameras and picks `preferred` if offered, else a folder, else the first. */
  async list(preferred: string | null): Promise<void> {
    try {
      const choices = await commands.cameras();
      this.choices = choices;
      const pick =
        choices.find((c) => c.id === preferred) ?? choices.find((c) => c.id.startsWith("dir:")) ?? choices[0];
      this.cameraId = pick?.id ?? "";
      if (this.error?.code === "camera" && !this.running) this.error = null;
    } catch (e) {
      this.choices = [];
      this.error = toAppError(e);
    }
  }

  /** Starts (or restarts) scanning for this door. */
  start(door: DoorSetup): Promise<void> {
    this.#wanted = true;
    this.#door = JSON.stringify(door);
    return this.#enqueue(async () => {
      if (this.#closed || !this.cameraId) return;
      this.#halt();
      const run = this.#run;
      this.error = null;
      this.scanError = null;
      try {
        await commands.startScanner(door, this.cameraId, this.resolution);
      } catch (e) {
        this.running = false;
        this.frame = null;
        this.error = toAppError(e);
        return;
      }
      if (this.#closed || run !== this.#run) return;
      // A new scanner numbers its verdicts from 1.
      this.#after = 0;
      this.running = true;
      void this.#poll(run);
    });
  }

  /** The door's setup changed: a camera meant to run starts again for it. */
  follow(door: DoorSetup): void {
    if (this.#wanted && JSON.stringify(door) !== this.#door) void this.start(door);
  }

  stop(): Promise<void> {
    this.#wanted = false;
    this.#door = "";
    return this.#enqueue(async () => {
      this.#halt();
      this.running = false;
      this.frame = null;
      this.source = "";
      this.scanError = null;
      try {
        await commands.stopScanner();
      } catch (e) {
        this.error = toAppError(e);
      }
    });
  }

  /** For the screen's onDestroy: stops polling now and the scanner after. */
  close(): void {
    this.#closed = true;
    void this.stop();
  }

  #halt(): void {
    this.#run += 1;
    window.clearTimeout(this.#timer);
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const next = queue.then(async () => {
      this.busy = true;
      try {
        await task();
      } finally {
        this.busy = false;
      }
    });
    queue = next.catch(() => undefined);
    return next;
  }

  async #poll(run: number): Promise<void> {
    if (this.#closed || run !== this.#run) return;
    try {
      const poll = await commands.scannerPoll(this.#after);
      if (this.#closed || run !== this.#run) return;
      this.source = poll.source;
      this.frameSize = poll.frame_size;
      this.frames = poll.frames;
      if (poll.frame) this.frame = poll.frame;
      const fresh = poll.verdicts.filter((v) => v.seq > this.#after);
      if (fresh.length > 0) {
        this.#after = Math.max(...fresh.map((v) => v.seq));
        this.#onVerdicts(fresh);
      }
      if (poll.error?.code === "camera") {
        // The camera stopped (unplugged, taken by another program): "Try again" starts it anew.
        this.error = poll.error;
        this.running = false;
        return;
      }
      this.scanError = poll.error;
      if (!poll.running && !poll.error) {
        // Nothing scans any more (the workspace closed it): show the camera as stopped.
        this.running = false;
        this.frame = null;
        return;
      }
    } catch (e) {
      // A failed poll is shown, and the next one tried: the camera may still be running.
      this.scanError = toAppError(e);
    }
    if (this.#closed || run !== this.#run) return;
    this.#timer = window.setTimeout(() => void this.#poll(run), POLL_MS);
  }
}
