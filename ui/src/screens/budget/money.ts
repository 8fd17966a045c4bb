// Amounts of the budget in its currency: CAD as everywhere in the app, another as it is given.
import { formatCents } from "../../lib/format";

const others = new Map<string, Intl.NumberFormat>();

/** Integer cents in `currency` ("CAD" unless the expenses say otherwise). */
export function money(cents: number, currency: string): string {
  if (!currency || currency === "CAD") return formatCents(cents);
  let format = others.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat("en-CA", { style: "currency", currency });
    } catch {
      return `${formatCents(cents).replace("$", "")} ${currency}`;
    }
    others.set(currency, format);
  }
  return format.format(cents / 100);
}
