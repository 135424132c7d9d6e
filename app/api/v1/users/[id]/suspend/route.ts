import { apiRoute, refuse, withId } from '@/lib/api/handler';
import { getChangedMember, suspendMember } from '@/lib/services/members';

export const POST = apiRoute('POST /api/v1/users/{id}/suspend', async ({ actor, params, body }) => {
  const result = await suspendMember(actor, withId(body, 'membershipId', params.id));
  if (!result.ok) return refuse(result);
  return (
    (await getChangedMember(actor, params.id)) ?? refuse('not_found', 'This user was removed.')
  );
});
