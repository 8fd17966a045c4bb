// Cancelling and refunding what was just sold: the words for each, and the facade's reasons for
// leaving a ticket as it was, read back onto the tickets they are about.
import type { TicketCode, VoidKind } from "../../lib/ipc";
import { formatDateTime } from "../../lib/format";

/** A sold ticket as the result panel shows it. */
export type TicketStatus = "active" | "used" | "cancelled" | "refunded";

export type TicketView = {
  code: TicketCode;
  /** The email it was sold to, as far as this screen knows ("" when it doesn't). */
  email: string;
  status: TicketStatus;
  /** The reason typed when it was voided. */
  reason: string | null;
  /** Why the last cancel or refund left it as it was. */
  note: string | null;
};

export const VOID_WORDS: Record<VoidKind, { verb: string; done: string; status: TicketStatus }> = {
  refund: { verb: "Refund", done: "Refunded", status: "refunded" },
  cancel: { verb: "Cancel", done: "Cancelled", status: "cancelled" },
};

export function statusLabel(status: TicketStatus): string {
  switch (status) {
    case "used":
      return "Checked in";
    case "cancelled":
      return "Cancelled";
    case "refunded":
      return "Refunded";
    default:
      return "Valid";
  }
}

const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g;

/** The facade's message with its instants in local time, as the rest of the screen shows them. */
export function readable(message: string): string {
  return message.replace(INSTANT, (at) => formatDateTime(at));
}

/**
 * The facade's refusal, "nothing to refund in ORD-…: TKT-A was checked in at <instant>; TKT-B is
 * cancelled", as each ticket's reason ("was checked in at Mon, Dec 7, 2026, 2:02 p.m.").
 */
export function reasonsByTicket(message: string): Map<string, string> {
  const reasons = new Map<string, string>();
  const colon = message.indexOf(": ");
  if (colon < 0) return reasons;
  for (const part of message.slice(colon + 2).split("; ")) {
    const m = /^(TKT-\S+) (.+)$/.exec(part.trim());
    if (m?.[1] && m[2]) reasons.set(m[1], readable(m[2]));
  }
  return reasons;
}

/** What a reason says the ticket is now, when it says so. */
export function statusFromReason(reason: string): TicketStatus | null {
  if (reason.startsWith("was checked in") || reason === "is used") return "used";
  if (reason === "is cancelled") return "cancelled";
  if (reason === "is refunded") return "refunded";
  return null;
}

/**
 * The tickets of a sale with the emails they were sold to. The facade lists them by ticket
 * number, not in the order typed, so each takes the first unclaimed holder of its name.
 */
export function ticketViews(codes: TicketCode[], holders: { name: string; email: string }[]): TicketView[] {
  const unclaimed = [...holders];
  return codes.map((code) => {
    const i = unclaimed.findIndex((h) => h.name === (code.name ?? "").trim());
    const email = i >= 0 ? (unclaimed.splice(i, 1)[0]?.email ?? "") : "";
    return { code, email, status: "active", reason: null, note: null };
  });
}
