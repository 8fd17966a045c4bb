// A table's rows a page at a time (keyset paging on the list's `next`): "Load more" appends, a
// new search, order or filter starts again. Only what was asked for is ever loaded.
import { commands, toAppError, workspace, type AppError, type Filter, type RecordQuery, type Row, type Sort } from "../ipc";

export const PAGE_SIZE = 100;

export type ListQuery = { filters: Filter[]; search: string; sort: Sort | null };

export class Pager {
  /** Not deeply reactive: rows are replaced or appended whole, never edited in place. */
  rows: Row[] = $state.raw([]);
  total: number = $state(0);
  next: string | null = $state(null);
  /** A first page is on its way (the rows shown are the last query's). */
  loading: boolean = $state(false);
  /** A next page is on its way. */
  loadingMore: boolean = $state(false);
  loaded: boolean = $state(false);
  /** The query the rows shown answer (a newer one may be on its way). */
  answered: ListQuery | null = $state.raw(null);
  error: AppError | null = $state(null);

  #table: string;
  #query: ListQuery = { filters: [], search: "", sort: null };
  #seq = 0;

  constructor(table: string) {
    this.#table = table;
  }

  /** The first page for `query`; answers to earlier queries are dropped. Never throws. */
  async reset(query: ListQuery): Promise<void> {
    this.#query = query;
    const seq = ++this.#seq;
    this.loading = true;
    this.loadingMore = false;
    const page = await this.#fetch(null, seq);
    if (seq !== this.#seq) return;
    this.loading = false;
    if (!page) return;
    this.rows = page.rows;
    this.total = page.total;
    this.next = page.next;
    this.answered = query;
    this.loaded = true;
  }

  /** Appends the next page, if there is one and nothing else is loading. */
  async more(): Promise<void> {
    if (!this.next || this.loading || this.loadingMore) return;
    const seq = this.#seq;
    this.loadingMore = true;
    const page = await this.#fetch(this.next, seq);
    if (seq !== this.#seq) return;
    this.loadingMore = false;
    if (!page) return;
    // A row edited meanwhile can move past the cursor and come again: it is shown once.
    const seen = new Set(this.rows.map((r) => r.id));
    this.rows = [...this.rows, ...page.rows.filter((r) => !seen.has(r.id))];
    this.total = page.total;
    this.next = page.next;
  }

  /** The same query again from the top (after an error, or a change elsewhere). */
  reload(): Promise<void> {
    return this.reset(this.#query);
  }

  dismissError(): void {
    this.error = null;
  }

  async #fetch(after: string | null, seq: number) {
    const q = this.#query;
    const query: RecordQuery = {
      filters: q.filters,
      search: q.search.trim() === "" ? null : q.search.trim(),
      sort: q.sort,
      after,
      limit: PAGE_SIZE,
    };
    try {
      const page = await commands.listRecords(this.#table, query);
      if (seq === this.#seq) this.error = null;
      return page;
    } catch (e) {
      if (seq !== this.#seq) return null;
      this.error = toAppError(e);
      if (this.error.code === "no_workspace" || this.error.code === "corrupt_database") void workspace.check();
      return null;
    }
  }
}
