// Esc leaves a screen that has no form to lose (an event's own pages, through `EventFrame`): unless the
// key is typed into a box, or belongs to a dialog, a menu or an open list.
import { onMount } from "svelte";
import { typing } from "./keys";

/** Call while the component starts: Esc calls `leave` while it is mounted. */
export function escapeLeaves(leave: () => void): void {
  onMount(() => {
    const keydown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.key !== "Escape" || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest("dialog, [role=dialog], [aria-expanded=true], [data-keeps-esc]")) return;
      e.preventDefault();
      leave();
    };
    window.addEventListener("keydown", keydown);
    return () => window.removeEventListener("keydown", keydown);
  });
}
