/** The `performance` mark set when the first real screen is in the page (for the cold-start benchmark). */
export const FIRST_SCREEN_MARK = "eventos:first-screen";

/** Marks the moment the first screen with its data is on the page; later calls do nothing. */
export function markFirstScreen(): void {
  if (performance.getEntriesByName(FIRST_SCREEN_MARK).length === 0) {
    performance.mark(FIRST_SCREEN_MARK);
  }
}
