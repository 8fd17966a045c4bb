// Each table list's search, order and filters, kept while the user visits a record and comes back.
import type { Sort } from "../ipc";
import type { Pin } from "../router.svelte";
import type { Chip } from "./filters";

export class ListState {
  search: string = $state("");
  sort: Sort | null = $state(null);
  chips: Chip[] = $state([]);
}

const states = new Map<string, ListState>();

/** A table's list state; pinned to a record ("Show all"), a state of its own that starts with that filter. */
export function listState(table: string, pin?: Pin): ListState {
  const key = pin ? `${table}?${pin.field}=${pin.value}` : table;
  let state = states.get(key);
  if (!state) {
    state = new ListState();
    if (pin) state.chips = [{ field: pin.field, op: "is", value: pin.value }];
    states.set(key, state);
  }
  return state;
}
