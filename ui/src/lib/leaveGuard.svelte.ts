// The guard of a screen with something typed that leaving would lose: while it is mounted, a
// move away (Cancel, Esc, Back, the nav, the browser's Back) is held and kept in `pending` for a
// "Discard …?" dialog (`DiscardDialog`); Discard makes that very move, Keep drops it.
import { onMount } from "svelte";
import { router } from "./router.svelte";

export class LeaveGuard {
  /** The move held back while the dialog asks; null when nothing is asked. */
  pending = $state<(() => void) | null>(null);
  /** Set when the screen leaves on purpose (saved, or discarded): nothing is asked then. */
  leaving = false;

  /** Call while the component starts: the guard is set on mount and removed with the screen. */
  constructor(dirty: () => boolean) {
    onMount(() =>
      router.guard((_next, proceed) => {
        if (this.leaving || !dirty()) return true;
        this.pending = proceed;
        return false;
      }),
    );
  }

  /** Makes the move that was held back, without asking again. */
  discard = () => {
    const proceed = this.pending;
    this.pending = null;
    this.leaving = true;
    proceed?.();
  };

  /** Stays on the screen. */
  keep = () => {
    this.pending = null;
  };
}
