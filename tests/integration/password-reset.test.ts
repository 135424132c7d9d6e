import { count, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { mailOutbox, passwordResets, sessions } from '@/db/schema';
import { shiftClock } from '@/lib/clock';
import { sha256 } from '@/lib/crypto';
import { enqueueMail } from '@/lib/mail/outbox';
import { PasswordResetMail } from '@/lib/mail/templates/password-reset';
import { sendDueMails } from '@/lib/mail/worker';
import { verifySignIn } from '@/lib/services/accounts';
import { NO_CONTEXT } from '@/lib/services/actor';
import {
  lookupPasswordReset,
  requestPasswordReset,
  resetPassword,
} from '@/lib/services/password-resets';
import { listSessions, startSession } from '@/lib/services/sessions';
import { withTestDatabase } from './support/db';
import { PASSWORD, createOrganisation } from './support/fixtures';
import { smtpServer } from './support/smtp';

// Password reset with a real SMTP server (smtp-server, started here) and the mails read
// back with mailparser: the link arrives after the commit, works once for 30 minutes, and
// ends every session; an unknown address gets the same answer and no mail
// (docs/email.md).

withTestDatabase();
const { caught, control, linkTo } = await smtpServer();
afterEach(() => shiftClock(0));

const ORIGIN = 'https://dashboard.test';
const context = (ip: string) => ({ ...NO_CONTEXT, ip });
let client = 0;
/** A client address of its own per call, so the per-client limit stays out of the way. */
const nextClient = () => context(`198.51.100.${++client}`);

const linkFor = (email: string) => linkTo(email, '/reset-password/');

describe('password reset', () => {
  it('mails a single-use link after the commit; the new password ends every session', async () => {
    const admin = await createOrganisation();
    const email = admin.label;
    const session = await startSession(admin.accountId!, NO_CONTEXT);
    expect(
      await requestPasswordReset({ email: ` ${email.toUpperCase()} ` }, nextClient(), ORIGIN),
    ).toEqual({
      ok: true,
    });

    const { token, mail } = await linkFor(email);
    expect(mail.subject).toBe('Set a new password');
    expect(mail.from?.value).toEqual([{ name: 'Dashboard', address: 'no-reply@dashboard.test' }]);
    expect(mail.html).toContain(`${ORIGIN}/reset-password/${token}`);
    expect(mail.text).toContain('30 minutes');
    // Only the link's hash is kept; the mail's content is cleared once sent.
    const [row] = await getDb()
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.tokenHash, sha256(token)));
    expect(row).toBeDefined();
    const [queued] = await getDb().select().from(mailOutbox).where(eq(mailOutbox.recipient, email));
    expect(queued).toMatchObject({ state: 'sent', contentEncrypted: '', attempts: 1 });
    expect(JSON.stringify(await getDb().select().from(passwordResets))).not.toContain(token);

    expect(await lookupPasswordReset(token)).toEqual({ ok: true, email });
    // A short password is refused, and the link still works.
    expect(await resetPassword({ token, password: 'short' })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { password: expect.any(String) },
    });
    const newPassword = 'a brand new password 42';
    expect(await resetPassword({ token, password: newPassword })).toEqual({ ok: true, email });
    expect((await verifySignIn({ email, password: newPassword }, nextClient())).ok).toBe(true);
    expect((await verifySignIn({ email, password: PASSWORD }, nextClient())).ok).toBe(false);
    expect(await listSessions(admin.accountId!, session)).toEqual([]);
    // Used once: the link is spent.
    expect(await lookupPasswordReset(token)).toEqual({ ok: false });
    expect(await resetPassword({ token, password: 'yet another password 1' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('answers an unknown address the same, and sends nothing', async () => {
    const before = await getDb().select({ n: count() }).from(mailOutbox);
    expect(
      await requestPasswordReset({ email: 'nobody-here@example.test' }, nextClient(), ORIGIN),
    ).toEqual({ ok: true });
    expect(await getDb().select({ n: count() }).from(mailOutbox)).toEqual(before);
    expect(await sendDueMails()).toBe(0);
    expect(caught).toEqual([]);
  });

  it('refuses a bad address, an expired link, a spent one, and too many requests', async () => {
    expect(
      await requestPasswordReset({ email: 'not an address' }, nextClient(), ORIGIN),
    ).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { email: expect.any(String) },
    });
    expect(
      await requestPasswordReset({ email: 'a@b.co\u0000' }, nextClient(), ORIGIN),
    ).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    const admin = await createOrganisation();
    await requestPasswordReset({ email: admin.label }, nextClient(), ORIGIN);
    await requestPasswordReset({ email: admin.label }, nextClient(), ORIGIN);
    const [first, second] = [(await linkFor(admin.label)).token, ''];
    expect(second).toBe('');
    // 31 minutes later the link is expired.
    shiftClock(31 * 60_000);
    expect(await lookupPasswordReset(first)).toEqual({ ok: false });
    expect(await resetPassword({ token: first, password: 'a new password 12345' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    shiftClock(0);
    // A third request within the window is the last one allowed for this address.
    expect((await requestPasswordReset({ email: admin.label }, nextClient(), ORIGIN)).ok).toBe(
      true,
    );
    expect(await requestPasswordReset({ email: admin.label }, nextClient(), ORIGIN)).toMatchObject({
      ok: false,
      code: 'rate_limited',
    });
    // Garbage in place of a token.
    for (const token of ['', 'x', '../../etc', 'a'.repeat(43) + '\u0000'])
      expect(await lookupPasswordReset(token)).toEqual({ ok: false });
  });
});

describe('the mail outbox', () => {
  it('sends nothing for a transaction that rolls back', async () => {
    const before = await getDb().select({ n: count() }).from(mailOutbox);
    await expect(
      getDb().transaction(async (tx) => {
        await enqueueMail(tx, {
          kind: 'password_reset',
          to: 'rolled-back@example.test',
          subject: 'Never sent',
          body: PasswordResetMail({ email: 'x@example.test', url: `${ORIGIN}/x`, minutes: 30 }),
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await getDb().select({ n: count() }).from(mailOutbox)).toEqual(before);
  });

  it('retries a mail the SMTP server refused, with backoff, then sends it', async () => {
    const admin = await createOrganisation();
    await requestPasswordReset({ email: admin.label }, nextClient(), ORIGIN);
    control.refuse = true;
    const started = Date.now();
    expect(await sendDueMails()).toBe(1);
    const [failed] = await getDb()
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.recipient, admin.label));
    expect(failed).toMatchObject({ state: 'pending', attempts: 1 });
    expect(failed!.lastError).toMatch(/Mailbox unavailable/);
    expect(failed!.contentEncrypted).not.toBe('');
    const wait = failed!.nextAttemptAt.getTime() - started;
    expect(wait).toBeGreaterThan(20_000);
    expect(wait).toBeLessThan(60_000);
    expect(await sendDueMails()).toBe(0);

    control.refuse = false;
    await getDb()
      .update(mailOutbox)
      .set({ nextAttemptAt: sql`now()` })
      .where(eq(mailOutbox.id, failed!.id));
    await linkFor(admin.label);
    const [sent] = await getDb().select().from(mailOutbox).where(eq(mailOutbox.id, failed!.id));
    expect(sent).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
    expect(
      await getDb()
        .select({ n: count() })
        .from(sessions)
        .where(eq(sessions.accountId, admin.accountId!)),
    ).toEqual([{ n: 0 }]);
  });
});
