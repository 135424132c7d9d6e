import { apiRoute, json } from '@/lib/api/handler';
import { listRoles } from '@/lib/services/roles';

export const GET = apiRoute(async ({ actor }) =>
  json({ data: await listRoles(actor), next: null }),
);
