import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/services/actor';
import { listMembers, streamMembersCsv } from '@/lib/services/members';
import { withTestDatabase } from './support/db';
import { addMember, createOrganisation, roleId } from './support/fixtures';

// The user list as CSV: the page's filters, search and order, every matching member
// whatever the count, in batches (docs/product.md, "User Management").

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('@/lib/auth/actor', () => ({ getActor: async () => session.actor }));
const { GET } = await import('@/app/(dashboard)/organisation/users/export.csv/route');

withTestDatabase();

const request = (qs = '') =>
  new NextRequest(`http://localhost/organisation/users/export.csv${qs ? `?${qs}` : ''}`);

async function csvOf(stream: ReadableStream<Uint8Array>) {
  const lines = (await new Response(stream).text()).trimEnd().split('\r\n');
  return { header: lines[0]!, rows: lines.slice(1).map((l) => l.split(',')) };
}

describe('GET /organisation/users/export.csv', () => {
  it('refuses the signed-out (401) and members without users:read (403)', async () => {
    session.actor = null;
    expect((await GET(request())).status).toBe(401);
    const admin = await createOrganisation();
    session.actor = await addMember(admin.organisationId, 'readonly');
    const res = await GET(request());
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('streams the filtered list as a dated CSV attachment, its cells safe for spreadsheets', async () => {
    const admin = await createOrganisation();
    const user = await roleId(admin.organisationId, 'user');
    const hostile = await addMember(admin.organisationId, { id: user }, '=cmd@export.test');
    await addMember(admin.organisationId, 'readonly', 'ro@export.test');
    session.actor = admin;
    const res = await GET(request(`role=${user}&size=25&after=junk`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="users-\d{4}-\d{2}-\d{2}T\d{4}Z\.csv"$/,
    );
    const { header, rows } = await csvOf(res.body!);
    expect(header).toBe('email,permission_level,token_key,created_at_utc,membership_id,role_id');
    // The role filter holds; a formula-like address is written as text.
    expect(rows).toEqual([
      [
        "'=cmd@export.test",
        'User',
        hostile.tokenKey,
        expect.any(String),
        hostile.membershipId,
        user,
      ],
    ]);
  });
});

describe('streamMembersCsv', () => {
  it('has every member, in the order of the list, across batches', async () => {
    const admin = await createOrganisation();
    const emails = Array.from(
      { length: 23 },
      (_, i) => `m${String(i).padStart(2, '0')}@batch.test`,
    );
    for (const [i, email] of emails.entries())
      await addMember(admin.organisationId, i % 3 ? 'user' : 'readonly', email);
    for (const [query, expected] of [
      [{ sort: 'email' }, ['admin', ...emails].length],
      [{ sort: 'email', dir: 'desc', q: 'BATCH' }, emails.length],
      [{ sort: 'role' }, emails.length + 1],
      [{}, emails.length + 1],
    ] as const) {
      const { rows } = await csvOf(streamMembersCsv(admin, query, { batchSize: 5 }));
      expect(rows, JSON.stringify(query)).toHaveLength(expected);
      // The same members in the same order as the pages show them.
      const page = await listMembers(admin, { ...query, size: 100 });
      expect(rows.map((r) => r[4])).toEqual(page.rows.map((m) => m.id));
    }
  });

  it('refuses a member without users:read before streaming anything', async () => {
    const admin = await createOrganisation();
    const readonly = await addMember(admin.organisationId, 'readonly');
    expect(() => streamMembersCsv(readonly, {})).toThrow(/does not allow/);
  });
});
