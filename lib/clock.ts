// The time as the services see it. Tests move it to check expiry without waiting.
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Tests only: shift the clock by `ms` (0 restores it). */
export function shiftClock(ms: number): void {
  offsetMs = ms;
}
