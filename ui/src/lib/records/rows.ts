// One row of any table, asked for through the record layer.
import { commands, type Row } from "../ipc";

/** The row with this id, or undefined when the table has none. */
export async function rowById(table: string, id: string): Promise<Row | undefined> {
  const page = await commands.listRecords(table, {
    filters: [{ field: "id", op: "is", value: id }],
    search: null,
    sort: null,
    after: null,
    limit: 1,
  });
  return page.rows[0];
}
