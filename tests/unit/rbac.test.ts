import { describe, expect, it } from 'vitest';
import {
  ALL_PERMISSIONS,
  DEFAULT_ROLES,
  PERMISSIONS,
  can,
  diffPermissions,
  groupByArea,
  isAdminLevel,
  beyond,
  type Permission,
} from '@/lib/rbac';

// docs/product.md#permission-catalog, as written there: area, permission, Admin, User, ReadOnly.
const MATRIX: [string, Permission, boolean, boolean, boolean][] = [
  ['Keys', 'apikey:read', true, false, false],
  ['Keys', 'playerkey:read', true, true, true],
  ['Keys', 'token:read', true, true, true],
  ['Organisation', 'webhook:write', true, false, false],
  ['Users', 'users:read', true, true, false],
  ['Users', 'users:invite', true, false, false],
  ['Users', 'users:update', true, false, false],
  ['Users', 'users:delete', true, false, false],
  ['Users', 'users:reset-token', true, false, false],
  ['Users', 'users:suspend', true, false, false],
  ['Roles', 'roles:manage', true, false, false],
  ['Audit', 'audit:read', true, false, false],
  ['Streams', 'streams:read', true, true, true],
  ['Streams', 'streams:create', true, true, false],
  ['Streams', 'streams:manage', true, false, false],
  ['Streams', 'streams:delete', true, false, false],
  ['Tags', 'tags:read', true, true, true],
  ['Tags', 'tags:write', true, true, false],
  ['Tags', 'tags:delete', true, false, false],
  ['Playback', 'playback-tokens:create', true, true, false],
  ['Metrics', 'metrics:read', true, true, true],
];

const grantsOf = (key: keyof typeof DEFAULT_ROLES) => ({
  permissions: new Set(DEFAULT_ROLES[key].permissions),
  audiences: new Set(DEFAULT_ROLES[key].audiences),
});

describe('the permission catalog', () => {
  it('holds exactly the permissions of docs/product.md, in their areas', () => {
    expect(ALL_PERMISSIONS).toEqual(MATRIX.map((row) => row[1]));
    for (const [area, permission] of MATRIX) expect(PERMISSIONS[permission].area).toBe(area);
  });

  it('gives every permission a label', () => {
    for (const p of ALL_PERMISSIONS) expect(PERMISSIONS[p].label.length).toBeGreaterThan(3);
  });
});

describe('the default roles', () => {
  it.each(MATRIX)(
    '%s %s: Admin %s, User %s, ReadOnly %s',
    (_area, permission, admin, user, readonly) => {
      expect(can(grantsOf('admin'), permission)).toBe(admin);
      expect(can(grantsOf('user'), permission)).toBe(user);
      expect(can(grantsOf('readonly'), permission)).toBe(readonly);
    },
  );

  it('have the audiences of docs/product.md', () => {
    expect([...DEFAULT_ROLES.admin.audiences].sort()).toEqual(['api', 'dashboard', 'playback']);
    expect([...DEFAULT_ROLES.user.audiences].sort()).toEqual(['api', 'dashboard', 'playback']);
    expect([...DEFAULT_ROLES.readonly.audiences].sort()).toEqual(['api', 'dashboard']);
  });

  it('have a one-line description each', () => {
    for (const role of Object.values(DEFAULT_ROLES)) {
      expect(role.description).toMatch(/^[^\n]{10,120}$/);
    }
  });

  it('make only Admin an admin', () => {
    expect(isAdminLevel(DEFAULT_ROLES.admin.permissions)).toBe(true);
    expect(isAdminLevel(DEFAULT_ROLES.user.permissions)).toBe(false);
  });
});

describe('helpers', () => {
  it('can() refuses a missing actor', () => {
    expect(can(null, 'streams:read')).toBe(false);
  });

  it('lists the permissions and audiences an actor lacks', () => {
    const user = {
      permissions: new Set(DEFAULT_ROLES.user.permissions),
      audiences: new Set(DEFAULT_ROLES.readonly.audiences),
    };
    expect(
      beyond(user, { permissions: ['streams:read', 'users:delete'], audiences: ['playback'] }),
    ).toEqual({ permissions: ['users:delete'], audiences: ['playback'] });
  });

  it('diffs two roles', () => {
    expect(
      diffPermissions(DEFAULT_ROLES.user.permissions, DEFAULT_ROLES.readonly.permissions),
    ).toEqual({
      gained: [],
      lost: ['users:read', 'streams:create', 'tags:write', 'playback-tokens:create'],
    });
  });

  it('groups by area in catalog order', () => {
    expect(groupByArea(['metrics:read', 'apikey:read', 'token:read'])).toEqual([
      {
        area: 'Keys',
        permissions: [
          { key: 'apikey:read', label: PERMISSIONS['apikey:read'].label },
          { key: 'token:read', label: PERMISSIONS['token:read'].label },
        ],
      },
      {
        area: 'Metrics',
        permissions: [{ key: 'metrics:read', label: PERMISSIONS['metrics:read'].label }],
      },
    ]);
  });
});
