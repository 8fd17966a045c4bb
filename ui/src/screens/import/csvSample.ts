// The first records of a CSV file, read here only to show a few values under each column of
// the mapping step (the facade's preview gives values by field, not by column). The facade
// reads the whole file; this follows its rules for the head only: the delimiter and encoding it
// found, quoted fields with delimiters, doubled quotes and line breaks, CRLF or LF, blank lines
// skipped.
import type { Encoding } from "../../lib/ipc";

/** The bytes read for the samples. */
export const HEAD_BYTES = 64 * 1024;

/** The head of the file as text, decoded as the facade found it encoded (a BOM dropped). */
export function decodeHead(head: Uint8Array, encoding: Encoding): string {
  const label = encoding === "windows1252" ? "windows-1252" : "utf-8";
  return new TextDecoder(label).decode(head);
}

/**
 * Up to `max` records (the header first). `cut`: the text stops before the file does, so the
 * last record may be incomplete and is dropped.
 */
export function firstRecords(text: string, delimiter: string, max: number, cut: boolean): string[][] {
  const sep = delimiter === "tab" ? "\t" : delimiter;
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    field = "";
    if (record.length > 1 || record[0].trim() !== "") records.push(record);
    record = [];
  };
  while (i < text.length && records.length < max) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (c === sep) {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i += 1;
      endRecord();
    } else {
      field += c;
    }
    i += 1;
  }
  if (i >= text.length && records.length < max && !cut && (field !== "" || record.length > 0)) endRecord();
  return records;
}

/** Per column of `headers`: up to `n` different non-empty values from the records after the header. */
export function columnSamples(records: string[][], columns: number, n = 3): string[][] {
  const out: string[][] = Array.from({ length: columns }, () => []);
  for (const record of records.slice(1)) {
    for (let c = 0; c < columns; c++) {
      const value = (record[c] ?? "").trim();
      if (value !== "" && out[c].length < n && !out[c].includes(value)) out[c].push(value);
    }
  }
  return out;
}
