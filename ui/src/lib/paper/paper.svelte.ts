// The paper the tickets are printed on: this computer's usual one (from its locale) until the
// person chooses another, then that one for the rest of the session.
import { commands, type PaperSize } from "../ipc";

class PaperChoice {
  size: PaperSize = $state("a4");
  #asked = false;

  /** Asks the computer's usual paper once (a choice already made stays). */
  async load(): Promise<void> {
    if (this.#asked) return;
    this.#asked = true;
    try {
      this.size = await commands.defaultPaper();
    } catch {
      // A4 it is.
    }
  }
}

export const paper = new PaperChoice();

export const PAPER_LABELS: Record<PaperSize, string> = { a4: "A4", letter: "US Letter", wallet: "Wallet (80 × 160 mm)" };
