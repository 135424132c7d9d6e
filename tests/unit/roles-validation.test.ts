import { describe, expect, it } from 'vitest';
import { missingPermissions, DEFAULT_ROLES } from '@/lib/rbac';
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
  it('finds what a User would be granting beyond their own permissions', () => {
    expect(
      missingPermissions(DEFAULT_ROLES.user.permissions, [
        'streams:read',
        'apikey:read',
        'users:delete',
      ]),
    ).toEqual(['apikey:read', 'users:delete']);
    expect(
      missingPermissions(DEFAULT_ROLES.admin.permissions, DEFAULT_ROLES.user.permissions),
    ).toEqual([]);
  });
});
