import { apiRoute, json } from '@/lib/api/handler';
import { readQuery } from '@/lib/api/query';
import { listMembers } from '@/lib/services/members';

// Same filter, search, sort and paging as the dashboard's list: ?q=&role=&sort=&dir=&size=&page=
export const GET = apiRoute(async ({ req, actor }) => {
  const params = readQuery(req);
  if (!params.ok) return params.response;
  const { rows, total, query, pageCount } = await listMembers(actor, params.query);
  return json({ data: rows, total, next: query.page < pageCount ? String(query.page + 1) : null });
});
