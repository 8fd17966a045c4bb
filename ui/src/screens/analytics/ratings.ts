// Average ratings (1–5) as the analytics page writes them: one decimal, "–" where no one gave one.
import type { Ratings } from "../../lib/ipc";

const one = new Intl.NumberFormat("en-CA", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatRating(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : one.format(value);
}

export const ASPECTS: { key: keyof Omit<Ratings, "responses">; label: string }[] = [
  { key: "overall", label: "Overall" },
  { key: "content", label: "Content" },
  { key: "speaker", label: "Speaker" },
  { key: "venue", label: "Venue" },
  { key: "organization", label: "Organization" },
];

export function responses(n: number): string {
  return `${n.toLocaleString("en-CA")} ${n === 1 ? "response" : "responses"}`;
}
