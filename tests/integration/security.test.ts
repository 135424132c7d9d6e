import { describe, expect, it } from 'vitest';
import { getDb, DatabaseError } from '@/db/client';
import { accounts } from '@/db/schema';
import { verifySignIn } from '@/lib/services/accounts';
import { createPlaybackToken } from '@/lib/services/playback-tokens';
import { createStream, deleteStream } from '@/lib/services/streams';
import { withTestDatabase } from './support/db';
import { PASSWORD, createOrganisation } from './support/fixtures';

withTestDatabase();

const from = (ip: string) => ({ ip, userAgent: 'test', requestId: null });

// Each attempt hashes a password (scrypt): slow on a busy machine, hence the timeouts.
describe('sign-in limits (docs/security.md, "Sign-in")', () => {
  it('a stranger’s wrong passwords do not lock the owner out', { timeout: 240_000 }, async () => {
    const admin = await createOrganisation();
    const stranger = from('203.0.113.66');
    const outcomes = [];
    for (let i = 0; i < 11; i++) {
      outcomes.push(
        await verifySignIn({ email: admin.label, password: 'wrong password' }, stranger),
      );
    }
    expect(outcomes.slice(0, 10).every((o) => !o.ok && o.reason === 'invalid')).toBe(true);
    expect(outcomes[10]).toEqual({ ok: false, reason: 'rate_limited' });
    // Even the right password is refused to that client for the minute…
    expect(await verifySignIn({ email: admin.label, password: PASSWORD }, stranger)).toEqual({
      ok: false,
      reason: 'rate_limited',
    });
    // …while the owner, from their own address, signs in.
    expect(
      await verifySignIn({ email: admin.label, password: PASSWORD }, from('198.51.100.20')),
    ).toMatchObject({ ok: true });
  });
});

describe('right passwords', () => {
  it('do not count towards the sign-in limit', { timeout: 240_000 }, async () => {
    const admin = await createOrganisation();
    const client = from('192.0.2.77');
    for (let i = 0; i < 12; i++) {
      expect(await verifySignIn({ email: admin.label, password: PASSWORD }, client)).toMatchObject({
        ok: true,
      });
    }
  });
});

describe('failed queries', () => {
  it('never carry the values of the statement', async () => {
    const secret = `secret-${Date.now()}@example.test`;
    await getDb().insert(accounts).values({ email: secret, passwordHash: 'scrypt$hash-value' });
    const failure = await getDb()
      .insert(accounts)
      .values({ email: secret, passwordHash: 'scrypt$hash-value' })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(failure).toBeInstanceOf(DatabaseError);
    expect((failure as DatabaseError).code).toBe('23505');
    const shown = `${String(failure)} ${JSON.stringify(failure)} ${(failure as Error).stack}`;
    expect(shown).not.toContain(secret);
    expect(shown).not.toContain('hash-value');
    expect(shown).toContain('insert accounts');
  });
});

describe('playback tokens', () => {
  it('are refused for a deleted stream', async () => {
    const admin = await createOrganisation();
    const created = await createStream(admin, { name: 'Gone soon' });
    if (!created.ok) throw new Error(created.error);
    expect(await deleteStream(admin, { streamId: created.stream.id })).toMatchObject({ ok: true });
    expect(await createPlaybackToken(admin, { streams: [created.stream.id] })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('refuse a notBefore at or after the expiry', async () => {
    const admin = await createOrganisation();
    const now = Math.floor(Date.now() / 1000);
    expect(
      await createPlaybackToken(admin, { orgwide: true, expiresIn: 3600, notBefore: now + 7200 }),
    ).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { notBefore: expect.any(String) } });
    expect(
      await createPlaybackToken(admin, { orgwide: true, expiresIn: 3600, notBefore: now + 60 }),
    ).toMatchObject({ ok: true, claims: { nbf: now + 60 } });
  });
});
