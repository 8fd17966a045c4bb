import type { EventSort } from "./ipc";

/** The events list's search and order, kept while the user visits an event and comes back. */
export const eventsQuery: { search: string; sort: EventSort; descending: boolean } = $state({
  search: "",
  sort: "start_at",
  descending: false,
});
