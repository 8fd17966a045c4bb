// The pipeline board as the screen shows it: the facade's board narrowed to one owner (by name:
// a card names its owner, not their profile), with the totals and the months recomputed as the
// facade makes them; the words for months and days; the stage next to a card's.
import type { Board, BoardColumn, Card, MonthForecast } from "../../lib/ipc";

/** The owner choice for deals assigned to nobody (no name can be this). */
export const UNASSIGNED = "\u0000unassigned";

/** The month of expected close of deals without a date, as the facade names it. */
export const NO_DATE = "none";

/** The owners named on the board's cards, sorted, and whether any card has none. */
export function ownersOf(board: Board): { names: string[]; unassigned: boolean } {
  const names = new Set<string>();
  let unassigned = false;
  for (const column of board.columns) {
    for (const card of column.cards) {
      if (card.owner_name) names.add(card.owner_name);
      else unassigned = true;
    }
  }
  return { names: [...names].sort((a, b) => a.localeCompare(b)), unassigned };
}

function ownedBy(card: Card, owner: string): boolean {
  return owner === UNASSIGNED ? !card.owner_name : card.owner_name === owner;
}

/**
 * Only `owner`'s deals ("" = everyone's, as given): each column's total and weighted forecast,
 * the open totals and the months are added up again from the cards kept, as the facade adds them
 * (months and the open totals count open deals only).
 */
export function withOwner(board: Board, owner: string): Board {
  if (!owner) return board;
  const months = new Map<string, MonthForecast>();
  let open = 0;
  let weighted = 0;
  const columns: BoardColumn[] = board.columns.map((column) => {
    const cards = column.cards.filter((c) => ownedBy(c, owner));
    let total = 0;
    let columnWeighted = 0;
    for (const card of cards) {
      total += card.value_cents;
      columnWeighted += card.expected_revenue_cents;
      if (card.status !== "open") continue;
      open += card.value_cents;
      weighted += card.expected_revenue_cents;
      const key = card.expected_close_date ? card.expected_close_date.slice(0, 7) : NO_DATE;
      const slot = months.get(key) ?? { month: key, deals: 0, total_cents: 0, weighted_cents: 0 };
      slot.deals += 1;
      slot.total_cents += card.value_cents;
      slot.weighted_cents += card.expected_revenue_cents;
      months.set(key, slot);
    }
    return { ...column, cards, total_cents: total, weighted_cents: columnWeighted };
  });
  // In the facade's order: by the key's text, so "none" comes after every month.
  const sorted = [...months.values()].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  return { columns, months: sorted, open_cents: open, weighted_cents: weighted };
}

/** How many deals the board shows. */
export function dealCount(board: Board): number {
  return board.columns.reduce((n, c) => n + c.cards.length, 0);
}

/** Open deals only (the closed columns hold the won and lost ones). */
export function openDealCount(board: Board): number {
  return board.columns.reduce((n, c) => n + (c.is_closed ? 0 : c.cards.length), 0);
}

/** The card and its column, by the card's id. */
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
