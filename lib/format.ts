/** "2026-11-27 13:19 UTC": every timestamp in the product is shown in UTC, labelled. */
export function formatUtc(date: Date | string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
