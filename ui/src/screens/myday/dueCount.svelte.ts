// How many of the signed-in person's tasks are overdue or due today: the count beside "My day" in
// the menu. Read again every minute (a task falls due, the day turns), after each sync (another
// laptop finished or set one) and by the screens that change tasks; the My day screen hands over
// the count it just read. A failure (a role that can't read activities) keeps the last count.
import { untrack } from "svelte";
import { commands, localUtcOffsetMinutes, sync } from "../../lib/ipc";

const EVERY_MS = 60_000;

class DueCount {
  count: number = $state(0);
  /** Bumped when a task changed outside My day (a reminder's Done or Snooze), so it reads again. */
  edits: number = $state(0);
  /** Bumped by every read and every count handed over, so an older answer can't overwrite a newer. */
  #seq = 0;

  /** Reads the count now; never throws. */
  async refresh(): Promise<void> {
    const seq = ++this.#seq;
    try {
      const day = await commands.myDay(localUtcOffsetMinutes());
      if (seq === this.#seq) this.count = day.due_count;
    } catch {
      // The badge is a nicety: the last count stays (none for a role without the CRM).
    }
  }

  /** A task was done or snoozed elsewhere: the count, and My day if it shows, are read again. */
  changed(): void {
    this.edits += 1;
    void this.refresh();
  }

  /** The count a fresh read of My day gave. */
  set(count: number): void {
    this.#seq += 1;
    this.count = count;
  }

  /** Keeps the count current while the shell shows (call once, from it); returns the stop. */
  watch(): () => void {
    const stop = $effect.root(() => {
      // Only a new sync counts, not each second's equal status.
      const synced = $derived(sync.status?.last_synced_at ?? null);
      $effect(() => {
        void synced;
        untrack(() => void this.refresh());
      });
    });
    const timer = window.setInterval(() => void this.refresh(), EVERY_MS);
    return () => {
      stop();
      window.clearInterval(timer);
    };
  }
}

export const dueCount = new DueCount();
