// The tables the role may read, described once for every record screen (labels, fields,
// what may be done, row counts). Reloaded after a write, so the counts follow.
import { commands, Resource, type Area, type FieldInfo, type TableInfo } from "../ipc";

export const AREAS: { id: Area; label: string }[] = [
  { id: "account", label: "Account" },
  { id: "events", label: "Events" },
  { id: "production", label: "Production" },
  { id: "crm", label: "CRM" },
  { id: "outreach", label: "Outreach" },
];

class Tables {
  readonly list = new Resource(() => commands.recordTables());
  #asked = false;

  /** Loads once; later calls do nothing until `refresh`. */
  ensure(): void {
    if (this.#asked) return;
    this.#asked = true;
    void this.list.load();
  }

  /** Reloads (counts after a write, or a screen opened again). */
  refresh(): Promise<void> {
    this.#asked = true;
    return this.list.load();
  }

  get loaded(): boolean {
    return this.list.data !== undefined;
  }

  info(name: string): TableInfo | undefined {
    return this.list.data?.find((t) => t.name === name);
  }
}

export const tables = new Tables();

/** A field of the table, or of its children that its list filters on (`tickets.checked_in_at`). */
export function fieldOf(table: TableInfo, name: string): FieldInfo | undefined {
  return table.fields.find((f) => f.name === name) ?? table.related_filters.find((f) => f.name === name);
}
