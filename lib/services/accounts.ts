import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { accounts, memberships } from '@/db/schema';
import { now } from '@/lib/clock';
import { hashPassword, verifyPassword } from '@/lib/crypto';
import { signUpSchema, signInSchema } from '@/lib/validation/auth';
import { NO_CONTEXT, type RequestContext } from './actor';
import { recordAudit } from './audit-log';
import { createOrganisation } from './organisations';
import { hitLimit, refundLimit, type RateLimitName } from './rate-limit';
import { ServiceError, invalid, type Result } from './result';
import { mutation } from './tx';

const EMAIL_TAKEN = 'An account with this email already exists. Sign in instead.';

/**
 * Creates an account and, unless it joins through an invitation, a new organisation
 * whose first member is Admin, in the caller's transaction. Null when the address
 * already has an account (the unique index decides, so two at once cannot both win).
 */
export async function insertAccount(
  tx: Tx,
  input: {
    email: string;
    passwordHash: string;
    organisationName?: string | null;
    withOrganisation: boolean;
    verified: boolean;
  },
  context: RequestContext,
): Promise<{ accountId: string; organisationId: string | null } | null> {
  const { email, passwordHash } = input;
  const [account] = await tx
    .insert(accounts)
    .values({ email, passwordHash, emailVerifiedAt: input.verified ? now() : null })
    .onConflictDoNothing({ target: accounts.email })
    .returning({ id: accounts.id, email: accounts.email });
  if (!account) return null;
  if (!input.withOrganisation) return { accountId: account.id, organisationId: null };

  const name = input.organisationName || `${email.split('@')[0]}’s organisation`;
  const { organisation } = await createOrganisation(tx, { name, account });
  await recordAudit(
    tx,
    organisation.id,
    { kind: 'anonymous', label: email, accountId: account.id, context },
    {
      action: 'organisation.created',
      target: { type: 'organisation', id: organisation.id, label: organisation.name },
      after: { name: organisation.name, admin: email },
    },
  );
  return { accountId: account.id, organisationId: organisation.id };
}

/**
 * Creates an account at once, its address taken as proven (`verified`, default true),
 * with its organisation unless `withOrganisation: false`; all in one transaction. People
 * sign up through a confirmation mail instead (requestSignUp, email-confirmations.ts):
 * this is for scripts and tests that need an account now.
 */
export async function signUp(
  raw: unknown,
  context: RequestContext = NO_CONTEXT,
  {
    withOrganisation = true,
    verified = true,
  }: { withOrganisation?: boolean; verified?: boolean } = {},
): Promise<Result<{ accountId: string; organisationId: string | null }>> {
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { email, password, organisationName } = parsed.data;
  const passwordHash = await hashPassword(password);
  return mutation(async (tx) => {
    const created = await insertAccount(
      tx,
      { email, passwordHash, organisationName, withOrganisation, verified },
      context,
    );
    if (!created) throw new ServiceError('conflict', EMAIL_TAKEN, { email: EMAIL_TAKEN });
    return { ok: true as const, ...created };
  });
}

export type SignInOutcome =
  | { ok: true; accountId: string; email: string }
  | { ok: false; reason: 'invalid' | 'rate_limited' };

/**
 * Checks an email and password. Rate limited per client and per email; a wrong password
 * for an existing account is recorded in the audit log of each of its organisations.
 */
export async function verifySignIn(
  raw: unknown,
  context: RequestContext = NO_CONTEXT,
): Promise<SignInOutcome> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const { email, password } = parsed.data;

  // Per account and client together, per account alone with a far higher ceiling, and
  // per client alone: a stranger's wrong passwords cannot lock the owner out. Every
  // attempt takes its slot first (so parallel guesses cannot overrun a limit), and a
  // right password gives the slots back: only wrong passwords count.
  const subjects: [RateLimitName, string][] = [
    ['signIn', `${email}|${context.ip ?? 'unknown'}`],
    ['signInAccount', email],
  ];
  if (context.ip) subjects.push(['signInClient', context.ip]);
  const limits = await Promise.all(subjects.map(([name, subject]) => hitLimit(name, subject)));
  if (limits.some((l) => !l.allowed)) return { ok: false, reason: 'rate_limited' };

  const db = getDb();
  const [account] = await db.select().from(accounts).where(eq(accounts.email, email)).limit(1);
  const valid = await verifyPassword(password, account?.passwordHash ?? null);
  if (account && valid) {
    await Promise.all(subjects.map(([name, subject]) => refundLimit(name, subject)));
    return {
      ok: true,
      accountId: account.id,
      email: account.email,
    };
  }
  if (account) await recordFailedSignIn(account.id, email, context);
  return { ok: false, reason: 'invalid' };
}

async function recordFailedSignIn(accountId: string, email: string, context: RequestContext) {
  await getDb().transaction(async (tx) => {
    const orgs = await tx
      .select({ organisationId: memberships.organisationId, membershipId: memberships.id })
      .from(memberships)
      .where(eq(memberships.accountId, accountId));
    for (const { organisationId, membershipId } of orgs) {
      await recordAudit(
        tx,
        organisationId,
        { kind: 'anonymous', label: email, context },
        {
          action: 'auth.sign_in_failed',
          target: { type: 'member', id: membershipId, label: email },
        },
      );
    }
  });
}
