import { commands, type AppError, type ConnectForm, type ScopeChoice, type SyncStatus } from "./bindings";
import { toAppError } from "./resource.svelte";
import { workspace } from "./workspace.svelte";

/** How often the status is asked for; the command only reads counters, so this is cheap. */
const POLL_MS = 1000;

type Action = "connect" | "sign_out" | "sync_now" | "set_scopes";

/**
 * The sync status, polled while the app shows a workspace: one store for the nav badge,
 * the dashboard and the Sync screen, so there is one poll however many of them show.
 */
class Sync {
  status: SyncStatus | null = $state(null);
  /** The last poll failed (the last good status stays). */
  error: AppError | null = $state(null);
  /** The action running from the Sync or welcome screen, if any. */
  busy: Action | null = $state(null);
  /** Where connecting put the previous workspace's file this session. */
  movedAside: string | null = $state(null);
  /** The time of the last poll, so "2 minutes ago" moves on by itself. */
  now: Date = $state(new Date());
  /** Scopes' names (accounts', events'), as the last list of choices gave them; empty until then. */
  scopeLabels: ReadonlyMap<string, string> = $state(new Map());
  /** What each scope holds for the signed-in user, in words, from the same list; empty until then. */
  scopeDetails: ReadonlyMap<string, string> = $state(new Map());

  #inFlight = false;
  /** Bumped by every action's answer, so a poll started before it can't overwrite it. */
  #epoch = 0;

  /** Starts polling (the shell does, once); call the returned function to stop. */
  watch(): () => void {
    void this.refresh();
    const timer = window.setInterval(() => void this.refresh(), POLL_MS);
    return () => window.clearInterval(timer);
  }

  /** Reads the status now; never throws. A slow answer is not asked for twice. */
  async refresh(): Promise<void> {
    if (this.#inFlight) return;
    this.#inFlight = true;
    const epoch = this.#epoch;
    try {
      const status = await commands.syncStatus();
      if (epoch === this.#epoch) this.#accept(status);
      this.error = null;
    } catch (e) {
      const error = toAppError(e);
      this.error = error;
      // The workspace went away or broke: its status decides which screen shows (and stops this poll).
      if (error.code === "no_workspace" || error.code === "corrupt_database") void workspace.check();
    } finally {
      this.#inFlight = false;
      this.now = new Date();
    }
  }

  /**
   * Signs in and connects. Works from the welcome screen too: the workspace status is
   * re-read afterwards, so the shell appears (and a file put aside is known).
   */
  async connect(form: ConnectForm): Promise<AppError | null> {
    return this.#run("connect", async () => {
      const before = workspace.status?.moved_to ?? null;
      this.#acceptAnswer(await commands.connect(form));
      await workspace.check();
      const after = workspace.status?.moved_to ?? null;
      if (after && after !== before) this.movedAside = after;
    });
  }

  signOut(): Promise<AppError | null> {
    return this.#run("sign_out", async () => this.#acceptAnswer(await commands.signOut()));
  }

  syncNow(): Promise<AppError | null> {
    return this.#run("sync_now", async () => this.#acceptAnswer(await commands.syncNow()));
  }

  /** What this computer could keep, from the server (throws); their names and details are remembered. */
  async scopeChoices(): Promise<ScopeChoice[]> {
    const choices = await commands.scopeChoices();
    this.scopeLabels = new Map([...this.scopeLabels, ...choices.map((c): [string, string] => [c.scope, c.label])]);
    this.scopeDetails = new Map([...this.scopeDetails, ...choices.map((c): [string, string] => [c.scope, c.detail])]);
    return choices;
  }

  /** Keeps exactly these scopes; the answer's status shows the new download. */
  setScopes(scopes: string[]): Promise<AppError | null> {
    return this.#run("set_scopes", async () => this.#acceptAnswer(await commands.setScopes(scopes)));
  }

  /** Runs one action at a time; its failure is returned for the screen that started it to show. */
  async #run(action: Action, work: () => Promise<void>): Promise<AppError | null> {
    if (this.busy) return { code: "busy", message: "another sync action is still running; try again in a moment" };
    this.busy = action;
    try {
      await work();
      return null;
    } catch (e) {
      return toAppError(e);
    } finally {
      this.busy = null;
    }
  }

  #acceptAnswer(status: SyncStatus): void {
    this.#epoch += 1;
    this.#accept(status);
  }

  #accept(status: SyncStatus): void {
    this.status = status;
    this.now = new Date();
  }
}

export const sync = new Sync();
