import { apiRoute, json } from '@/lib/api/handler';
import { readQuery } from '@/lib/api/query';
import { listAuditEvents } from '@/lib/services/audit';

// ?action=&actor=&targetType=&targetId=&from=&to=&before=&size=
export const GET = apiRoute(async ({ req, actor }) => {
  const params = readQuery(req);
  if (!params.ok) return params.response;
  const { rows, nextCursor } = await listAuditEvents(actor, params.query);
  return json({ data: rows, next: nextCursor === null ? null : String(nextCursor) });
});
