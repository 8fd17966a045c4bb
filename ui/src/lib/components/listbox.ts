// A text box with a list of options under it (a combobox, as the venue and reference pickers
// are): the box keeps the focus, the marked option is its active descendant, ↓ ↑ move through
// the options (round), Enter chooses the marked one and Esc closes the list only.

/** The id of a list's `i`th option, for `aria-activedescendant`. */
export function optionId(id: string, i: number): string {
  return `${id}-option-${i}`;
}

/** What the box carries as a combobox whose list, `<id>-options`, shows when `expanded`. */
export function comboboxProps(id: string, expanded: boolean, active: number) {
  return {
    role: "combobox",
    autocomplete: "off",
    spellcheck: "false",
    "aria-expanded": expanded,
    "aria-controls": `${id}-options`,
    "aria-autocomplete": "list",
    "aria-activedescendant": expanded ? optionId(id, active) : undefined,
  } as const;
}

/**
 * A key pressed in the box while the list shows: ↓ ↑ move the mark (round), Enter chooses the
 * marked option, Esc closes the list and nothing else (the form stays). Returns where the mark is.
 */
export function listKey(
  e: KeyboardEvent,
  list: { count: number; active: number; choose: (i: number) => void; close: () => void },
): number {
  const { count, active } = list;
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    e.preventDefault();
    const step = e.key === "ArrowDown" ? 1 : -1;
    return (active + step + count) % count;
  }
  if (e.key === "Enter") {
    if (active >= 0 && active < count) {
      e.preventDefault();
      list.choose(active);
    }
  } else if (e.key === "Escape") {
    e.preventDefault();
    e.stopPropagation();
    list.close();
  }
  return active;
}
