// Light/dark theme: follows the system unless the user picked one, which is remembered.

export type ThemeChoice = "system" | "light" | "dark";

const KEY = "eventos.theme";

function stored(): ThemeChoice {
  try {
    const v = window.localStorage.getItem(KEY);
    return v === "light" || v === "dark" ? v : "system";
  } catch {
    return "system";
  }
}

class Theme {
  choice: ThemeChoice = $state(stored());
  systemDark: boolean = $state(false);

  constructor() {
    const mq = window.matchMedia("(prefers-color-scheme: dark)");
    this.systemDark = mq.matches;
    mq.addEventListener("change", (e) => {
      this.systemDark = e.matches;
      this.#apply();
    });
    this.#apply();
  }

  get effective(): "light" | "dark" {
    if (this.choice === "system") return this.systemDark ? "dark" : "light";
    return this.choice;
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    try {
      if (choice === "system") window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, choice);
    } catch {
      // Storage unavailable: the choice lasts for this session.
    }
    this.#apply();
  }

  // The page always carries the theme in effect, so the stylesheet has one dark palette.
  #apply(): void {
    document.documentElement.dataset.theme = this.effective;
  }
}

export const theme = new Theme();
