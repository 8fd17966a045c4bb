// Hash routing, so a reload (or the desktop app restoring its window) keeps the screen.

/** A field of a record list pinned to one value, as a record page's "Show all" and "Add" give it. */
export type Pin = { field: string; value: string };

/** The pages of an event beyond its overview, each its own screen: `#/events/<id>/<page>`. */
export const EVENT_PAGES = ["programme", "waitlist", "budget", "analytics"] as const;
export type EventPageName = (typeof EVENT_PAGES)[number];

export type Route =
  | { name: "dashboard" }
  | { name: "events" }
  | { name: "new-event" }
  | { name: "event"; id: string }
  | { name: "box-office"; id: string }
  | { name: "event-page"; id: string; page: EventPageName }
  | { name: "checkin" }
  | { name: "crm" }
  | { name: "board" }
  | { name: "import" }
  | { name: "my-day" }
  | { name: "data" }
  | { name: "table"; table: string; pin?: Pin }
  | { name: "record"; table: string; id: string }
  | { name: "new-record"; table: string; pin?: Pin }
  | { name: "edit-record"; table: string; id: string }
  | { name: "sync" };

export type Section = "dashboard" | "events" | "checkin" | "crm" | "my-day" | "data" | "sync";

/** `?field=value` after a path, as a pin. */
function parsePin(query: string): Pin | undefined {
  const params = new URLSearchParams(query);
  for (const [field, value] of params) {
    if (field && value) return { field, value };
  }
  return undefined;
}

function pinQuery(pin: Pin | undefined): string {
  return pin ? `?${new URLSearchParams({ [pin.field]: pin.value }).toString()}` : "";
}

/** `data/<table>[/<id>[/edit] | /new][?field=value]`. */
function parseData(rest: string[], query: string): Route {
  const [table, id, action] = rest.map(decodeURIComponent);
  if (!table) return { name: "data" };
  const pin = parsePin(query);
  if (!id) return pin ? { name: "table", table, pin } : { name: "table", table };
  if (id === "new") return pin ? { name: "new-record", table, pin } : { name: "new-record", table };
  if (action === "edit") return { name: "edit-record", table, id };
  return { name: "record", table, id };
}

/** `events[/new | /<id>[/box-office | /programme | /waitlist | /budget | /analytics]]`. */
function parseEvents(rest: string[]): Route {
  const [id, page] = rest.map(decodeURIComponent);
  if (!id) return { name: "events" };
  if (id === "new") return { name: "new-event" };
  if (page === "box-office") return { name: "box-office", id };
  const known = EVENT_PAGES.find((p) => p === page);
  if (known) return { name: "event-page", id, page: known };
  return { name: "event", id };
}

export function parseHash(hash: string): Route {
  const full = hash.replace(/^#\/?/, "");
  const q = full.indexOf("?");
  const path = q < 0 ? full : full.slice(0, q);
  const query = q < 0 ? "" : full.slice(q + 1);
  const [head, ...rest] = path.split("/").filter((p) => p.length > 0);
  switch (head) {
    case "events":
      return parseEvents(rest);
    case "data":
      return parseData(rest, query);
    case "crm":
      if (rest[0] === "board") return { name: "board" };
      if (rest[0] === "import") return { name: "import" };
      return { name: "crm" };
    case "my-day":
      return { name: "my-day" };
    case "checkin":
    case "sync":
    case "dashboard":
      return { name: head };
    default:
      return { name: "dashboard" };
  }
}

export function href(route: Route): string {
  const e = encodeURIComponent;
  switch (route.name) {
    case "new-event":
      return "#/events/new";
    case "event":
      return `#/events/${e(route.id)}`;
    case "box-office":
      return `#/events/${e(route.id)}/box-office`;
    case "event-page":
      return `#/events/${e(route.id)}/${route.page}`;
    case "board":
      return "#/crm/board";
    case "import":
      return "#/crm/import";
    case "table":
      return `#/data/${e(route.table)}${pinQuery(route.pin)}`;
    case "record":
      return `#/data/${e(route.table)}/${e(route.id)}`;
    case "new-record":
      return `#/data/${e(route.table)}/new${pinQuery(route.pin)}`;
    case "edit-record":
      return `#/data/${e(route.table)}/${e(route.id)}/edit`;
    default:
      return `#/${route.name}`;
  }
}

export function sectionOf(route: Route): Section {
  switch (route.name) {
    case "new-event":
    case "event":
    case "box-office":
    case "event-page":
      return "events";
    case "board":
    case "import":
      return "crm";
    case "table":
    case "record":
    case "new-record":
    case "edit-record":
      return "data";
    default:
      return route.name;
  }
}

/**
 * Asked before the route changes; answering false keeps the screen. A form with unsaved changes
 * asks the person first and, if they agree, calls `proceed`, which makes the very move that was
 * held back (back in history, or on to the link's screen).
 */
export type Guard = (next: Route, proceed: () => void) => boolean;

class Router {
  route: Route = $state(parseHash(window.location.hash));
  /** The route shown before this one, for Back. */
  previous: Route | null = $state(null);

  #guard: Guard | null = null;

  constructor() {
    window.addEventListener("hashchange", () => {
      const next = parseHash(window.location.hash);
      if (href(next) === href(this.route)) return;
      // Only a move the app didn't make gets here held (the browser's own Back): the address
      // already changed, so it is put back.
      if (this.#guard && !this.#guard(next, () => (window.location.hash = href(next)))) {
        window.history.replaceState(window.history.state, "", href(this.route));
        return;
      }
      this.#show(next);
    });
    // Links inside the app ask the guard before the address changes, so nothing has to be undone.
    document.addEventListener(
      "click",
      (e) => {
        if (!this.#guard || e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) {
          return;
        }
        const link = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>("a[href^='#']") : null;
        // A link that moves through the router itself (Back) is asked there.
        if (!link || link.dataset.routed !== undefined) return;
        const target = link.getAttribute("href") ?? "";
        const next = parseHash(target);
        if (href(next) === href(this.route)) return;
        if (!this.#guard(next, () => (window.location.hash = target))) {
          e.preventDefault();
          e.stopPropagation();
        }
      },
      true,
    );
  }

  #show(next: Route): void {
    this.previous = this.route;
    this.route = next;
  }

  /** Does `act` unless the guard holds it back (then the guard may do it later). */
  #through(next: Route, act: () => void): void {
    if (this.#guard && !this.#guard(next, act)) return;
    act();
  }

  go(route: Route): void {
    const target = href(route);
    this.#through(route, () => {
      if (window.location.hash !== target) window.location.hash = target;
    });
  }

  /** Goes to `route` in place of the current entry (a saved form is not somewhere to go back to). */
  replace(route: Route): void {
    const target = href(route);
    this.#through(route, () => {
      if (window.location.hash !== target) window.location.replace(target);
    });
  }

  /** Back to where the user came from inside the app, or to `fallback` (the events list). */
  back(fallback: Route = { name: "events" }): void {
    const previous = this.previous;
    if (previous && href(previous) !== href(this.route)) {
      this.#through(previous, () => window.history.back());
    } else {
      this.go(fallback);
    }
  }

  /** Leaves for `to`: back in history when that is where the user came from, else in place. */
  leave(to: Route): void {
    if (this.previous && href(this.previous) === href(to)) this.back(to);
    else this.replace(to);
  }

  /** Sets the guard for the current screen; the returned function removes it. */
  guard(guard: Guard): () => void {
    this.#guard = guard;
    return () => {
      if (this.#guard === guard) this.#guard = null;
    };
  }
}

export const router = new Router();
