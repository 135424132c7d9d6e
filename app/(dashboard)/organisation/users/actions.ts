'use server';

import { field, action, type Refresh } from '@/lib/action';
import { toActionState } from '@/lib/action-state';
import {
  deleteMember,
  reactivateMember,
  resetMemberToken,
  suspendMember,
  updateMemberRole,
} from '@/lib/services/members';

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

export const suspendUserAction = action(
  'suspendUserAction',
  async (actor, form) => {
    const result = await suspendMember(actor, {
      membershipId: field(form, 'membershipId'),
      reason: field(form, 'reason'),
    });
    return toActionState(
      result,
      result.ok
        ? `${result.email} is suspended: their access ends on their next request.`
        : undefined,
    );
  },
  { refresh },
);

export const reactivateUserAction = action(
  'reactivateUserAction',
  async (actor, form) => {
    const result = await reactivateMember(actor, { membershipId: field(form, 'membershipId') });
    return toActionState(
      result,
      result.ok ? `${result.email} is active again, with the same role.` : undefined,
    );
  },
  { refresh },
);
