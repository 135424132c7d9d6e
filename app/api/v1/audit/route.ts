import { apiRoute } from '@/lib/api/handler';
import { listAuditEvents } from '@/lib/services/audit';

export const GET = apiRoute('GET /api/v1/audit', async ({ actor, query }) => {
  const { rows, nextCursor } = await listAuditEvents(actor, query);
  return { data: rows, next: nextCursor === null ? null : String(nextCursor) };
});
