// The sale being typed at the box office. It outlives a refused sale (nothing typed is lost)
// and, for the payment only, a sale made: the next buyer most often pays the same way.
import type { Holder, Payment, SaleRequest } from "../../lib/ipc";

/** An order holds 1 to 20 tickets (the orders table's rule, which the facade checks too). */
export const MIN_TICKETS = 1;
export const MAX_TICKETS = 20;

export type HolderDraft = { name: string; email: string };

const blank = (): HolderDraft => ({ name: "", email: "" });

export function validQuantity(quantity: number | null): quantity is number {
  return quantity !== null && Number.isInteger(quantity) && quantity >= MIN_TICKETS && quantity <= MAX_TICKETS;
}

export class SaleDraft {
  /** `null` while the box is empty (a number input bound to nothing typed). */
  quantity: number | null = $state(1);
  buyer: HolderDraft = $state(blank());
  sameForAll = $state(true);
  /** A row for every ticket an order can hold, so lowering the quantity and raising it again
   * brings back what was typed. */
  holders: HolderDraft[] = $state(Array.from({ length: MAX_TICKETS }, blank));
  payment: Payment = $state("cash");

  /** The tickets asked for, or 0 while the quantity can't be one. */
  get count(): number {
    return validQuantity(this.quantity) ? this.quantity : 0;
  }

  /** Something typed that leaving would lose (the payment choice is not a loss). */
  get dirty(): boolean {
    const typed = (h: HolderDraft) => h.name.trim() !== "" || h.email.trim() !== "";
    return typed(this.buyer) || this.quantity !== 1 || (!this.sameForAll && this.holders.some(typed));
  }

  total(priceCents: number): number {
    return this.payment === "complimentary" ? 0 : priceCents * this.count;
  }

  /** The holders as the facade takes them. A row left blank is "same as buyer" (`null`); a
   * name or an email left blank takes the buyer's, as the placeholders say. */
  #holdersGiven(): (Holder | null)[] {
    if (this.sameForAll) return [];
    return this.holders.slice(0, this.count).map((h) => {
      if (h.name.trim() === "" && h.email.trim() === "") return null;
      return {
        name: h.name.trim() === "" ? this.buyer.name : h.name,
        email: h.email.trim() === "" ? this.buyer.email : h.email,
      };
    });
  }

  request(event: string): SaleRequest {
    return {
      event,
      quantity: this.quantity ?? 0,
      buyer: { ...this.buyer },
      holders: this.#holdersGiven(),
      payment: this.payment,
    };
  }

  /** Who each ticket is for, as the facade will store it (trimmed, the buyer's where blank). */
  holderList(): Holder[] {
    const given = this.#holdersGiven();
    return Array.from({ length: this.count }, (_, i) => given[i] ?? this.buyer).map((h) => ({
      name: h.name.trim(),
      email: h.email.trim(),
    }));
  }

  /** Ready for the next buyer: names and counts cleared, the payment kept. */
  clear(): void {
    this.quantity = 1;
    this.buyer = blank();
    this.sameForAll = true;
    this.holders = Array.from({ length: MAX_TICKETS }, blank);
  }
}

export const PAYMENTS: { id: Payment; label: string; hint: string }[] = [
  { id: "cash", label: "Cash", hint: "Paid here, in cash" },
  { id: "card", label: "Card terminal", hint: "Paid on the terminal" },
  { id: "complimentary", label: "Complimentary", hint: "Free: guests, press" },
];

export function paymentLabel(payment: Payment): string {
  return PAYMENTS.find((p) => p.id === payment)?.label ?? payment;
}

export { sentence } from "../../lib/format";

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
