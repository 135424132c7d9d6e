import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { signUp } from '@/lib/services/accounts';
import { NO_CONTEXT, type Actor } from '@/lib/services/actor';
import { answerInvitation } from '@/lib/services/invite-answers';
import {
  createInvitation,
  createInvitations,
  regenerateInvitation,
  resendInvitation,
  revokeInvitation,
} from '@/lib/services/invitations';
import {
  completeSignUp,
  confirmEmail,
  requestEmailChange,
  requestSignUp,
} from '@/lib/services/email-confirmations';
import { bulkUpdateMembers } from '@/lib/services/bulk-members';
import {
  deleteMember,
  reactivateMember,
  resetMemberToken,
  suspendMember,
  updateMemberRole,
} from '@/lib/services/members';
import type { Result } from '@/lib/services/result';
import { createRole, deleteRole, updateRole } from '@/lib/services/roles';
import {
  createStream,
  deleteStream,
  lockStream,
  setStreamTags,
  stopStream,
  unlockStream,
} from '@/lib/services/streams';
import { createTag, deleteTag, renameTag } from '@/lib/services/tags';
import { createPlaybackToken } from '@/lib/services/playback-tokens';
import { rotateApiKey } from '@/lib/services/api-key';
import { issueBintuToken, issueBintuTokenWithPassword } from '@/lib/services/tokens';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from '@/lib/services/webhooks';
import { withTestDatabase } from './support/db';
import {
  PASSWORD,
  addMember,
  createOrganisation,
  roleId,
  uniqueEmail,
  TEST_ORIGIN,
  tokenInOutbox,
} from './support/fixtures';

withTestDatabase();

// Every mutation writes an audit event (docs/security.md, "Audit"). This file makes that a checked
// rule for everything lib/services exports, including services added after it was
// written, by what each function does rather than what it is called:
//   - a function writes when its source runs an insert, update or delete (drizzle's
//     `.insert(`, `.update(`, `.delete(`, a raw `.execute(sql`…`)`, or a `mutation(`; a
//     prepared read's `.execute({…})` is not one), or calls
//     a function of lib/services that writes (followed through every service file);
//   - every export that writes needs a case in CASES (which runs it successfully on a
//     fresh organisation and requires a new audit event) or a reason in NOT_AUDITED;
//   - an export that writes nothing is a read and needs neither.
// The classifier itself is checked: every case must be seen to write.

const WRITES = /\.(insert|update|delete)\(|\.execute\(\s*sql`|\bmutation\(/;

/**
 * Top-level functions of a source file, name → source: the file is cut where a line
 * starts a declaration at column 0, so each piece runs to the next declaration.
 */
function topLevelFunctions(source: string): Map<string, string> {
  const out = new Map<string, string>();
  const pieces = source.split(
    /^(?=(?:export )?(?:async )?(?:function|const|let|class|type|interface) )/m,
  );
  for (const piece of pieces) {
    const name = /^(?:export )?(?:async )?(?:function|const) (\w+)/.exec(piece)?.[1];
    if (name) out.set(name, piece);
  }
  return out;
}

/** Every function of lib/services that writes, directly or through another one. */
function writingFunctions(): Set<string> {
  const bodies = new Map<string, string>();
  for (const file of readdirSync(SERVICES).filter((f) => /\.tsx?$/.test(f))) {
    const source = readFileSync(path.join(SERVICES, file), 'utf8');
    for (const [name, body] of topLevelFunctions(source)) {
      // Strip the declaration line's own name, and comments, before looking for calls.
      bodies.set(name, body.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''));
    }
  }
  const writers = new Set([...bodies].filter(([, body]) => WRITES.test(body)).map(([n]) => n));
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, body] of bodies) {
      if (writers.has(name)) continue;
      const calls = [...body.matchAll(/\b(\w+)\(/g)].map((m) => m[1]!).filter((c) => c !== name);
      if (calls.some((c) => writers.has(c))) {
        writers.add(name);
        grew = true;
      }
    }
  }
  return writers;
}

/** `file#export`. Each entry says why the function writes no audit event of its own. */
const NOT_AUDITED: Record<string, string> = {
  // The audit write itself.
  'audit-log#recordAudit': 'writes the event, inside the caller’s transaction',
  'audit-log#recordAudits': 'writes the events of a bulk change, inside the caller’s transaction',
  // Steps inside another mutation's transaction; that mutation records the event.
  'organisations#createOrganisation':
    'runs inside signUp (which records organisation.created) or the seed',
  'memberships#insertMembership':
    'runs inside createOrganisation or answerInvitation (their callers record the event)',
  'memberships#insertMemberships': 'as insertMembership, several at once (the seed)',
  // An account's, not an organisation's: there is no organisation's log to write to.
  'password-resets#requestPasswordReset': 'queues a reset link for an account (docs/email.md)',
  'password-resets#resetPassword': 'sets an account’s password through its link',
  'email-confirmations#requestSignUp':
    'queues a confirmation mail; no account or organisation exists until its link',
  'email-confirmations#requestEmailVerification': 'queues a link proving an account’s address',
  'email-confirmations#requestEmailChange':
    'queues a link to the new address; the change is audited when it is followed',
  'accounts#insertAccount':
    'runs inside signUp or completeSignUp, which record organisation.created (cases below)',
  'webhook-outbox#enqueueWebhookEvents':
    'runs inside recordAudits: the webhook events of the audit events just written',
  // Sending again is no change: the change it reports was audited when it happened.
  'webhooks#sendTestEvent': 'queues a test delivery to one endpoint; changes nothing',
  'webhooks#redeliverEvent': 'queues an audited event again for one endpoint',
  'memberships#replaceTokenKey':
    'runs inside updateMemberRole or resetMemberToken, which record the event',
  'memberships#replaceTokenKeys':
    'runs inside replaceTokenKey or bulkUpdateMembers, which record the events',
  // Not changes to an organisation.
  'accounts#verifySignIn':
    'a sign-in changes nothing; a failed one for a known account is recorded as auth.sign_in_failed (audit.test.ts)',
  'sessions#startSession': 'a sign-in of the account, in no organisation',
  'sessions#touchSession': 'the last-seen time of the account’s own session',
  'sessions#endSession': 'a sign-out of the account, in no organisation',
  'sessions#endAllSessions': 'the account’s own sessions, in no organisation',
  'sessions#revokeSession': 'the account’s own sessions, in no organisation',
  'actor#resolveMemberActor':
    'a read; it only refreshes the session’s last-seen time and the member’s last activity',
  'activity#recordActivity': 'the last-activity time of a member and of their bintu token',
  'authenticate#authenticateBintuToken':
    'a read; it only refreshes the last use of the token and its member’s last activity',
  'authenticate#authenticateRequest':
    'a read; it only refreshes the last use of a bintu token and its member’s last activity',
  'rate-limit#hitRateLimit': 'counts requests for rate limits',
  'rate-limit#hitLimit': 'counts requests for rate limits',
  'rate-limit#withinLimits': 'counts requests for rate limits, several subjects at once',
  'rate-limit#hitLimitsIn':
    'counts requests for rate limits, several subjects at once, in the caller’s transaction',
  'rate-limit#refundLimit': 'gives a sign-in’s rate-limit slot back after a right password',
  'invite-answers#lookupInvitation': 'a read; it counts the lookup against the rate limits',
};

/** Prepares what the mutation needs (not counted) and returns the call to measure. */
type Case = (admin: Actor) => Promise<() => Promise<unknown>>;

function must<T extends object>(result: Result<T>): T {
  if (!result.ok) throw new Error(`setup failed: ${result.error}`);
  return result;
}

async function newAccount() {
  const email = uniqueEmail('covered');
  const r = must(
    await signUp({ email, password: PASSWORD }, NO_CONTEXT, { withOrganisation: false }),
  );
  return { id: r.accountId, email };
}

const userRole = (admin: Actor) => roleId(admin.organisationId, 'user');
const invite = async (admin: Actor) =>
  must(await createInvitation(admin, { roleId: await userRole(admin) }, TEST_ORIGIN));
const customRole = async (admin: Actor) =>
  must(
    await createRole(admin, {
      name: `Covered ${uniqueEmail('r').slice(2, 12)}`,
      permissions: ['streams:read'],
      audiences: ['dashboard'],
    }),
  );
const stream = async (admin: Actor) =>
  must(await createStream(admin, { name: 'Covered stream' })).stream;
const tag = async (admin: Actor, name = 'covered') => must(await createTag(admin, { name })).tag;
// A public address literal: saved without a DNS lookup, never sent to (no worker runs here).
const HOOK_URL = 'https://93.184.216.34/covered';
const endpoint = async (admin: Actor) =>
  must(await createWebhookEndpoint(admin, { url: HOOK_URL, eventTypes: ['member.joined'] }))
    .endpoint.id;

const CASES: Record<string, Case> = {
  // With an organisation (the default). An invitee's sign-up (`withOrganisation: false`)
  // creates an account in no organisation yet: there is no log to write to, and the
  // invitation.accepted that follows records them joining.
  'accounts#signUp': async () => () =>
    signUp({ email: uniqueEmail('covered'), password: PASSWORD }),

  'members#updateMemberRole': async (admin) => {
    const member = await addMember(admin.organisationId, 'readonly');
    const roleId = await userRole(admin);
    return () => updateMemberRole(admin, { membershipId: member.membershipId, roleId });
  },
  'members#resetMemberToken': async (admin) => {
    const member = await addMember(admin.organisationId, 'user');
    return () => resetMemberToken(admin, { membershipId: member.membershipId });
  },
  'members#suspendMember': async (admin) => {
    const member = await addMember(admin.organisationId, 'user');
    return () => suspendMember(admin, { membershipId: member.membershipId });
  },
  'members#reactivateMember': async (admin) => {
    const member = await addMember(admin.organisationId, 'user');
    must(await suspendMember(admin, { membershipId: member.membershipId }));
    return () => reactivateMember(admin, { membershipId: member.membershipId });
  },
  'members#deleteMember': async (admin) => {
    const member = await addMember(admin.organisationId, 'user');
    return () => deleteMember(admin, { membershipId: member.membershipId });
  },
  'bulk-members#bulkUpdateMembers': async (admin) => {
    const member = await addMember(admin.organisationId, 'user');
    return () =>
      bulkUpdateMembers(admin, { action: 'reset_token', members: [member.membershipId] });
  },

  'invitations#createInvitation': async (admin) => {
    const roleId = await userRole(admin);
    return () => createInvitation(admin, { roleId }, TEST_ORIGIN);
  },
  // A bulk invite writes one invitation.created per invited row (bulk-invite.test.ts).
  'invitations#createInvitations': async (admin) => {
    const roleId = await userRole(admin);
    return () => createInvitations(admin, { list: uniqueEmail('bulk'), roleId }, TEST_ORIGIN);
  },
  'invitations#revokeInvitation': async (admin) => {
    const { invitationId } = await invite(admin);
    return () => revokeInvitation(admin, { invitationId });
  },
  'invitations#resendInvitation': async (admin) => {
    const roleId = await userRole(admin);
    const { invitationId } = must(
      await createInvitation(admin, { roleId, email: uniqueEmail('resent') }, TEST_ORIGIN),
    );
    return () => resendInvitation(admin, { invitationId }, TEST_ORIGIN);
  },
  // A confirmed sign-up creates its organisation (organisation.created).
  'email-confirmations#completeSignUp': async () => {
    const email = uniqueEmail('confirmed');
    must(
      await requestSignUp({ email, password: PASSWORD }, NO_CONTEXT, {
        origin: TEST_ORIGIN,
        returnTo: '/organisation',
      }),
    );
    const token = await tokenInOutbox(email, '/confirm-email/');
    return () => completeSignUp(token, NO_CONTEXT);
  },
  // A change of address is member.email_changed in each of the account's organisations.
  'email-confirmations#confirmEmail': async (admin) => {
    const { token: invite_ } = await invite(admin);
    const account = await newAccount();
    expect((await answerInvitation(account, invite_, 'accept', NO_CONTEXT)).ok).toBe(true);
    const moved = uniqueEmail('moved');
    must(
      await requestEmailChange(
        account.id,
        { email: moved, password: PASSWORD },
        NO_CONTEXT,
        TEST_ORIGIN,
      ),
    );
    const token = await tokenInOutbox(moved, '/confirm-email/');
    return () => confirmEmail(token, NO_CONTEXT);
  },
  'invitations#regenerateInvitation': async (admin) => {
    const { invitationId } = await invite(admin);
    return () => regenerateInvitation(admin, { invitationId });
  },
  'invite-answers#answerInvitation': async (admin) => {
    const { token } = await invite(admin);
    const account = await newAccount();
    return () => answerInvitation(account, token, 'accept', NO_CONTEXT);
  },

  'roles#createRole': async (admin) => () =>
    createRole(admin, {
      name: 'Covered role',
      permissions: ['streams:read'],
      audiences: ['dashboard'],
    }),
  'roles#updateRole': async (admin) => {
    const { roleId } = await customRole(admin);
    return () =>
      updateRole(admin, {
        roleId,
        name: 'Covered, renamed',
        permissions: [],
        audiences: ['dashboard'],
      });
  },
  'roles#deleteRole': async (admin) => {
    const { roleId } = await customRole(admin);
    return () => deleteRole(admin, { roleId });
  },

  'streams#createStream': async (admin) => () => createStream(admin, { name: 'Covered stream' }),
  'streams#stopStream': async (admin) => {
    const { id } = await stream(admin);
    return () => stopStream(admin, { streamId: id });
  },
  'streams#lockStream': async (admin) => {
    const { id } = await stream(admin);
    return () => lockStream(admin, { streamId: id });
  },
  'streams#unlockStream': async (admin) => {
    const { id } = await stream(admin);
    must(await lockStream(admin, { streamId: id }));
    return () => unlockStream(admin, { streamId: id });
  },
  'streams#deleteStream': async (admin) => {
    const { id } = await stream(admin);
    return () => deleteStream(admin, { streamId: id });
  },
  'streams#setStreamTags': async (admin) => {
    const { name } = await tag(admin);
    const { id } = await stream(admin);
    return () => setStreamTags(admin, { streamId: id, tags: [name] });
  },

  'tags#createTag': async (admin) => () => createTag(admin, { name: 'covered' }),
  'tags#renameTag': async (admin) => {
    const { id } = await tag(admin);
    return () => renameTag(admin, { tagId: id, name: 'covered-renamed' });
  },
  'tags#deleteTag': async (admin) => {
    const { id } = await tag(admin);
    return () => deleteTag(admin, { tagId: id });
  },

  'webhooks#createWebhookEndpoint': async (admin) => () =>
    createWebhookEndpoint(admin, { url: HOOK_URL, eventTypes: ['member.joined'] }),
  'webhooks#updateWebhookEndpoint': async (admin) => {
    const id = await endpoint(admin);
    return () => updateWebhookEndpoint(admin, { endpointId: id, description: 'covered' });
  },
  'webhooks#rotateWebhookSecret': async (admin) => {
    const id = await endpoint(admin);
    return () => rotateWebhookSecret(admin, { endpointId: id });
  },
  'webhooks#deleteWebhookEndpoint': async (admin) => {
    const id = await endpoint(admin);
    return () => deleteWebhookEndpoint(admin, { endpointId: id });
  },

  'tokens#issueBintuToken': async (admin) => () => issueBintuToken(admin),
  'tokens#issueBintuTokenWithPassword': async (admin) => () =>
    issueBintuTokenWithPassword({ email: admin.label, password: PASSWORD }, NO_CONTEXT),
  'api-key#rotateApiKey': async (admin) => () => rotateApiKey(admin),
  'playback-tokens#createPlaybackToken': async (admin) => () =>
    createPlaybackToken(admin, { orgwide: true }),
};

const SERVICES = path.resolve('lib/services');

/**
 * Every exported function of lib/services/*.ts, as `file#name`, grouped by identity: a
 * function re-exported by another module is one function under several names.
 */
async function exportedFunctions(): Promise<string[][]> {
  const byFunction = new Map<unknown, string[]>();
  for (const file of readdirSync(SERVICES)
    .filter((f) => /\.tsx?$/.test(f))
    .sort()) {
    const mod = (await import(/* @vite-ignore */ path.join(SERVICES, file))) as Record<
      string,
      unknown
    >;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== 'function') continue;
      if (/^class[\s{]/.test(Function.prototype.toString.call(value))) continue;
      const key = `${file.replace(/\.tsx?$/, '')}#${name}`;
      byFunction.set(value, [...(byFunction.get(value) ?? []), key]);
    }
  }
  return [...byFunction.values()];
}

async function totalEvents(): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(auditEvents);
  return row!.n;
}

describe('audit coverage', () => {
  it('knows every exported function of lib/services that writes: a case, or not audited on purpose', async () => {
    const functions = await exportedFunctions();
    expect(functions.length).toBeGreaterThan(20);
    const writers = writingFunctions();
    const writes = (key: string) => writers.has(key.split('#')[1]!);
    const classified = (key: string) => key in NOT_AUDITED || key in CASES;
    const unclassified = functions
      .filter((keys) => keys.some(writes) && !keys.some(classified))
      .map((k) => k[0]);
    expect(
      unclassified,
      'These exports of lib/services write to the database. ' +
        'Add a case to CASES in tests/integration/audit-coverage.test.ts that runs each one and expects an audit event, ' +
        'or, if one really changes nothing an organisation should see, add it to NOT_AUDITED with the reason',
    ).toEqual([]);
    // The classifier sees every known mutation write, and no plain read.
    for (const key of Object.keys(CASES)) expect(writes(key), `${key} writes`).toBe(true);
    for (const key of ['members#listMembers', 'roles#listRoles', 'audit#listAuditEvents'])
      expect(writes(key), `${key} is a read`).toBe(false);
    // NOT_AUDITED lists only functions that write: a read there would hide nothing.
    const needless = Object.keys(NOT_AUDITED).filter((k) => !writes(k));
    expect(needless, 'NOT_AUDITED lists functions that write nothing').toEqual([]);
    // Entries for functions that are gone or renamed would hide a gap: keep the lists true.
    const known = new Set(functions.flat());
    const stale = [...Object.keys(CASES), ...Object.keys(NOT_AUDITED)].filter((k) => !known.has(k));
    expect(stale, 'CASES or NOT_AUDITED name functions lib/services no longer exports').toEqual([]);
  });

  it.each(Object.keys(CASES))('%s writes an audit event', async (key) => {
    const admin = await createOrganisation();
    const call = await CASES[key]!(admin);
    const before = await totalEvents();
    const result = await call();
    expect(result, `${key} should succeed`).not.toMatchObject({ ok: false });
    expect(await totalEvents(), `${key} wrote no audit event`).toBeGreaterThan(before);
  });
});
