import { randomBytes } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { TOKEN_KEY_SQL, newInviteToken } from '@/lib/credentials';
import { hashPassword, sha256 } from '@/lib/crypto';
import { authSecret } from '@/lib/secret';
import { demoInviteToken } from './demo-tokens';
import { env } from '@/lib/env';
import { insertMemberships } from '@/lib/services/memberships';
import { createOrganisation } from '@/lib/services/organisations';
import type { Database } from '@/db/client';
import {
  accounts,
  invitations,
  organisations,
  roles,
  streams,
  streamTags,
  tags,
} from '@/db/schema';

export const DEMO_ORGANISATION = 'Demo Streaming Co';
export const DEMO_SLUG_PREFIX = 'demo-streaming-co';

const CUSTOM_ROLE = {
  name: 'Stream Operator',
  description: 'Runs streams end to end, including stopping and locking them; no user management.',
  permissions: [
    'playerkey:read',
    'token:read',
    'streams:read',
    'streams:create',
    'streams:manage',
    'tags:read',
    'tags:write',
    'playback-tokens:create',
    'metrics:read',
  ],
  audiences: ['dashboard', 'api', 'playback'],
};

const DEMO_MEMBERS: { email: string; role: 'admin' | 'user' | 'readonly' | 'custom' }[] = [
  { email: 'ops.lead@example.com', role: 'admin' },
  { email: 'anna.operator@example.com', role: 'user' },
  { email: 'ben.operator@example.com', role: 'user' },
  { email: 'chris.operator@example.com', role: 'user' },
  { email: 'dora.viewer@example.com', role: 'readonly' },
  { email: 'eli.viewer@example.com', role: 'readonly' },
  { email: 'finn.viewer@example.com', role: 'readonly' },
  { email: 'gia.streams@example.com', role: 'custom' },
  { email: 'hugo.streams@example.com', role: 'custom' },
];

export interface SeedOutcome {
  seeded: boolean;
  adminEmail: string;
  /** Set only when this call created the admin with a generated password. */
  generatedPassword?: string;
}

/** Seeds the demo organisation into an empty database; does nothing otherwise. */
export async function seedIfEmpty(db: Database): Promise<SeedOutcome> {
  const { SEED_ADMIN_EMAIL, SEED_ADMIN_PASSWORD, SEED_MEMBER_PASSWORD, SEED_EXTRA_MEMBERS } = env();
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(organisations);
  if (n > 0) return { seeded: false, adminEmail: SEED_ADMIN_EMAIL };

  const password = SEED_ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
  const adminHash = await hashPassword(password);
  const memberHash = SEED_MEMBER_PASSWORD ? await hashPassword(SEED_MEMBER_PASSWORD) : null;

  const organisationId = await db.transaction(async (tx) => {
    const [admin] = await tx
      .insert(accounts)
      .values({ email: SEED_ADMIN_EMAIL, passwordHash: adminHash, emailVerifiedAt: new Date() })
      .returning();
    const { organisation, roleIds, membership } = await createOrganisation(tx, {
      name: DEMO_ORGANISATION,
      account: admin!,
    });
    const [custom] = await tx
      .insert(roles)
      .values({ organisationId: organisation.id, ...CUSTOM_ROLE })
      .returning({ id: roles.id });
    const roleFor = { ...roleIds, custom: custom!.id };

    const people = await tx
      .insert(accounts)
      .values(
        DEMO_MEMBERS.map((m) => ({
          email: m.email,
          passwordHash: memberHash,
          emailVerifiedAt: new Date(),
        })),
      )
      .returning({ id: accounts.id, email: accounts.email });
    await insertMemberships(
      tx,
      DEMO_MEMBERS.map((m, i) => ({
        organisationId: organisation.id,
        accountId: people[i]!.id,
        email: m.email,
        roleId: roleFor[m.role],
        // Spread over the last weeks so "Created At" sorting shows something.
        createdAt: new Date(Date.now() - (DEMO_MEMBERS.length - i) * 36 * 3600 * 1000),
      })),
    );

    const tagRows = await tx
      .insert(tags)
      .values(
        ['live-events', 'sports', 'internal'].map((name) => ({
          organisationId: organisation.id,
          name,
        })),
      )
      .returning({ id: tags.id });
    const streamRows = await tx
      .insert(streams)
      .values(
        [
          { name: 'Main stage', state: 'live' as const },
          { name: 'Press room', state: 'created' as const },
          { name: 'Match day replay', state: 'ended' as const },
        ].map((s) => ({
          ...s,
          organisationId: organisation.id,
          creatorMembershipId: membership.id,
          creatorLabel: SEED_ADMIN_EMAIL,
        })),
      )
      .returning({ id: streams.id });
    await tx.insert(streamTags).values([
      { streamId: streamRows[0]!.id, tagId: tagRows[0]!.id },
      { streamId: streamRows[2]!.id, tagId: tagRows[1]!.id },
    ]);
    // One invitation in each state, so the Pending invitations list shows them all.
    const day = 24 * 3600 * 1000;
    const t = Date.now();
    await tx.insert(invitations).values(
      [
        {
          email: 'new.hire@example.com',
          roleId: roleIds.readonly,
          tokenHash: sha256(newInviteToken()),
          createdAt: new Date(t - day),
          expiresAt: new Date(t + 6 * day),
        },
        {
          email: null,
          roleId: roleIds.user,
          tokenHash: sha256(demoInviteToken(authSecret(), 'expired')),
          createdAt: new Date(t - 10 * day),
          expiresAt: new Date(t - 3 * day),
        },
        {
          email: 'changed.mind@example.com',
          roleId: roleIds.user,
          tokenHash: sha256(newInviteToken()),
          createdAt: new Date(t - 2 * day),
          expiresAt: new Date(t + 5 * day),
          revokedAt: new Date(t - day),
        },
      ].map((inv) => ({
        ...inv,
        organisationId: organisation.id,
        inviterMembershipId: membership.id,
        inviterEmail: SEED_ADMIN_EMAIL,
      })),
    );
    return organisation.id;
  });
  if (SEED_EXTRA_MEMBERS > 0) await addMembers(db, organisationId, SEED_EXTRA_MEMBERS);

  return {
    seeded: true,
    adminEmail: SEED_ADMIN_EMAIL,
    ...(SEED_ADMIN_PASSWORD ? {} : { generatedPassword: password }),
  };
}

/** The demo organisation (the oldest one whose slug starts with the demo prefix). */
export async function findDemoOrganisation(db: Database) {
  const [org] = await db
    .select()
    .from(organisations)
    .where(sql`${organisations.slug} like ${DEMO_SLUG_PREFIX + '-%'}`)
    .orderBy(organisations.createdAt)
    .limit(1);
  return org;
}

/**
 * Adds `n` members to an organisation, spread over its roles, in set-based INSERTs of
 * 50,000 rows: 100,000 members take a few seconds on PostgreSQL. They cannot sign in.
 */
export async function addMembers(db: Database, organisationId: string, n: number): Promise<number> {
  const roleRows = await db
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.organisationId, organisationId)))
    .orderBy(roles.createdAt, roles.id);
  const roleIds = roleRows.map((r) => r.id);
  const batch = randomBytes(3).toString('hex');
  const chunk = 50_000;
  for (let start = 0; start < n; start += chunk) {
    const size = Math.min(chunk, n - start);
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        with new_accounts as (
          insert into accounts (email)
          select 'member-' || ${batch} || '-' || (${start} + g) || '@bulk.example'
          from generate_series(1, ${size}::int) as g
          returning id, email
        ), numbered as (
          select id, email, row_number() over () as i from new_accounts
        )
        insert into memberships (organisation_id, account_id, role_id, email, token_key, created_at)
        select ${organisationId}::uuid, id,
          (array[${sql.join(
            roleIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}])[1 + ((${start} + i) % ${roleIds.length})],
          email,
          ${TOKEN_KEY_SQL},
          now() - make_interval(secs => (${start} + i) * 60)
        from numbered`);
    });
  }
  return n;
}
