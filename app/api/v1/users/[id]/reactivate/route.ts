import { apiRoute, refuse } from '@/lib/api/handler';
import { getChangedMember, reactivateMember } from '@/lib/services/members';

export const POST = apiRoute('POST /api/v1/users/{id}/reactivate', async ({ actor, params }) => {
  const result = await reactivateMember(actor, { membershipId: params.id });
  if (!result.ok) return refuse(result);
  return (
    (await getChangedMember(actor, params.id)) ?? refuse('not_found', 'This user was removed.')
  );
});
