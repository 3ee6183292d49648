/**
 * `<input type="datetime-local">` speaks local wall-clock time without a zone ("2026-12-01T18:30");
 * the API speaks ISO instants. These convert between the two in the user's time zone.
 */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** "2026-12-01T18:30" (local) -> ISO instant; empty -> null; unparseable -> undefined. */
export function fromLocalInput(value: string | null | undefined): string | null | undefined {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
