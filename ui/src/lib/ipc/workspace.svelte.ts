import { commands, isAppError, type AppError, type Status } from "./bindings";
import { localUtcOffsetMinutes } from "./clock";

type Action = "open_demo" | "start_empty" | "move_aside";

/** Whether the page runs without the desktop app's bridge (e.g. `npm run dev` in a plain browser). */
function bridgeMissing(): boolean {
  return !("__TAURI_INTERNALS__" in window);
}

/**
 * The workspace's status, which decides between the welcome screen, the
 * "can't open" screen and the app itself.
 */
class Workspace {
  status: Status | null = $state(null);
  /** The status command itself failed (not the workspace being broken). */
  error: AppError | null = $state(null);
  checking: boolean = $state(false);
  /** The action running from the welcome or broken screen, if any. */
  busy: Action | null = $state(null);
  /** The failure of the last action, shown on the screen that started it. */
  actionError: AppError | null = $state(null);
  /** Where a broken database was moved this session; kept after later status checks. */
  movedTo: string | null = $state(null);

  async check(): Promise<void> {
    this.checking = true;
    try {
      this.#accept(await commands.status());
      this.error = null;
    } catch (e) {
      this.error = bridgeMissing()
        ? {
            code: "internal",
            message:
              "This page is not running inside the EventOS desktop app, so there is no workspace to talk to. " +
              "For a browser preview with demo data, run `node dev/preview.mjs --serve` in ui/.",
          }
        : isAppError(e)
          ? e
          : { code: "internal", message: String(e) };
    } finally {
      this.checking = false;
    }
  }

  openDemo(): Promise<void> {
    return this.#run("open_demo", () => commands.openDemo(localUtcOffsetMinutes()));
  }

  startEmpty(): Promise<void> {
    return this.#run("start_empty", commands.startEmpty);
  }

  moveAsideAndStartFresh(): Promise<void> {
    return this.#run("move_aside", commands.moveAsideAndStartFresh);
  }

  async #run(action: Action, command: () => Promise<Status>): Promise<void> {
    if (this.busy) return;
    this.busy = action;
    this.actionError = null;
    try {
      this.#accept(await command());
    } catch (e) {
      const error: AppError = isAppError(e) ? e : { code: "internal", message: String(e) };
      this.actionError = error;
      // Someone else set the workspace up, or it broke meanwhile: show what is there now.
      if (
        error.code === "workspace_exists" ||
        error.code === "no_workspace" ||
        error.code === "corrupt_database"
      ) {
        await this.check();
      }
    } finally {
      this.busy = null;
    }
  }

  #accept(status: Status): void {
    if (status.moved_to) this.movedTo = status.moved_to;
    this.status = status;
  }
}

export const workspace = new Workspace();
