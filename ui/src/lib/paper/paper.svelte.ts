// The paper the tickets are printed on — this computer's usual one (from its locale) until the
// person chooses another, then that one for the rest of the session — and the badge layout
// (a sheet of that paper at first).
import { commands, type PaperSize } from "../ipc";

class PaperChoice {
  size: PaperSize = $state("a4");
  badgeLayout: string = $state("a4-2x5-90x54");
  #asked = false;

  /** The paper for reports and lists: the tickets' paper, unless that is the wallet size. */
  get sheet(): PaperSize {
    return this.size === "wallet" ? "a4" : this.size;
  }

  /** Asks the computer's usual paper once (a choice already made stays). */
  async load(): Promise<void> {
    if (this.#asked) return;
    this.#asked = true;
    try {
      this.size = await commands.defaultPaper();
      if (this.size === "letter") this.badgeLayout = "letter-2x3-4x3in";
    } catch {
      // A4 it is.
    }
  }
}

export const paper = new PaperChoice();

export const PAPER_LABELS: Record<PaperSize, string> = { a4: "A4", letter: "US Letter", wallet: "Wallet (80 × 160 mm)" };

/** What reports and lists print on (the wallet size is for tickets). */
export const SHEET_CHOICES = [
  { value: "a4", label: PAPER_LABELS.a4 },
  { value: "letter", label: PAPER_LABELS.letter },
];
