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

  #apply(): void {
    const root = document.documentElement;
    if (this.choice === "system") delete root.dataset.theme;
    else root.dataset.theme = this.choice;
  }
}

export const theme = new Theme();
