// CSV downloads (the audit log, the user list): RFC 4180, safe to open in a spreadsheet,
// streamed in batches read only as the client takes them.

type Cell = string | number | null | undefined;

/**
 * One CSV cell (RFC 4180). Text a spreadsheet would run as a formula (= + - @, tab, CR
 * first) gets a leading apostrophe, so a label cannot become a formula.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: readonly Cell[]) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * A CSV body: the header, then the batches `next()` reads (each continuing where the
 * previous one ended) until one comes back shorter than `batchSize`. One batch is queued
 * at most, so memory stays flat whatever the size of the export.
 */
export function csvStream<R>(
  header: readonly string[],
  batchSize: number,
  next: () => Promise<R[]>,
  line: (row: R) => readonly Cell[],
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(csvLine(header)));
      },
      async pull(controller) {
        const rows = await next();
        if (rows.length > 0)
          controller.enqueue(encoder.encode(rows.map((r) => csvLine(line(r))).join('')));
        if (rows.length < batchSize) controller.close();
      },
    },
    { highWaterMark: 1 },
  );
}
