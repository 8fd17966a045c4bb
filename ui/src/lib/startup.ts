/** The `performance` mark set when the first real screen is in the page (for the cold-start benchmark). */
export const FIRST_SCREEN_MARK = "eventos:first-screen";

/** Marks the moment the first screen with its data is on the page; later calls do nothing. */
export function markFirstScreen(): void {
  if (performance.getEntriesByName(FIRST_SCREEN_MARK).length === 0) {
    performance.mark(FIRST_SCREEN_MARK);
  }
}

/** Set when the pipeline board's data is on screen (the board benchmark times a visit to it). */
export const BOARD_MARK = "eventos:board-rendered";

/** Marks the board as drawn, once the frame that shows it has been painted. */
export function markBoardRendered(): void {
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark(BOARD_MARK)));
}
