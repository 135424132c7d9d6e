import { z } from 'zod';
import { ALL_AUDIENCES, ALL_PERMISSIONS, DEFAULT_ROLES } from '@/lib/rbac';

export const MAX_CUSTOM_ROLES = 50;

const RESERVED = Object.values(DEFAULT_ROLES).map((r) => r.name.toLowerCase());

/** Accepts one value or many (FormData.getAll gives arrays, JSON may give either). */
const list = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(values, { error: `Unknown ${what}.` })).transform((a) => [...new Set(a)]),
  );

export const roleInputSchema = z.object({
  name: z
    .string({ error: 'Give the role a name.' })
    .trim()
    .min(1, 'Give the role a name.')
    .max(50, 'Use at most 50 characters.')
    .refine(
      (n) => !RESERVED.includes(n.toLowerCase()),
      'Admin, User and ReadOnly are default roles.',
    ),
  description: z.string().trim().max(200, 'Use at most 200 characters.').default(''),
  permissions: list(ALL_PERMISSIONS as [string, ...string[]], 'permission'),
  audiences: list(ALL_AUDIENCES as [string, ...string[]], 'audience'),
});
export type RoleInput = z.output<typeof roleInputSchema>;

export const roleIdSchema = z.object({ roleId: z.uuid({ error: 'Unknown role.' }) });
export const updateRoleSchema = roleInputSchema.extend({
  roleId: z.uuid({ error: 'Unknown role.' }),
});
