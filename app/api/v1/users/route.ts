import { apiRoute, json } from '@/lib/api/handler';
import { listMembers } from '@/lib/services/members';

// Same filter, search, sort and paging as the dashboard's list: ?q=&role=&sort=&dir=&size=&page=
export const GET = apiRoute(async ({ req, actor }) => {
  const { rows, total, query, pageCount } = await listMembers(
    actor,
    Object.fromEntries(req.nextUrl.searchParams),
  );
  return json({ data: rows, total, next: query.page < pageCount ? String(query.page + 1) : null });
});
