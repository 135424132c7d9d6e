import { apiRoute, json } from '@/lib/api/handler';
import { failureResponse } from '@/lib/http';
import { getChangedMember, resetMemberToken } from '@/lib/services/members';

export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => {
  const result = await resetMemberToken(actor, { membershipId: params.id });
  if (!result.ok) return failureResponse(result);
  return json(await getChangedMember(actor, params.id));
});
