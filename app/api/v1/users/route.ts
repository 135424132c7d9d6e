import { apiRoute } from '@/lib/api/handler';
import { listMembers } from '@/lib/services/members';

// Same filter, search, sort and paging as the dashboard's list:
// ?q=&role=&sort=&dir=&size= and ?after=<next> / ?before=<prev> / ?last=1 (keyset cursors).
export const GET = apiRoute('GET /api/v1/users', async ({ actor, query }) => {
  const { rows, total, totalCapped, next, prev } = await listMembers(actor, query);
  return { data: rows, total, totalCapped, next, prev };
});
