// What the board is narrowed to, kept while the user visits a deal's record and comes back (for
// the session only): the search, the owner and the pages shown, all asked of the facade.
class BoardFilters {
  search = $state("");
  /** An owner's profile id, `UNASSIGNED`, or "" for everyone's deals. */
  owner = $state("");
  /** How many cards each column shows, by stage id, past the first page. */
  shown = $state<Record<string, number>>({});
}

export const boardFilters = new BoardFilters();
