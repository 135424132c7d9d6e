import { apiRoute, json } from '@/lib/api/handler';
import { readQuery } from '@/lib/api/query';
import { listMembers } from '@/lib/services/members';

// Same filter, search, sort and paging as the dashboard's list:
// ?q=&role=&sort=&dir=&size= and ?after=<next> / ?before=<prev> / ?last=1 (keyset cursors).
export const GET = apiRoute(async ({ req, actor }) => {
  const params = readQuery(req);
  if (!params.ok) return params.response;
  const { rows, total, totalCapped, next, prev } = await listMembers(actor, params.query);
  return json({ data: rows, total, totalCapped, next, prev });
});
