// The import's kinds, and the preview's facts, in words.
import type { Encoding, ImportKind, OnDuplicate } from "../../lib/ipc";

export type KindInfo = {
  kind: ImportKind;
  label: string;
  one: string;
  many: string;
  /** The record table the rows go to (its list is linked after the import). */
  table: string;
  hint: string;
};

export const KINDS: KindInfo[] = [
  {
    kind: "companies",
    label: "Companies",
    one: "company",
    many: "companies",
    table: "crm_organizers",
    hint: "Duplicates are found by name and website.",
  },
  {
    kind: "contacts",
    label: "Contacts",
    one: "contact",
    many: "contacts",
    table: "crm_contacts",
    hint: "Each needs a company (made when it isn't here yet) and an email; duplicates are found by email.",
  },
  {
    kind: "opportunities",
    label: "Deals",
    one: "deal",
    many: "deals",
    table: "crm_opportunities",
    hint: "Opportunities: each needs a company and a name; duplicates are the same name at the same company.",
  },
];

export function kindInfo(kind: ImportKind): KindInfo {
  return KINDS.find((k) => k.kind === kind) ?? KINDS[0];
}

export function encodingName(encoding: Encoding): string {
  switch (encoding) {
    case "utf8":
      return "UTF-8";
    case "utf8_bom":
      return "UTF-8 with BOM";
    case "windows1252":
      return "Windows-1252";
  }
}

export function delimiterName(delimiter: string): string {
  switch (delimiter) {
    case ",":
      return "Comma";
    case ";":
      return "Semicolon";
    case "tab":
    case "\t":
      return "Tab";
    default:
      return `“${delimiter}”`;
  }
}

export const CHOICES: { value: OnDuplicate; label: string; hint: string }[] = [
  { value: "merge", label: "Merge", hint: "fill the record's empty fields from the row; what it has stays" },
  { value: "skip", label: "Skip", hint: "leave the row out" },
  { value: "create", label: "Create anyway", hint: "a second record beside it" },
];

export function choiceLabel(choice: OnDuplicate): string {
  return CHOICES.find((c) => c.value === choice)?.label ?? choice;
}

/** "1 row", "3 rows". */
export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-CA")} ${n === 1 ? one : many}`;
}
