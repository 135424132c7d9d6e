'use server';

import { field, fields, action, type Refresh } from '@/lib/action';
import { toActionState, type BulkActionState } from '@/lib/action-state';
import type { ActionName } from '@/lib/rbac';
import { bulkUpdateMembers } from '@/lib/services/bulk-members';
import type { BulkMemberAction } from '@/lib/validation/members';
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

// Bulk actions (docs/product.md, "Bulk actions"): one action per change, each behind the
// permission of its one-member counterpart, answering per member. The dialog calls again
// with the answer's `next` until every member matching a filter has been seen.

type BulkActionName = Extract<ActionName, `bulk${string}`>;

function bulkAction(name: BulkActionName, change: BulkMemberAction) {
  return action(
    name,
    async (actor, form): Promise<BulkActionState> => {
      const scope = field(form, 'scope');
      const result = await bulkUpdateMembers(actor, {
        action: change,
        ...(change === 'change_role' ? { roleId: field(form, 'roleId') } : {}),
        ...(change === 'suspend' ? { reason: field(form, 'reason') } : {}),
        ...(scope === 'filter'
          ? {
              filter: {
                q: field(form, 'q') || undefined,
                role: field(form, 'role') || undefined,
                status: field(form, 'status') || undefined,
              },
              after: field(form, 'after') || undefined,
            }
          : { members: fields(form, 'members') }),
      });
      if (!result.ok) return toActionState(result);
      const { ok: _ok, action: _action, ...answer } = result;
      return { ok: true, answer };
    },
    { refresh },
  );
}

export const bulkUpdatePermissionAction = bulkAction('bulkUpdatePermissionAction', 'change_role');
export const bulkSuspendAction = bulkAction('bulkSuspendAction', 'suspend');
export const bulkReactivateAction = bulkAction('bulkReactivateAction', 'reactivate');
export const bulkResetTokenAction = bulkAction('bulkResetTokenAction', 'reset_token');
export const bulkDeleteAction = bulkAction('bulkDeleteAction', 'remove');
