import { count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import {
  accounts,
  emailConfirmations,
  mailOutbox,
  memberships,
  organisations,
  rateLimitBuckets,
} from '@/db/schema';
import { randomToken } from '@/lib/credentials';
import { sha256 } from '@/lib/crypto';
import { signUp } from '@/lib/services/accounts';
import { NO_CONTEXT, type Actor } from '@/lib/services/actor';
import {
  SIGN_UP_BY_INVITATION,
  completeSignUp,
  requestSignUp,
  signUpIsOpen,
} from '@/lib/services/email-confirmations';
import { answerInvitation } from '@/lib/services/invite-answers';
import { createInvitation, revokeInvitation } from '@/lib/services/invitations';
import { withTestDatabase } from './support/db';
import {
  PASSWORD,
  TEST_ORIGIN,
  createOrganisation,
  roleId,
  tokenInOutbox,
  uniqueEmail,
} from './support/fixtures';

// SIGN_UP=invite-only (docs/product.md, "Sign in and sign up"): only people holding a live
// invitation may sign up, and a refused sign-up writes nothing.

vi.stubEnv('SIGN_UP', 'invite-only');
withTestDatabase();

let client = 0;
const nextClient = () => ({ ...NO_CONTEXT, ip: `198.51.100.${++client % 250}` });

/** Rows of every table a sign-up writes to: none may change on a refusal. */
async function written() {
  const n = async (table: PgTable) => (await getDb().select({ n: count() }).from(table))[0]!.n;
  return {
    accounts: await n(accounts),
    organisations: await n(organisations),
    confirmations: await n(emailConfirmations),
    mails: await n(mailOutbox),
    rateLimits: await n(rateLimitBuckets),
  };
}

async function invite(admin: Actor, email?: string) {
  const inv = await createInvitation(
    admin,
    { roleId: await roleId(admin.organisationId, 'user'), ...(email ? { email } : {}) },
    TEST_ORIGIN,
  );
  if (!inv.ok) throw new Error(inv.error);
  return inv;
}

const ask = (email: string, returnTo: string) =>
  requestSignUp({ email, password: PASSWORD, organisationName: 'Mine' }, nextClient(), {
    origin: TEST_ORIGIN,
    returnTo,
  });

describe('sign-up by invitation only', () => {
  it('is what SIGN_UP=invite-only says', () => {
    expect(signUpIsOpen()).toBe(false);
  });

  it('refuses a sign-up without a live invitation for the address, and writes nothing', async () => {
    const admin = await createOrganisation();
    const bound = await invite(admin, uniqueEmail('someone-else'));
    const revoked = await invite(admin);
    expect((await revokeInvitation(admin, { invitationId: revoked.invitationId })).ok).toBe(true);
    const unknown = randomToken();

    const before = await written();
    const email = uniqueEmail('stranger');
    for (const returnTo of [
      '/organisation',
      `/invite/${unknown}`,
      `/invite/${bound.token}`,
      `/invite/${revoked.token}`,
      `/invite/${bound.token}/../x`,
    ]) {
      expect(await ask(email, returnTo), returnTo).toEqual({
        ok: false,
        code: 'forbidden',
        error: SIGN_UP_BY_INVITATION,
      });
    }
    expect(await written()).toEqual(before);
  });

  it('lets an invitee sign up, without an organisation of their own, and join', async () => {
    const admin = await createOrganisation();
    for (const bound of [true, false]) {
      const email = uniqueEmail('invitee');
      const inv = await invite(admin, bound ? email : undefined);
      const returnTo = `/invite/${inv.token}`;
      expect(await ask(email, returnTo)).toEqual({ ok: true, email });
      const done = await completeSignUp(
        await tokenInOutbox(email, '/confirm-email/'),
        nextClient(),
      );
      expect(done).toMatchObject({ ok: true, email, returnTo });
      if (!done.ok) return;
      expect(
        await answerInvitation({ id: done.accountId, email }, inv.token, 'accept', nextClient()),
      ).toEqual({ ok: true, organisationId: admin.organisationId });
      const rows = await getDb()
        .select({ organisationId: memberships.organisationId })
        .from(memberships)
        .where(eq(memberships.accountId, done.accountId));
      expect(rows).toEqual([{ organisationId: admin.organisationId }]);
    }
  });

  it('makes no organisation from a link mailed while sign-up was open', async () => {
    const email = uniqueEmail('early');
    const token = randomToken();
    await getDb()
      .insert(emailConfirmations)
      .values({
        purpose: 'sign_up',
        email,
        passwordHash: 'not used',
        returnTo: '/organisation',
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + 3600_000),
      });
    expect(await completeSignUp(token, nextClient())).toMatchObject({
      ok: false,
      code: 'forbidden',
      error: SIGN_UP_BY_INVITATION,
    });
    expect(await getDb().select().from(accounts).where(eq(accounts.email, email))).toEqual([]);
  });

  it('still lets the operator create an admin (npm run create-admin uses signUp)', async () => {
    const email = uniqueEmail('first-admin');
    const made = await signUp({ email, password: PASSWORD, organisationName: 'First Co' });
    expect(made).toMatchObject({ ok: true });
    if (!made.ok) return;
    const [org] = await getDb()
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, made.organisationId!));
    expect(org?.name).toBe('First Co');
  });
});
