import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { rateLimitBuckets } from '@/db/schema';
import { BatchedCounter } from '@/lib/services/rate-limit';
import { withTestDatabase } from './support/db';

// The API's limit counts in memory and adds to the shared window in batches
// (docs/security.md, "Rate limits"). Each BatchedCounter here stands for one server
// instance; the database row is what they share.

withTestDatabase();

const rule = { limit: 20, windowSeconds: 60 };

async function shared(key: string): Promise<number> {
  const [row] = await getDb()
    .select({ count: rateLimitBuckets.count })
    .from(rateLimitBuckets)
    .where(eq(rateLimitBuckets.key, key));
  return row?.count ?? 0;
}

describe('the batched API limit', () => {
  it('refuses past the limit in one instance, writing once per batch, not per hit', async () => {
    const counter = new BatchedCounter();
    const key = `api:test-${randomUUID()}`;
    const outcomes = [];
    for (let i = 0; i < 25; i++) outcomes.push(await counter.hit(key, rule));
    expect(outcomes.map((o) => o.allowed)).toEqual([
      ...Array<boolean>(20).fill(true),
      ...Array<boolean>(5).fill(false),
    ]);
    expect(outcomes.at(-1)!.retryAfterSeconds).toBeGreaterThan(0);
    expect(outcomes.at(-1)!.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Batches of a tenth of the limit: the shared count lags by less than one batch.
    await counter.flushAll(() => rule);
    expect(await shared(key)).toBe(25);
  });

  it('answers concurrent hits of one caller without waiting on each other', async () => {
    const counter = new BatchedCounter();
    const key = `api:test-${randomUUID()}`;
    await counter.hit(key, { limit: 1000, windowSeconds: 60 });
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, () => counter.hit(key, { limit: 1000, windowSeconds: 60 })),
    );
    expect(outcomes.every((o) => o.allowed)).toBe(true);
    await counter.flushAll(() => ({ limit: 1000, windowSeconds: 60 }));
    expect(await shared(key)).toBe(201);
  });

  it('holds across instances: each learns the others’ hits when it adds its own', async () => {
    const a = new BatchedCounter();
    const b = new BatchedCounter();
    const key = `api:test-${randomUUID()}`;
    for (let i = 0; i < 15; i++) expect((await a.hit(key, rule)).allowed).toBe(true);
    await a.flushAll(() => rule);
    // B starts its window from the database: 15 already used, 5 left.
    const fromB = [];
    for (let i = 0; i < 8; i++) fromB.push((await b.hit(key, rule)).allowed);
    expect(fromB).toEqual([true, true, true, true, true, false, false, false]);
    await b.flushAll(() => rule);
    expect(await shared(key)).toBe(23);
    // A learns B's hits at its next flush and refuses from then on.
    await a.hit(key, rule);
    await a.flushAll(() => rule);
    expect((await a.hit(key, rule)).allowed).toBe(false);
  });

  it('starts a new window once the old one has ended', async () => {
    const counter = new BatchedCounter();
    const key = `api:test-${randomUUID()}`;
    const short = { limit: 2, windowSeconds: 1 };
    await counter.hit(key, short);
    await counter.hit(key, short);
    expect((await counter.hit(key, short)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await counter.hit(key, short)).allowed).toBe(true);
  });
});
