import { z } from 'zod';
import { ALL_AUDIENCES, ALL_PERMISSIONS, DEFAULT_ROLES } from '@/lib/rbac';
import { lineText } from './text';

export const MAX_CUSTOM_ROLES = 50;

const RESERVED = Object.values(DEFAULT_ROLES).map((r) => r.name.toLowerCase());

/** Accepts one value or many (FormData.getAll gives arrays, JSON may give either). */
const list = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(values, { error: `Unknown ${what}.` })).transform((a) => [...new Set(a)]),
  );

export const roleInputSchema = z.object({
  name: lineText({ min: 1, max: 50, required: 'Give the role a name.' }).refine(
    (n) => !RESERVED.includes(n.toLowerCase()),
    'Admin, User and ReadOnly are default roles.',
  ),
  description: lineText({ max: 200 }).default(''),
  permissions: list(ALL_PERMISSIONS as [string, ...string[]], 'permission'),
  audiences: list(ALL_AUDIENCES as [string, ...string[]], 'audience'),
});
export type RoleInput = z.output<typeof roleInputSchema>;

export const roleIdSchema = z.object({ roleId: z.uuid({ error: 'Unknown role.' }) });
export const updateRoleSchema = roleInputSchema.extend({
  roleId: z.uuid({ error: 'Unknown role.' }),
});
