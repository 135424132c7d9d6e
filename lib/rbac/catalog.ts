// The permission catalog, docs/product.md#permission-catalog: the single source of truth for what a
// permission is called, where it is grouped and what it means.

export const AREAS = [
  'Keys',
  'Organisation',
  'Users',
  'Roles',
  'Audit',
  'Streams',
  'Tags',
  'Playback',
  'Metrics',
] as const;
export type Area = (typeof AREAS)[number];

export const PERMISSIONS = {
  'apikey:read': { area: 'Keys', label: 'See the organisation API key' },
  'playerkey:read': { area: 'Keys', label: 'See the player key' },
  'token:read': { area: 'Keys', label: 'Get your own bintu token' },
  'webhook:write': { area: 'Organisation', label: 'Manage webhook endpoints' },
  'users:read': { area: 'Users', label: 'See the user list' },
  'users:invite': { area: 'Users', label: 'Invite users' },
  'users:update': { area: 'Users', label: 'Change a user’s role' },
  'users:delete': { area: 'Users', label: 'Delete users' },
  'users:reset-token': { area: 'Users', label: 'Reset user tokens' },
  'users:suspend': { area: 'Users', label: 'Suspend and reactivate users' },
  'roles:manage': { area: 'Roles', label: 'Manage custom roles' },
  'audit:read': { area: 'Audit', label: 'Read the audit log' },
  'streams:read': { area: 'Streams', label: 'See streams' },
  'streams:create': { area: 'Streams', label: 'Create streams' },
  'streams:manage': { area: 'Streams', label: 'Stop, lock and unlock streams' },
  'streams:delete': { area: 'Streams', label: 'Delete streams' },
  'tags:read': { area: 'Tags', label: 'See tags' },
  'tags:write': { area: 'Tags', label: 'Create and edit tags' },
  'tags:delete': { area: 'Tags', label: 'Delete tags' },
  'playback-tokens:create': { area: 'Playback', label: 'Create playback tokens' },
  'metrics:read': { area: 'Metrics', label: 'See metrics' },
} as const satisfies Record<string, { area: Area; label: string }>;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

export const AUDIENCES = {
  dashboard: 'Dashboard (web UI)',
  api: 'REST API',
  playback: 'Playback tokens',
} as const;
export type Audience = keyof typeof AUDIENCES;
export const ALL_AUDIENCES = Object.keys(AUDIENCES) as Audience[];

export function isAudience(value: string): value is Audience {
  return Object.hasOwn(AUDIENCES, value);
}

/** The permissions that make a member an "admin" for the at-least-one-admin rule. */
export const ADMIN_PERMISSIONS = [
  'users:read',
  'users:invite',
  'users:update',
  'users:delete',
  'users:reset-token',
  'roles:manage',
] as const satisfies readonly Permission[];

/** Permissions of a role grouped by area, in catalog order, for the Permission Overview. */
export function groupByArea(
  permissions: readonly Permission[],
): { area: Area; permissions: { key: Permission; label: string }[] }[] {
  const held = new Set(permissions);
  return AREAS.map((area) => ({
    area,
    permissions: ALL_PERMISSIONS.filter((p) => PERMISSIONS[p].area === area && held.has(p)).map(
      (key) => ({ key, label: PERMISSIONS[key].label }),
    ),
  })).filter((g) => g.permissions.length > 0);
}
