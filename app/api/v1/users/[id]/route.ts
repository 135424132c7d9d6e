import { apiRoute, refuse, withId } from '@/lib/api/handler';
import {
  deleteMember,
  getChangedMember,
  getMember,
  updateMemberRole,
} from '@/lib/services/members';

export const GET = apiRoute('GET /api/v1/users/{id}', async ({ actor, params }) => {
  const member = await getMember(actor, params.id);
  return member ?? refuse('not_found', 'No such user in your organisation.');
});

/** Change the role: { "roleId": "…" }. Replaces the user's Token Key. */
export const PATCH = apiRoute('PATCH /api/v1/users/{id}', async ({ actor, params, body }) => {
  const result = await updateMemberRole(actor, withId(body, 'membershipId', params.id));
  if (!result.ok) return refuse(result);
  return (
    (await getChangedMember(actor, params.id)) ?? refuse('not_found', 'This user was removed.')
  );
});

export const DELETE = apiRoute('DELETE /api/v1/users/{id}', async ({ actor, params }) => {
  const result = await deleteMember(actor, { membershipId: params.id });
  return result.ok ? null : refuse(result);
});
