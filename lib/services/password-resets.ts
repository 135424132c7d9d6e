import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { createElement } from 'react';
import { getDb } from '@/db/client';
import { accounts, emailConfirmations, passwordResets, sessions } from '@/db/schema';
import { now } from '@/lib/clock';
import { randomToken } from '@/lib/credentials';
import { hashPassword, sha256 } from '@/lib/crypto';
import { enqueueMail } from '@/lib/mail/outbox';
import { PasswordResetMail } from '@/lib/mail/templates/password-reset';
import { forgotPasswordSchema, mailTokenSchema, resetPasswordSchema } from '@/lib/validation/auth';
import type { RequestContext } from './actor';
import { fail, invalid, type Result } from './result';
import { withinLimits } from './rate-limit';

// "Forgot password?" (docs/email.md, "Password reset"): a link by mail, single use, valid
// 30 minutes, only its SHA-256 stored. The answer to a request is the same whether or not
// the address has an account; setting the new password ends every session of the account.

export const RESET_MINUTES = 30;

/**
 * Sends a reset link to `raw.email` when it has an account; the same answer when it has
 * not. Rate limited per address and per client. `origin` is where the link points.
 */
export async function requestPasswordReset(
  raw: unknown,
  context: RequestContext,
  origin: string,
): Promise<Result> {
  const parsed = forgotPasswordSchema.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { email } = parsed.data;
  const [perAddress, perClient] = await Promise.all([
    withinLimits('passwordReset', [`email:${sha256(email).slice(0, 32)}`]),
    withinLimits('passwordResetClient', [context.ip && `ip:${context.ip}`]),
  ]);
  if (!perAddress || !perClient)
    return fail('rate_limited', 'Too many reset requests. Wait a few minutes and try again.');
  const [account] = await getDb()
    .select({ id: accounts.id, email: accounts.email })
    .from(accounts)
    .where(eq(accounts.email, email));
  if (!account) return { ok: true };
  const token = randomToken();
  await getDb().transaction(async (tx) => {
    await tx.insert(passwordResets).values({
      accountId: account.id,
      tokenHash: sha256(token),
      expiresAt: new Date(now().getTime() + RESET_MINUTES * 60_000),
    });
    await enqueueMail(tx, {
      kind: 'password_reset',
      to: account.email,
      subject: 'Set a new password',
      body: createElement(PasswordResetMail, {
        email: account.email,
        url: `${origin}/reset-password/${token}`,
        minutes: RESET_MINUTES,
      }),
    });
  });
  return { ok: true };
}

/** Whether a reset link can still be used, and for which address. */
export async function lookupPasswordReset(
  token: string,
): Promise<{ ok: true; email: string } | { ok: false }> {
  if (!mailTokenSchema.safeParse(token).success) return { ok: false };
  const [row] = await getDb()
    .select({ email: accounts.email })
    .from(passwordResets)
    .innerJoin(accounts, eq(accounts.id, passwordResets.accountId))
    .where(
      and(
        eq(passwordResets.tokenHash, sha256(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now()),
      ),
    );
  return row ? { ok: true, email: row.email } : { ok: false };
}

/**
 * Sets the new password through a reset link: once (two at the same time, one wins), then
 * every other link of the account is spent too and every session of it ends.
 */
export async function resetPassword(raw: unknown): Promise<Result<{ email: string }>> {
  const parsed = resetPasswordSchema.safeParse(raw);
  if (!parsed.success) {
    const failure = invalid(parsed.error);
    return failure.fieldErrors?.token
      ? fail('not_found', 'This link has expired or was already used. Ask for a new one.')
      : failure;
  }
  const passwordHash = await hashPassword(parsed.data.password);
  return getDb().transaction(async (tx) => {
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: now() })
      .where(
        and(
          eq(passwordResets.tokenHash, sha256(parsed.data.token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now()),
        ),
      )
      .returning({ accountId: passwordResets.accountId });
    if (!reset)
      return fail('not_found', 'This link has expired or was already used. Ask for a new one.');
    // Following the link proved the address too.
    const [account] = await tx
      .update(accounts)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${accounts.emailVerifiedAt}, now())` })
      .where(eq(accounts.id, reset.accountId))
      .returning({ email: accounts.email });
    await tx
      .update(passwordResets)
      .set({ usedAt: now() })
      .where(and(eq(passwordResets.accountId, reset.accountId), isNull(passwordResets.usedAt)));
    // A change of address asked from a session the reset ends goes with it.
    await tx
      .update(emailConfirmations)
      .set({ usedAt: now() })
      .where(
        and(eq(emailConfirmations.accountId, reset.accountId), isNull(emailConfirmations.usedAt)),
      );
    await tx.delete(sessions).where(eq(sessions.accountId, reset.accountId));
    return { ok: true as const, email: account!.email };
  });
}
