import { apiRoute, failure, json } from '@/lib/api/handler';
import { getChangedMember, resetMemberToken } from '@/lib/services/members';

export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => {
  const result = await resetMemberToken(actor, { membershipId: params.id });
  if (!result.ok) return failure(result);
  return json(await getChangedMember(actor, params.id));
});
