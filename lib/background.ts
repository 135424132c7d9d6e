import 'server-only';
import { describeError, log } from '@/lib/log';

// Work that runs beside the requests of a server process (docs/webhooks.md, docs/email.md):
// a loop per kind of work, started once per process, each pass claiming what is due in the
// database (FOR UPDATE SKIP LOCKED, so several processes share one database safely).

const g = globalThis as typeof globalThis & { __loops?: Map<string, () => void> };

/**
 * Runs `pass` every `pollMs`, and again at once while it comes back full (it returns how
 * many items it took, at most `batch`). A failing pass (the database away) is logged by
 * name and message only, and retried. Started once per process and name.
 */
export function startLoop(
  name: string,
  pass: () => Promise<number>,
  { batch, pollMs = 1000 }: { batch: number; pollMs?: number },
): void {
  const loops = (g.__loops ??= new Map());
  if (loops.has(name)) return;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    let taken = 0;
    try {
      taken = await pass();
    } catch (err) {
      log.error('background pass failed', { loop: name, error: describeError(err) });
    }
    if (!stopped) timer = setTimeout(loop, taken >= batch ? 0 : pollMs).unref();
  };
  timer = setTimeout(loop, pollMs).unref();
  loops.set(name, () => {
    stopped = true;
    clearTimeout(timer);
    loops.delete(name);
  });
}

/**
 * Seconds before each retry of a delivery or a mail (±20 % jitter): the first within a
 * minute, about a day in all; after the last, it is given up.
 */
export const RETRY_SCHEDULE_SECONDS = [
  30, 120, 600, 1800, 3600, 7200, 14_400, 21_600, 21_600, 21_600,
] as const;
/** Seconds until the retry after `attempts` tries, or null when they are spent. */
export function retryDelaySeconds(attempts: number, random = Math.random()): number | null {
  const base = RETRY_SCHEDULE_SECONDS[attempts - 1];
  return base === undefined ? null : Math.round(base * (0.8 + 0.4 * random));
}
