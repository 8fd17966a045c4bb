// A small popup menu (role="menu") whose choices are `[role=menuitem]` buttons with tabindex -1:
// the focus moves through them with ↓ ↑ (round), Home and End.

/** The menu's items, in order. */
export function menuItems(menu: HTMLElement | undefined): HTMLElement[] {
  return [...(menu?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
}

/**
 * A key pressed in the menu: ↓ ↑ (round), Home and End move the focus to an item, and say so
 * (true, the key's default prevented); any other key is the menu's own to handle (false).
 */
export function menuMoveKey(e: KeyboardEvent, menu: HTMLElement | undefined): boolean {
  const all = menuItems(menu);
  const at = all.indexOf(document.activeElement as HTMLElement);
  let to: number;
  if (e.key === "ArrowDown") to = at + 1;
  else if (e.key === "ArrowUp") to = at - 1;
  else if (e.key === "Home") to = 0;
  else if (e.key === "End") to = all.length - 1;
  else return false;
  e.preventDefault();
  all[(to + all.length) % all.length]?.focus();
  return true;
}
