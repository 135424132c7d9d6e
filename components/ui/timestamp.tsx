import { formatUtc } from '@/lib/format';
import { html, type Html } from '@/lib/html';

/**
 * A moment as the product shows it, in UTC; hovering it shows how long ago it was
 * (components/layout/relative-times.tsx). The same markup on the server and the browser.
 */
export function Timestamp({ at }: { at: Date | string }) {
  const date = typeof at === 'string' ? new Date(at) : at;
  return <time dateTime={date.toISOString()}>{formatUtc(date)}</time>;
}

/** The same, in a table row's markup (components/ui/markup-rows.tsx). */
export function timestampHtml(iso: string): Html {
  return html`<time datetime="${iso}">${formatUtc(iso)}</time>`;
}
