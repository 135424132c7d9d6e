'use server';

import { field, action, type Refresh } from '@/lib/action';
import { toActionState } from '@/lib/action-state';
import { deleteMember, resetMemberToken, updateMemberRole } from '@/lib/services/members';

const refresh: Refresh = [['/organisation/users', 'layout']];

export const resetUserTokenAction = action(
  'resetUserTokenAction',
  async (actor, form) => {
    const result = await resetMemberToken(actor, { membershipId: field(form, 'membershipId') });
    return toActionState(
      result,
      result.ok ? `Token reset. The new Token Key is ${result.tokenKey}.` : undefined,
    );
  },
  { refresh },
);

export const deleteUserAction = action(
  'deleteUserAction',
  async (actor, form) => {
    const result = await deleteMember(actor, { membershipId: field(form, 'membershipId') });
    return toActionState(
      result,
      result.ok ? `${result.email} was removed from the organisation.` : undefined,
    );
  },
  { refresh },
);

export const updatePermissionAction = action(
  'updatePermissionAction',
  async (actor, form) => {
    const result = await updateMemberRole(actor, {
      membershipId: field(form, 'membershipId'),
      roleId: field(form, 'roleId'),
    });
    return toActionState(
      result,
      result.ok
        ? `Role changed to ${result.role.name}. The new Token Key is ${result.tokenKey}.`
        : undefined,
    );
  },
  { refresh },
);
