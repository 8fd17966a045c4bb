// Documents on a company or a deal, in words: their kinds, a file's short type, and where its
// file is (on this computer, waiting to go up, refused, or only on the server).
import type { FileState } from "../../lib/ipc";

/** The tables documents are attached to (a company's list holds its deals' too). */
export const DOCUMENT_TABLES = ["crm_organizers", "crm_opportunities"];

/** As the facade's limit (the bucket's): a larger file is refused before it is read. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

export type DocumentKind = "contract" | "proposal" | "invoice" | "presentation" | "other";

export const DOCUMENT_KINDS: { id: DocumentKind; label: string }[] = [
  { id: "contract", label: "Contract" },
  { id: "proposal", label: "Proposal" },
  { id: "invoice", label: "Invoice" },
  { id: "presentation", label: "Presentation" },
  { id: "other", label: "Other" },
];

export function kindLabel(kind: string | null): string {
  return DOCUMENT_KINDS.find((k) => k.id === kind)?.label ?? "Other";
}

const BY_EXTENSION: Record<string, string> = {
  pdf: "PDF",
  doc: "Word",
  docx: "Word",
  odt: "Document",
  rtf: "Document",
  xls: "Excel",
  xlsx: "Excel",
  ods: "Spreadsheet",
  csv: "CSV",
  ppt: "PowerPoint",
  pptx: "PowerPoint",
  odp: "Slides",
  key: "Keynote",
  png: "Image",
  jpg: "Image",
  jpeg: "Image",
  gif: "Image",
  webp: "Image",
  heic: "Image",
  svg: "Image",
  txt: "Text",
  md: "Text",
  zip: "ZIP",
};

/** A file's type in a word ("PDF", "Word", "Image"), from its extension, else its MIME type. */
export function shortType(fileName: string, mime: string): string {
  const dot = fileName.lastIndexOf(".");
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : "";
  const known = BY_EXTENSION[extension];
  if (known) return known;
  if (mime === "application/pdf") return "PDF";
  if (mime.startsWith("image/")) return "Image";
  if (mime.startsWith("text/")) return "Text";
  // An unknown but short extension still says something ("EML"); a long one says less than "File".
  return /^[a-z0-9]{1,5}$/.test(extension) ? extension.toUpperCase() : "File";
}

export type StateWords = {
  label: string;
  /** The badge's colour class. */
  badge: string;
  /** What follows the badge: the server's reason, or when the file comes down. */
  detail: string | null;
};

export function stateWords(file: FileState): StateWords {
  switch (file.state) {
    case "here":
      return { label: "On this computer", badge: "badge-success", detail: null };
    case "waiting_upload":
      return { label: "Waiting to upload", badge: "badge-warning", detail: "goes up with the next sync" };
    case "upload_failed":
      return { label: "Upload failed", badge: "badge-danger", detail: file.error };
    case "on_server":
      return { label: "On the server", badge: "", detail: "downloads when opened" };
  }
}
