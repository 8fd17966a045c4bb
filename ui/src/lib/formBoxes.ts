// The boxes of a form whose fields the facade names (`AppError.field`: "buyer.email",
// "holders.2.name", "venue.timezone"): a box's id comes from that name, so a refusal marks the
// box it is about and puts the focus in it. The `Field` around a box shows the words, with the
// ids `<box>-error` and `<box>-hint`.
import { tick } from "svelte";

/** A box's id in the form `uid`, from the facade's name for its field ("venue.name" → "<uid>-venue-name"). */
export function fieldId(uid: string, field: string): string {
  return `${uid}-${field.replaceAll(".", "-")}`;
}

/** What a box carries: its id, the mark while `error` says what is wrong, and its words (the error, then `described`). */
export function boxProps(id: string, error: string | undefined, ...described: string[]) {
  const ids = [error ? `${id}-error` : "", ...described].filter(Boolean).join(" ");
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": ids || undefined } as const;
}

/**
 * Puts the focus in the form's box with this id once the form has caught up (enabled again after
 * saving), with what is typed selected: in a text box, or with `"any"` in any input box.
 */
export async function focusBox(form: HTMLElement | undefined, id: string, select: "text" | "any" = "text"): Promise<void> {
  await tick();
  const box = form?.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  box?.focus();
  if (box instanceof HTMLInputElement && (select === "any" || box.type === "text")) box.select();
}
