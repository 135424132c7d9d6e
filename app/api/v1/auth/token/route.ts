import { apiRoute, refuse } from '@/lib/api/handler';
import { issueBintuTokenWithPassword } from '@/lib/services/tokens';

export const POST = apiRoute('POST /api/v1/auth/token', async ({ body, context }) => {
  const result = await issueBintuTokenWithPassword(body, context);
  return result.ok ? result : refuse(result);
});
