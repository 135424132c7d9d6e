import 'server-only';
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import { createElement } from 'react';
import { getDb, type Tx } from '@/db/client';
import {
  accounts,
  emailConfirmations,
  memberships,
  type EmailConfirmationPurpose,
} from '@/db/schema';
import { now } from '@/lib/clock';
import { env } from '@/lib/env';
import { randomToken } from '@/lib/credentials';
import { hashPassword, sha256, verifyPassword } from '@/lib/crypto';
import { enqueueMail } from '@/lib/mail/outbox';
import {
  ChangeEmailMail,
  ConfirmSignUpMail,
  EmailChangedMail,
  SignUpAttemptMail,
  VerifyEmailMail,
} from '@/lib/mail/templates/address';
import { changeEmailSchema, mailTokenSchema, signUpSchema } from '@/lib/validation/auth';
import type { RequestContext } from './actor';
import { insertAccount } from './accounts';
import { invitationAdmits } from './invite-answers';
import { recordAudit } from './audit-log';
import { withinLimits } from './rate-limit';
import { ServiceError, fail, invalid, type Result } from './result';
import { isUniqueViolation } from './sql';
import { mutation } from './tx';

// Addresses proven by mail (docs/email.md, "Verified addresses"): sign-up creates the
// account only once its address is confirmed, and answers the same whether or not the
// address already has one; an existing account verifies its address or changes it
// through a link sent to the address. Each link: 256 bits, only the SHA-256 stored,
// single use, CONFIRM_HOURS.

export const CONFIRM_HOURS = 24;
const LINK_SPENT = 'This link has expired or was already used.';
export const SIGN_UP_BY_INVITATION =
  'Sign-up is by invitation only. Open the invitation link you were sent, or ask an admin of your organisation for one.';

/**
 * SIGN_UP=open: anyone may sign up, with an organisation of their own; invite-only: only
 * people holding a live invitation (docs/product.md, "Sign in and sign up").
 */
export function signUpIsOpen(): boolean {
  return env().SIGN_UP === 'open';
}

/** The page a confirmation link opens (app/(auth)/confirm-email/[token]). */
const confirmUrl = (origin: string, token: string) => `${origin}/confirm-email/${token}`;

async function insertConfirmation(
  tx: Tx,
  row: Omit<typeof emailConfirmations.$inferInsert, 'tokenHash' | 'expiresAt'>,
): Promise<string> {
  const token = randomToken();
  await tx.insert(emailConfirmations).values({
    ...row,
    tokenHash: sha256(token),
    expiresAt: new Date(now().getTime() + CONFIRM_HOURS * 3600_000),
  });
  return token;
}

/** One address's mails are limited (a mailbox is not flooded), and each client's asks. */
async function mailLimitsAllow(email: string, context: RequestContext) {
  const [perAddress, perClient] = await Promise.all([
    withinLimits('addressMail', [`email:${sha256(email).slice(0, 32)}`]),
    withinLimits('addressMailClient', [context.ip && `ip:${context.ip}`]),
  ]);
  return perAddress && perClient;
}

/**
 * The sign-up form: mails a link that creates the account (and its organisation, unless
 * `returnTo` is an invitation) when followed; to an address that has an account, a mail
 * telling its owner instead. The same answer, after the same work, either way. With
 * sign-up by invitation only, refused unless `returnTo` is a live invitation for `email`.
 */
export async function requestSignUp(
  raw: unknown,
  context: RequestContext,
  { origin, returnTo }: { origin: string; returnTo: string },
): Promise<Result<{ email: string }>> {
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { email, password, organisationName } = parsed.data;
  // Before the rate limits: a refused sign-up writes nothing.
  if (!signUpIsOpen() && !(await invitationAdmits(returnTo, email)))
    return fail('forbidden', SIGN_UP_BY_INVITATION);
  const [allowed, clientAllowed] = await Promise.all([
    mailLimitsAllow(email, context),
    withinLimits('signUp', [context.ip && `ip:${context.ip}`]),
  ]);
  if (!allowed || !clientAllowed)
    return fail('rate_limited', 'Too many sign-ups from here. Try again in a minute.');
  const passwordHash = await hashPassword(password);
  const [existing] = await getDb()
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.email, email));
  await getDb().transaction(async (tx) => {
    if (existing) {
      await enqueueMail(tx, {
        kind: 'sign_up_existing',
        to: email,
        subject: 'You already have an account',
        body: createElement(SignUpAttemptMail, {
          email,
          signInUrl: `${origin}/sign-in?email=${encodeURIComponent(email)}`,
          resetUrl: `${origin}/forgot-password`,
        }),
      });
      return;
    }
    const token = await insertConfirmation(tx, {
      purpose: 'sign_up',
      email,
      passwordHash,
      organisationName: organisationName ?? null,
      returnTo,
    });
    await enqueueMail(tx, {
      kind: 'sign_up',
      to: email,
      subject: 'Confirm your email address',
      body: createElement(ConfirmSignUpMail, {
        email,
        url: confirmUrl(origin, token),
        hours: CONFIRM_HOURS,
      }),
    });
  });
  return { ok: true, email };
}

/** Spends a live link of one of `purposes`: the row, or null when there is none. */
async function spend(tx: Tx, token: string, purposes: EmailConfirmationPurpose[]) {
  if (!mailTokenSchema.safeParse(token).success) return null;
  const [row] = await tx
    .update(emailConfirmations)
    .set({ usedAt: now() })
    .where(
      and(
        eq(emailConfirmations.tokenHash, sha256(token)),
        inArray(emailConfirmations.purpose, purposes),
        isNull(emailConfirmations.usedAt),
        gt(emailConfirmations.expiresAt, now()),
      ),
    )
    .returning();
  return row ?? null;
}

/** What a confirmation link is for, while it can still be used. */
export async function lookupConfirmation(
  token: string,
): Promise<
  { ok: true; purpose: EmailConfirmationPurpose; email: string; returnTo: string } | { ok: false }
> {
  if (!mailTokenSchema.safeParse(token).success) return { ok: false };
  const [row] = await getDb()
    .select({
      purpose: emailConfirmations.purpose,
      email: emailConfirmations.email,
      returnTo: emailConfirmations.returnTo,
    })
    .from(emailConfirmations)
    .where(
      and(
        eq(emailConfirmations.tokenHash, sha256(token)),
        isNull(emailConfirmations.usedAt),
        gt(emailConfirmations.expiresAt, now()),
      ),
    );
  return row ? { ok: true, ...row, returnTo: row.returnTo ?? '/organisation' } : { ok: false };
}

/**
 * Follows a sign-up link: creates the account, its address verified, and its
 * organisation. Called by the sign-in provider that then starts its session
 * (lib/auth/config.ts).
 */
export async function completeSignUp(
  token: string,
  context: RequestContext,
): Promise<Result<{ accountId: string; email: string; returnTo: string }>> {
  return mutation(async (tx) => {
    const row = await spend(tx, token, ['sign_up']);
    if (!row?.passwordHash) throw new ServiceError('not_found', LINK_SPENT);
    const returnTo = row.returnTo ?? '/organisation';
    const invited = returnTo.startsWith('/invite/');
    // A link mailed while sign-up was open makes no organisation once it is not.
    if (!invited && !signUpIsOpen()) throw new ServiceError('forbidden', SIGN_UP_BY_INVITATION);
    const created = await insertAccount(
      tx,
      {
        email: row.email,
        passwordHash: row.passwordHash,
        organisationName: row.organisationName,
        withOrganisation: !invited,
        verified: true,
      },
      context,
    );
    if (!created)
      throw new ServiceError('conflict', 'This address already has an account. Sign in instead.');
    return { ok: true as const, accountId: created.accountId, email: row.email, returnTo };
  });
}

async function accountOf(accountId: string) {
  const [account] = await getDb().select().from(accounts).where(eq(accounts.id, accountId));
  return account ?? null;
}

/** Mails a link proving the account's address; nothing to do when it is proven. */
export async function requestEmailVerification(
  accountId: string,
  context: RequestContext,
  origin: string,
): Promise<Result<{ email: string; alreadyVerified: boolean }>> {
  const account = await accountOf(accountId);
  if (!account) return fail('unauthenticated', 'Sign in first.');
  if (account.emailVerifiedAt) return { ok: true, email: account.email, alreadyVerified: true };
  if (!(await mailLimitsAllow(account.email, context)))
    return fail('rate_limited', 'Too many mails to this address. Wait a few minutes.');
  await getDb().transaction(async (tx) => {
    const token = await insertConfirmation(tx, {
      purpose: 'verify_email',
      accountId,
      email: account.email,
    });
    await enqueueMail(tx, {
      kind: 'verify_email',
      to: account.email,
      subject: 'Verify your email address',
      body: createElement(VerifyEmailMail, {
        email: account.email,
        url: confirmUrl(origin, token),
        hours: CONFIRM_HOURS,
      }),
    });
  });
  return { ok: true, email: account.email, alreadyVerified: false };
}

/**
 * A change of the account's address, asked with its current password: a link to the new
 * address makes the change. Whether the new address has an account is not said here.
 */
export async function requestEmailChange(
  accountId: string,
  raw: unknown,
  context: RequestContext,
  origin: string,
): Promise<Result<{ email: string }>> {
  const parsed = changeEmailSchema.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { email, password } = parsed.data;
  const account = await accountOf(accountId);
  if (!account) return fail('unauthenticated', 'Sign in first.');
  if (!(await mailLimitsAllow(email, context)))
    return fail('rate_limited', 'Too many mails to this address. Wait a few minutes.');
  if (!(await verifyPassword(password, account.passwordHash)))
    return fail('invalid', 'Please correct the highlighted fields.', {
      password: 'That is not your current password.',
    });
  if (email === account.email)
    return fail('invalid', 'Please correct the highlighted fields.', {
      email: 'This is already your address.',
    });
  await getDb().transaction(async (tx) => {
    const token = await insertConfirmation(tx, { purpose: 'change_email', accountId, email });
    await enqueueMail(tx, {
      kind: 'change_email',
      to: email,
      subject: 'Confirm your new email address',
      body: createElement(ChangeEmailMail, {
        oldEmail: account.email,
        newEmail: email,
        url: confirmUrl(origin, token),
        hours: CONFIRM_HOURS,
      }),
    });
  });
  return { ok: true, email };
}

/**
 * Follows a verification or change-of-address link. A change renames the account and its
 * memberships, writes `member.email_changed` in each of its organisations, tells the old
 * address, and spends the account's other address links.
 */
export async function confirmEmail(
  token: string,
  context: RequestContext,
): Promise<Result<{ purpose: 'verify_email' | 'change_email'; email: string }>> {
  return mutation(async (tx) => {
    const row = await spend(tx, token, ['verify_email', 'change_email']);
    if (!row?.accountId) throw new ServiceError('not_found', LINK_SPENT);
    const [account] = await tx
      .select()
      .from(accounts)
      .where(eq(accounts.id, row.accountId))
      .for('update');
    if (!account) throw new ServiceError('not_found', LINK_SPENT);
    const purpose = row.purpose as 'verify_email' | 'change_email';
    // Another link changed the address since this one was sent: it proves nothing now.
    if (purpose === 'verify_email' && account.email !== row.email)
      throw new ServiceError('not_found', LINK_SPENT);

    const verifiedAt = now();
    if (purpose === 'change_email') {
      await renameAccount(tx, account, row.email, verifiedAt, context);
    } else {
      await tx
        .update(accounts)
        .set({ emailVerifiedAt: verifiedAt })
        .where(eq(accounts.id, account.id));
    }
    await tx
      .update(emailConfirmations)
      .set({ usedAt: verifiedAt })
      .where(and(eq(emailConfirmations.accountId, account.id), isNull(emailConfirmations.usedAt)));
    return { ok: true as const, purpose, email: row.email };
  });
}

async function renameAccount(
  tx: Tx,
  account: typeof accounts.$inferSelect,
  email: string,
  verifiedAt: Date,
  context: RequestContext,
) {
  const [taken] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.email, email));
  const TAKEN = 'This address already has an account, so it cannot be yours too.';
  if (taken) throw new ServiceError('conflict', TAKEN);
  try {
    await tx
      .update(accounts)
      .set({ email, emailVerifiedAt: verifiedAt })
      .where(eq(accounts.id, account.id));
  } catch (err) {
    // Taken between the check and the update, by a sign-up or another change.
    if (isUniqueViolation(err)) throw new ServiceError('conflict', TAKEN);
    throw err;
  }
  const renamed = await tx
    .update(memberships)
    .set({ email })
    .where(eq(memberships.accountId, account.id))
    .returning({ id: memberships.id, organisationId: memberships.organisationId });
  for (const m of renamed) {
    await recordAudit(
      tx,
      m.organisationId,
      { kind: 'account', label: email, accountId: account.id, context },
      {
        action: 'member.email_changed',
        target: { type: 'member', id: m.id, label: email },
        before: { email: account.email },
        after: { email },
      },
    );
  }
  await enqueueMail(tx, {
    kind: 'email_changed',
    to: account.email,
    subject: 'Your email address changed',
    body: createElement(EmailChangedMail, { oldEmail: account.email, newEmail: email }),
  });
}
