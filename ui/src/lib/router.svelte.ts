// Hash routing, so a reload (or the desktop app restoring its window) keeps the screen.

export type Route =
  | { name: "dashboard" }
  | { name: "events" }
  | { name: "event"; id: string }
  | { name: "checkin" }
  | { name: "crm" }
  | { name: "sync" };

export type Section = "dashboard" | "events" | "checkin" | "crm" | "sync";

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, "");
  const [head, ...rest] = path.split("/").filter((p) => p.length > 0);
  switch (head) {
    case "events":
      if (rest.length > 0 && rest[0]) return { name: "event", id: decodeURIComponent(rest[0]) };
      return { name: "events" };
    case "checkin":
    case "crm":
    case "sync":
    case "dashboard":
      return { name: head };
    default:
      return { name: "dashboard" };
  }
}

export function href(route: Route): string {
  return route.name === "event" ? `#/events/${encodeURIComponent(route.id)}` : `#/${route.name}`;
}

export function sectionOf(route: Route): Section {
  return route.name === "event" ? "events" : route.name;
}

class Router {
  route: Route = $state(parseHash(window.location.hash));
  /** The route shown before this one, for Back. */
  previous: Route | null = $state(null);

  constructor() {
    window.addEventListener("hashchange", () => {
      const next = parseHash(window.location.hash);
      if (href(next) === href(this.route)) return;
      this.previous = this.route;
      this.route = next;
    });
  }

  go(route: Route): void {
    const target = href(route);
    if (window.location.hash !== target) window.location.hash = target;
  }

  /** Back to where the user came from inside the app, or to the events list. */
  back(fallback: Route = { name: "events" }): void {
    if (this.previous && href(this.previous) !== href(this.route)) {
      window.history.back();
    } else {
      this.go(fallback);
    }
  }
}

export const router = new Router();
