// What the board is narrowed to, kept while the user visits a deal's record and comes back (for
// the session only): the search, sent to the facade, and the owner, applied here by name.
class BoardFilters {
  search = $state("");
  /** An owner's name, `UNASSIGNED`, or "" for everyone's deals. */
  owner = $state("");
  /** How many cards each column shows, by stage id, past the first page. */
  shown = $state<Record<string, number>>({});
}

export const boardFilters = new BoardFilters();
