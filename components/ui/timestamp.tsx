import { formatUtc } from '@/lib/format';

/**
 * A moment as the product shows it, in UTC; hovering it shows how long ago it was
 * (components/layout/relative-times.tsx). The same markup on the server and the browser.
 */
export function Timestamp({ at }: { at: Date | string }) {
  const date = typeof at === 'string' ? new Date(at) : at;
  return <time dateTime={date.toISOString()}>{formatUtc(date)}</time>;
}
