// The reminders waiting on screen: tasks of the signed-in person that just fell due and meetings
// about to start. The facade hands each one out once per due time (and shows the OS notification
// itself), so what it gave is kept here until it is done, snoozed or dismissed. Asked right away
// and every half minute while the shell shows a workspace; one question at a time.
import { commands, workspace, type DayItem } from "../../lib/ipc";

const EVERY_MS = 30_000;

class Reminders {
  /** Oldest first: the stack keeps its order as new ones arrive. */
  items: DayItem[] = $state([]);
  #asking = false;
  /** Bumped when watching stops, so an answer that comes after is dropped. */
  #epoch = 0;

  /** Asks for new reminders now; never throws. */
  async ask(): Promise<void> {
    if (this.#asking || workspace.status?.state !== "ready") return;
    this.#asking = true;
    const epoch = this.#epoch;
    try {
      const { due, answered } = await commands.dueReminders();
      if (epoch !== this.#epoch) return;
      // Done or snoozed on the desktop notification: its toast here goes.
      if (answered.length > 0) this.items = this.items.filter((i) => !answered.includes(i.id));
      if (due.length > 0) this.#add(due);
    } catch {
      // Reminders are a nicety: no banner every half minute; the next round asks again.
    } finally {
      this.#asking = false;
    }
  }

  /** A snoozed one that comes back replaces its old toast (its due time moved). */
  #add(due: DayItem[]): void {
    const ids = new Set(due.map((d) => d.id));
    this.items = [...this.items.filter((i) => !ids.has(i.id)), ...due];
  }

  dismiss(id: string): void {
    this.items = this.items.filter((i) => i.id !== id);
  }

  /** Asks now and every half minute (the shell calls it once); the returned function stops. */
  watch(): () => void {
    void this.ask();
    const timer = window.setInterval(() => void this.ask(), EVERY_MS);
    return () => {
      window.clearInterval(timer);
      this.#epoch += 1;
      // They belonged to the workspace that was open.
      this.items = [];
    };
  }
}

export const reminders = new Reminders();
