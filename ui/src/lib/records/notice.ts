// A word for the record page that a form just left for ("Saved."), taken once by that page.

let pending: { key: string; text: string } | null = null;

export function leaveNotice(table: string, id: string, text: string): void {
  pending = { key: `${table}/${id}`, text };
}

export function takeNotice(table: string, id: string): string | null {
  if (pending?.key !== `${table}/${id}`) return null;
  const text = pending.text;
  pending = null;
  return text;
}
