import { apiRoute, json } from '@/lib/api/handler';
import { listAuditEvents } from '@/lib/services/audit';

// ?action=&actor=&targetType=&targetId=&from=&to=&before=&size=
export const GET = apiRoute(async ({ req, actor }) => {
  const { rows, nextCursor } = await listAuditEvents(
    actor,
    Object.fromEntries(req.nextUrl.searchParams),
  );
  return json({ data: rows, next: nextCursor === null ? null : String(nextCursor) });
});
