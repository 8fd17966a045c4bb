// A row's action in one of the Sync screen's lists (retry, discard, undo): one at a time, the
// command's answer is the list anew and the sync status is asked again (the badge's counts move);
// a failure is kept for the list card's banner.
import { sync, toAppError, type AppError, type Resource } from "../../lib/ipc";

export class RowAction<T, K = string> {
  /** The row an action runs on. */
  working: K | null = $state(null);
  /** The last action's failure (ListCard's `actionError`). */
  error: AppError | null = $state(null);

  #list: Resource<T[]>;

  constructor(list: Resource<T[]>) {
    this.#list = list;
  }

  async run(row: K, command: () => Promise<T[]>): Promise<void> {
    this.working = row;
    this.error = null;
    try {
      this.#list.data = await command();
      void sync.refresh();
    } catch (e) {
      this.error = toAppError(e);
    } finally {
      this.working = null;
    }
  }
}
