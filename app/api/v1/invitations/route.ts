import { apiRoute, refuse } from '@/lib/api/handler';
import { publicOrigin } from '@/lib/auth/request-context';
import { createInvitation, invitationUrl, listInvitations } from '@/lib/services/invitations';

export const GET = apiRoute('GET /api/v1/invitations', async ({ actor, query }) => {
  const { rows, next } = await listInvitations(actor, query);
  return { data: rows, next };
});

export const POST = apiRoute('POST /api/v1/invitations', async ({ req, actor, body }) => {
  const origin = publicOrigin(req.headers);
  const result = await createInvitation(actor, body, origin);
  if (!result.ok) return refuse(result);
  const url = invitationUrl(origin, result.token);
  return { id: result.invitationId, url, expiresAt: result.expiresAt };
});
