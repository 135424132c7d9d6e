import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/services/actor';
import { updateMemberRole } from '@/lib/services/members';
import { withTestDatabase } from './support/db';
import { addMember, createOrganisation, roleId } from './support/fixtures';

// The route handler with the session replaced: getActor() is what it trusts.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('@/lib/auth/actor', () => ({ getActor: async () => session.actor }));
const { GET } = await import('@/app/(dashboard)/organisation/audit/export.csv/route');

withTestDatabase();

const request = (qs = '') =>
  new NextRequest(`http://localhost/organisation/audit/export.csv${qs ? `?${qs}` : ''}`);

describe('GET /organisation/audit/export.csv', () => {
  it('refuses the signed-out (401) and members without audit:read (403)', async () => {
    session.actor = null;
    expect((await GET(request())).status).toBe(401);
    const admin = await createOrganisation();
    for (const role of ['user', 'readonly'] as const) {
      session.actor = await addMember(admin.organisationId, role);
      const res = await GET(request());
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
  });

  it('streams the filtered log as a dated CSV attachment', async () => {
    const admin = await createOrganisation();
    const member = await addMember(admin.organisationId, 'readonly');
    await updateMemberRole(admin, {
      membershipId: member.membershipId,
      roleId: await roleId(admin.organisationId, 'user'),
    });
    session.actor = admin;
    const res = await GET(request('action=member.role_changed&size=1&before=junk'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}T\d{4}Z\.csv"$/,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^id,time_utc,actor_type,actor,action,/);
    expect(lines[1]).toContain(`,member.role_changed,member,${member.membershipId},`);
    expect(lines[1]).toContain(member.label);
  });
});
