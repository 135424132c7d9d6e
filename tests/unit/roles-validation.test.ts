import { describe, expect, it } from 'vitest';
import { beyond, DEFAULT_ROLES } from '@/lib/rbac';
import { roleInputSchema } from '@/lib/validation/roles';

describe('role input', () => {
  it('trims the name and dedupes permissions and audiences', () => {
    expect(
      roleInputSchema.parse({
        name: '  Streams team ',
        permissions: ['streams:read', 'streams:read', 'tags:read'],
        audiences: 'dashboard',
      }),
    ).toEqual({
      name: 'Streams team',
      description: '',
      permissions: ['streams:read', 'tags:read'],
      audiences: ['dashboard'],
    });
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: '   ' }, 'name'],
    [{ name: 'x'.repeat(51) }, 'name'],
    [{ name: 'admin' }, 'name'],
    [{ name: 'READONLY' }, 'name'],
    [{ name: 'Ok', permissions: ['streams:fly'] }, 'permissions'],
    [{ name: 'Ok', audiences: ['email'] }, 'audiences'],
    [{ name: 'Ok', description: 'x'.repeat(201) }, 'description'],
  ])('refuses %j at %s', (input, field) => {
    const result = roleInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });

  it('accepts a 50-character name and no permissions at all', () => {
    expect(roleInputSchema.safeParse({ name: 'x'.repeat(50) }).success).toBe(true);
  });
});

describe('no escalation', () => {
  const grants = (key: keyof typeof DEFAULT_ROLES) => ({
    permissions: new Set(DEFAULT_ROLES[key].permissions),
    audiences: new Set(DEFAULT_ROLES[key].audiences),
  });

  it('finds what a User would be granting beyond their own permissions', () => {
    expect(
      beyond(grants('user'), {
        permissions: ['streams:read', 'apikey:read', 'users:delete'],
        audiences: [],
      }),
    ).toEqual({ permissions: ['apikey:read', 'users:delete'], audiences: [] });
    expect(beyond(grants('admin'), DEFAULT_ROLES.user)).toEqual({ permissions: [], audiences: [] });
  });

  it('counts audiences too: a ReadOnly member cannot grant playback', () => {
    expect(beyond(grants('readonly'), { permissions: [], audiences: ['api', 'playback'] })).toEqual(
      { permissions: [], audiences: ['playback'] },
    );
  });
});
