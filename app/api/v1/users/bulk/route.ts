import { apiRoute, refuse } from '@/lib/api/handler';
import { bulkUpdateMembers } from '@/lib/services/bulk-members';

export const POST = apiRoute('POST /api/v1/users/bulk', async ({ actor, body }) => {
  const result = await bulkUpdateMembers(actor, body);
  if (!result.ok) return refuse(result);
  const { ok: _ok, ...answer } = result;
  return answer;
});
