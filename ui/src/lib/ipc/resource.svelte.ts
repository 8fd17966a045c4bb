import { untrack } from "svelte";
import { isAppError, type AppError } from "./bindings";
import { workspace } from "./workspace.svelte";

/** Any thrown value as the app's typed error. */
export function toAppError(e: unknown): AppError {
  return isAppError(e) ? e : { code: "internal", message: String(e) };
}

export { localUtcOffsetMinutes } from "./clock";

/**
 * One command's result, loaded on demand: the last good data stays visible while
 * reloading or after a failure, so an error is shown as a banner, not a blank screen.
 * Answers that arrive after a newer request was started are dropped.
 */
export class Resource<T> {
  /** Deep state: a screen may change what it shows in place (a row's field after an edit). */
  #deep: T | undefined = $state(undefined);
  /** Replaced whole, never changed in place: no proxy per object (a board of 5,000 cards). */
  #raw: T | undefined = $state.raw(undefined);
  #isRaw: boolean;
  error: AppError | null = $state(null);
  loading: boolean = $state(false);
  /** When the data last arrived. */
  loadedAt: Date | null = $state(null);

  #fetch: () => Promise<T>;
  #seq = 0;

  /** `raw`: the data is only ever replaced whole, so it is kept without deep reactivity. */
  constructor(fetch: () => Promise<T>, options: { raw?: boolean } = {}) {
    this.#fetch = fetch;
    this.#isRaw = options.raw ?? false;
  }

  get data(): T | undefined {
    return this.#isRaw ? this.#raw : this.#deep;
  }

  set data(value: T | undefined) {
    if (this.#isRaw) this.#raw = value;
    else this.#deep = value;
  }

  /** Loads (or reloads); never throws. */
  async load(): Promise<void> {
    const seq = ++this.#seq;
    this.loading = true;
    try {
      const data = await this.#fetch();
      if (seq !== this.#seq) return;
      this.data = data;
      this.error = null;
      this.loadedAt = new Date();
    } catch (e) {
      if (seq !== this.#seq) return;
      const error = toAppError(e);
      this.error = error;
      // The workspace itself went away or broke: the status decides which screen to show.
      if (error.code === "no_workspace" || error.code === "corrupt_database") {
        void workspace.check();
      }
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  /**
   * Loads now, and again whenever `key()` gives a different value (a count from the sync poll,
   * say). Only the value counts: a key read from a new but equal status object reloads nothing.
   * Call it while a component initialises; it stops with the component.
   */
  reloadOn(key: () => string | number | null): void {
    const current = $derived(key());
    $effect(() => {
      void current;
      untrack(() => void this.load());
    });
  }

  dismissError(): void {
    this.error = null;
  }
}
