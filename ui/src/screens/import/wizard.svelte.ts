// The import wizard's state: the kind, the file (read here, sent as base64 with its name), the
// facade's preview for the mapping in effect, the choices for duplicates, a dry run's counts,
// and the import's summary and undo. One instance for the session (`importWizard`), so leaving
// for the imported table and coming back still shows the summary and its Undo.
import {
  commands,
  sync,
  toAppError,
  type AppError,
  type ImportField,
  type ImportKind,
  type ImportPreview,
  type ImportRequest,
  type ImportSummary,
  type ImportUndone,
  type OnDuplicate,
} from "../../lib/ipc";
import { toBase64 } from "../../lib/base64";
import { columnSamples, decodeHead, firstRecords, HEAD_BYTES } from "./csvSample";
import { recall, remember, sameMapping, type Remembered } from "./remembered";
import { formatBytes } from "../../lib/format";

/** As the facade's limit: larger files are refused before they are read. */
export const MAX_BYTES = 256 * 1024 * 1024;

export type PickedFile = {
  name: string;
  size: number;
  base64: string;
  /** The first bytes, for the values shown under each column. */
  head: Uint8Array;
  /** The head is not the whole file. */
  cut: boolean;
};

const CSV_NAME = /\.(csv|tsv|txt)$/i;

export class ImportWizard {
  kind = $state<ImportKind>("contacts");
  file = $state.raw<PickedFile | null>(null);
  reading = $state(false);
  /** Why a file was not taken (too big, not a CSV), or the facade's refusal of it. */
  fileError = $state<AppError | null>(null);

  preview = $state.raw<ImportPreview | null>(null);
  previewing = $state(false);
  previewError = $state<AppError | null>(null);
  /** What the headers suggested for this file and kind (the first preview's mapping). */
  suggested = $state.raw<(string | null)[] | null>(null);
  /** The mapping shown: one field (or null) per column. */
  mapping = $state<(string | null)[]>([]);
  /** A mapping chosen before for these headers, offered while it differs from the one shown. */
  remembered = $state.raw<Remembered | null>(null);

  onDuplicate = $state<OnDuplicate>("merge");
  decisions = $state<Record<number, OnDuplicate>>({});

  checked = $state.raw<ImportSummary | null>(null);
  checking = $state(false);
  importing = $state(false);
  runError = $state<AppError | null>(null);
  result = $state.raw<ImportSummary | null>(null);

  undoing = $state(false);
  undone = $state.raw<ImportUndone | null>(null);
  undoError = $state<AppError | null>(null);

  #seq = 0;

  /** Nothing can change once the import ran (or while it runs). */
  get locked(): boolean {
    return this.importing || this.result !== null;
  }

  get busy(): boolean {
    return this.reading || this.checking || this.importing;
  }

  /** Required fields no column fills yet. */
  get missing(): ImportField[] {
    const p = this.preview;
    if (!p) return [];
    return p.fields.filter((f) => f.required && !this.mapping.includes(f.field));
  }

  /** Rows that are read and not rejected. */
  get importable(): number {
    const p = this.preview;
    if (!p) return 0;
    return Math.max(0, p.rows - new Set(p.problems.map((r) => r.line)).size);
  }

  /** Up to three values of each column, from the head of the file. */
  get samples(): string[][] {
    const p = this.preview;
    const f = this.file;
    if (!p || !f) return [];
    const records = firstRecords(decodeHead(f.head, p.encoding), p.delimiter, 12, f.cut);
    return columnSamples(records, p.headers.length);
  }

  /** What happens to a duplicate line. */
  choiceFor(line: number): OnDuplicate {
    return this.decisions[line] ?? this.onDuplicate;
  }

  async pickFile(file: File): Promise<boolean> {
    if (this.locked || this.reading) return false;
    this.fileError = null;
    if (!CSV_NAME.test(file.name) && file.type !== "text/csv") {
      this.fileError = { code: "invalid", message: `${file.name} is not a CSV file: save the sheet as CSV first` };
      return false;
    }
    if (file.size > MAX_BYTES) {
      this.fileError = {
        code: "invalid",
        message: `${file.name} is ${formatBytes(file.size)}: split it into files under ${MAX_BYTES >> 20} MB`,
      };
      return false;
    }
    this.reading = true;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      this.clearPreview();
      this.file = {
        name: file.name,
        size: file.size,
        base64: toBase64(bytes),
        head: bytes.slice(0, HEAD_BYTES),
        cut: bytes.length > HEAD_BYTES,
      };
    } catch (e) {
      this.fileError = { code: "io", message: `${file.name} could not be read: ${toAppError(e).message}` };
      return false;
    } finally {
      this.reading = false;
    }
    return this.#load([]);
  }

  setKind(kind: ImportKind): void {
    if (this.locked || kind === this.kind) return;
    this.kind = kind;
    if (this.file) {
      this.clearPreview();
      void this.#load([]);
    }
  }

  setMapping(column: number, field: string | null): void {
    if (this.locked || !this.preview) return;
    this.mapping[column] = field;
    remember(this.kind, this.preview.headers, $state.snapshot(this.mapping));
    void this.#load($state.snapshot(this.mapping));
  }

  useMapping(mapping: (string | null)[]): void {
    if (this.locked || !this.preview) return;
    this.mapping = [...mapping];
    remember(this.kind, this.preview.headers, mapping);
    void this.#load([...mapping]);
  }

  setDefault(choice: OnDuplicate): void {
    if (this.locked) return;
    this.onDuplicate = choice;
    this.checked = null;
  }

  /** Another choice for one line; null goes back to the default. */
  setDecision(line: number, choice: OnDuplicate | null): void {
    if (this.locked) return;
    const next = { ...this.decisions };
    if (choice === null || choice === this.onDuplicate) delete next[line];
    else next[line] = choice;
    this.decisions = next;
    this.checked = null;
  }

  async check(): Promise<void> {
    if (this.busy || this.locked || !this.preview) return;
    this.checking = true;
    this.runError = null;
    try {
      this.checked = await commands.importCsv(this.#request(true));
    } catch (e) {
      this.runError = toAppError(e);
    } finally {
      this.checking = false;
    }
  }

  async run(): Promise<boolean> {
    if (this.busy || this.locked || !this.preview) return false;
    this.importing = true;
    this.runError = null;
    try {
      const request = this.#request(false);
      this.result = await commands.importCsv(request);
      remember(this.kind, this.preview.headers, request.mapping);
      void sync.refresh();
      return true;
    } catch (e) {
      this.runError = toAppError(e);
      return false;
    } finally {
      this.importing = false;
    }
  }

  async undo(): Promise<boolean> {
    const id = this.result?.import_id;
    if (!id || this.undoing || this.undone) return false;
    this.undoing = true;
    this.undoError = null;
    try {
      this.undone = await commands.undoImport(id);
      void sync.refresh();
      return true;
    } catch (e) {
      this.undoError = toAppError(e);
      return false;
    } finally {
      this.undoing = false;
    }
  }

  /** Another file: everything but the kind starts again. */
  reset(): void {
    if (this.importing) return;
    this.#seq++;
    this.file = null;
    this.fileError = null;
    this.clearPreview();
    this.result = null;
    this.undone = null;
    this.undoError = null;
    this.runError = null;
  }

  clearPreview(): void {
    this.#seq++;
    this.preview = null;
    this.previewing = false;
    this.previewError = null;
    this.suggested = null;
    this.mapping = [];
    this.remembered = null;
    this.decisions = {};
    this.onDuplicate = "merge";
    this.checked = null;
  }

  #request(dryRun: boolean): ImportRequest {
    const file = this.file;
    const lines = new Set(this.preview?.duplicates.map((d) => d.line) ?? []);
    const decisions: Record<number, OnDuplicate> = {};
    for (const [line, choice] of Object.entries(this.decisions)) {
      if (lines.has(Number(line))) decisions[Number(line)] = choice;
    }
    return {
      kind: this.kind,
      path: file?.name ?? "",
      content_base64: file?.base64 ?? null,
      mapping: $state.snapshot(this.mapping),
      on_duplicate: this.onDuplicate,
      decisions,
      dry_run: dryRun,
    };
  }

  /** Asks the facade what importing would do with `mapping` (empty: the headers' suggestions). */
  async #load(mapping: (string | null)[]): Promise<boolean> {
    const file = this.file;
    if (!file) return false;
    const seq = ++this.#seq;
    this.previewing = true;
    this.previewError = null;
    this.checked = null;
    try {
      const preview = await commands.importPreview({
        kind: this.kind,
        path: file.name,
        content_base64: file.base64,
        mapping,
        on_duplicate: this.onDuplicate,
        decisions: {},
        dry_run: true,
      });
      if (seq !== this.#seq) return false;
      this.preview = preview;
      this.mapping = [...preview.mapping];
      if (mapping.length === 0) {
        this.suggested = preview.mapping;
        const kept = recall(preview.kind, preview.headers, preview.fields.map((f) => f.field));
        this.remembered = kept && !sameMapping(kept.mapping, preview.mapping) ? kept : null;
      }
      return true;
    } catch (e) {
      if (seq !== this.#seq) return false;
      const error = toAppError(e);
      // A file the facade can't take at all (no header line, did not arrive whole) is the file's problem.
      if (mapping.length === 0 && !this.preview) this.fileError = error;
      else this.previewError = error;
      return false;
    } finally {
      if (seq === this.#seq) this.previewing = false;
    }
  }
}

export const importWizard = new ImportWizard();
