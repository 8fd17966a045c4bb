// Keyboard helpers shared by the screens' shortcuts.

/** Whether a key goes into a field (so single-letter shortcuts must leave it alone). */
export function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Whether this is a Mac, where ⌘ is the shortcut modifier (and Ctrl is the text fields' own). */
export const isMac: boolean = /Mac|iPhone|iPad/.test(navigator.userAgent);

/** The shortcut modifier as this platform names it: ⌘ on macOS, Ctrl elsewhere. */
export const modKeyLabel: string = isMac ? "⌘" : "Ctrl";

/** Whether the platform's shortcut modifier alone is held: ⌘ on macOS, Ctrl elsewhere (no Alt, no Shift). */
export function modOnly(e: KeyboardEvent): boolean {
  if (e.altKey || e.shiftKey) return false;
  return isMac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
}

/**
 * The Latin letter a key stands for, lower case, or null: the character typed, or, on a layout
 * that types another script there, the key's place on a US keyboard (so `g d` works in Cyrillic).
 */
export function letterOf(e: KeyboardEvent): string | null {
  if (/^[a-z]$/i.test(e.key)) return e.key.toLowerCase();
  const m = /^Key([A-Z])$/.exec(e.code);
  return m && e.key.length === 1 ? m[1]!.toLowerCase() : null;
}
