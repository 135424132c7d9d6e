import { apiRoute, refuse } from '@/lib/api/handler';
import { createTag, listTags } from '@/lib/services/tags';

export const GET = apiRoute('GET /api/v1/tags', async ({ actor }) => ({
  data: await listTags(actor),
  next: null,
}));

export const POST = apiRoute('POST /api/v1/tags', async ({ actor, body }) => {
  const result = await createTag(actor, body);
  return result.ok ? result.tag : refuse(result);
});
