import { apiRoute, refuse } from '@/lib/api/handler';
import { getChangedMember, resetMemberToken } from '@/lib/services/members';

export const POST = apiRoute('POST /api/v1/users/{id}/reset-token', async ({ actor, params }) => {
  const result = await resetMemberToken(actor, { membershipId: params.id });
  if (!result.ok) return refuse(result);
  return (
    (await getChangedMember(actor, params.id)) ?? refuse('not_found', 'This user was removed.')
  );
});
