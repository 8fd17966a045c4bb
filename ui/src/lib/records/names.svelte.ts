// What names a referenced row ("Metro Toronto Convention Centre" rather than "17fcf32e…"),
// fetched in one batch per table for all the cells that ask in the same tick, and kept for the
// session. A name is a nicety: while it is unknown, or if asking fails, the id shows.
import { commands } from "../ipc";

class Names {
  #known: Record<string, Record<string, string>> = $state({});
  /** `table:id` pairs asked for already (answered or not), so a cell never asks twice. */
  #asked = new Set<string>();
  #queued = new Map<string, Set<string>>();
  #flushing = false;

  /** The row's name if known; asks for it otherwise (the cell updates when it comes). */
  get(table: string, id: string): string | undefined {
    const name = this.#known[table]?.[id];
    if (name === undefined && !this.#asked.has(`${table}:${id}`)) this.#queue(table, id);
    return name;
  }

  /** A row was changed here: ask again for its name when it is next shown. */
  forget(table: string, id: string): void {
    this.#asked.delete(`${table}:${id}`);
    if (this.#known[table]?.[id] !== undefined) {
      const { [id]: _gone, ...rest } = this.#known[table];
      this.#known = { ...this.#known, [table]: rest };
    }
  }

  #queue(table: string, id: string): void {
    this.#asked.add(`${table}:${id}`);
    const ids = this.#queued.get(table) ?? new Set<string>();
    ids.add(id);
    this.#queued.set(table, ids);
    if (!this.#flushing) {
      this.#flushing = true;
      queueMicrotask(() => void this.#flush());
    }
  }

  async #flush(): Promise<void> {
    const batches = [...this.#queued];
    this.#queued.clear();
    this.#flushing = false;
    for (const [table, ids] of batches) {
      try {
        const titles = await commands.recordTitles(table, [...ids]);
        this.#known = { ...this.#known, [table]: { ...this.#known[table], ...titles } };
      } catch {
        // The ids stay shown; nothing else depends on a name.
      }
    }
  }
}

export const names = new Names();
