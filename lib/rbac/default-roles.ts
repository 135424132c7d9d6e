import { ALL_PERMISSIONS, type Audience, type Permission } from './catalog';

export type DefaultRoleKey = 'admin' | 'user' | 'readonly';

export interface RoleDefinition {
  name: string;
  description: string;
  permissions: readonly Permission[];
  audiences: readonly Audience[];
}

export const DEFAULT_ROLES: Record<DefaultRoleKey, RoleDefinition> = {
  admin: {
    name: 'Admin',
    description: 'Full control of the organisation, its users, roles and keys.',
    permissions: ALL_PERMISSIONS,
    audiences: ['dashboard', 'api', 'playback'],
  },
  user: {
    name: 'User',
    description: 'Operator: works with streams, tags and playback tokens; cannot manage people.',
    permissions: [
      'playerkey:read',
      'token:read',
      'users:read',
      'streams:read',
      'streams:create',
      'tags:read',
      'tags:write',
      'playback-tokens:create',
      'metrics:read',
    ],
    audiences: ['dashboard', 'api', 'playback'],
  },
  readonly: {
    name: 'ReadOnly',
    description: 'Observer: can see streams, tags and metrics, and change nothing.',
    permissions: ['playerkey:read', 'token:read', 'streams:read', 'tags:read', 'metrics:read'],
    audiences: ['dashboard', 'api'],
  },
};

export const DEFAULT_ROLE_KEYS = Object.keys(DEFAULT_ROLES) as DefaultRoleKey[];

export function isDefaultRoleKey(value: string | null | undefined): value is DefaultRoleKey {
  return value === 'admin' || value === 'user' || value === 'readonly';
}
