// Keyboard helpers shared by the screens' shortcuts.

/** Whether a key goes into a field (so single-letter shortcuts must leave it alone). */
export function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** The shortcut modifier as this platform names it: ⌘ on macOS, Ctrl elsewhere. */
export const modKeyLabel: string = /Mac|iPhone|iPad/.test(navigator.userAgent) ? "⌘" : "Ctrl";
