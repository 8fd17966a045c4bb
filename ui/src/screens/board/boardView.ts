// The pipeline board as the screen shows it (the facade narrows, pages and adds up): its counts,
// where a card is, the stage next to a card's, and the words for months and days.
import type { Board, BoardColumn, Card } from "../../lib/ipc";

/** The owner choice for deals assigned to nobody (no profile id can be this). */
export const UNASSIGNED = "\u0000unassigned";

/** The month of expected close of deals without a date, as the facade names it. */
export const NO_DATE = "none";

/** How many deals are on the board (its columns' counts, not only the cards sent). */
export function dealCount(board: Board): number {
  return board.columns.reduce((n, c) => n + c.count, 0);
}

/** Open deals only (the closed columns hold the won and lost ones). */
export function openDealCount(board: Board): number {
  return board.columns.reduce((n, c) => n + (c.is_closed ? 0 : c.count), 0);
}

/** The card and its column, by the card's id, among the cards sent. */
export function findCard(board: Board, id: string): { card: Card; column: BoardColumn; index: number } | null {
  for (const column of board.columns) {
    const index = column.cards.findIndex((c) => c.id === id);
    if (index >= 0) return { card: column.cards[index], column, index };
  }
  return null;
}

/** The stages as the board lays them out: the open ones in order, then the closed ones (won, lost). */
export function laidOut(board: Board): { open: BoardColumn[]; closed: BoardColumn[] } {
  return { open: board.columns.filter((c) => !c.is_closed), closed: board.columns.filter((c) => c.is_closed) };
}

/** The column before (-1) or after (+1) this stage on the board, if there is one. */
export function neighbour(columns: BoardColumn[], stageId: string, step: -1 | 1): BoardColumn | null {
  const i = columns.findIndex((c) => c.stage_id === stageId);
  return i < 0 ? null : (columns[i + step] ?? null);
}

const monthFmt = new Intl.DateTimeFormat("en-CA", { month: "short", year: "numeric" });
const monthShortFmt = new Intl.DateTimeFormat("en-CA", { month: "short" });
const dayFmt = new Intl.DateTimeFormat("en-CA", { month: "short", day: "numeric" });
const dayYearFmt = new Intl.DateTimeFormat("en-CA", { month: "short", day: "numeric", year: "numeric" });

function monthDate(month: string): Date | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, 1) : null;
}

/** "2027-01" → "Jan 2027"; "none" → "No date". */
export function monthLabel(month: string): string {
  const d = monthDate(month);
  return d ? monthFmt.format(d) : month === NO_DATE ? "No date" : month;
}

/** A month under its bar: "Jan", with the year where it starts ("Jan 27") or first; "No date". */
export function monthTick(month: string, first: boolean): string {
  const d = monthDate(month);
  if (!d) return month === NO_DATE ? "No date" : month;
  const name = monthShortFmt.format(d);
  return first || d.getMonth() === 0 ? `${name} ’${String(d.getFullYear()).slice(2)}` : name;
}

/** Today on this computer's calendar, `YYYY-MM-DD`. */
export function todayKey(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** A `YYYY-MM-DD` day, short: "Dec 22" this year, "Feb 2, 2027" another. */
export function shortDate(day: string, today: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return (m[1] === today.slice(0, 4) ? dayFmt : dayYearFmt).format(d);
}
