import { apiRoute } from '@/lib/api/handler';
import { listRoles } from '@/lib/services/roles';

export const GET = apiRoute('GET /api/v1/roles', async ({ actor }) => ({
  data: await listRoles(actor),
  next: null,
}));
