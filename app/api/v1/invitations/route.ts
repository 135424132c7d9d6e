import { apiRoute, failure, json, readJson } from '@/lib/api/handler';
import { publicOrigin } from '@/lib/auth/request-context';
import { createInvitation, listInvitations } from '@/lib/services/invitations';

export const GET = apiRoute(async ({ actor }) =>
  json({ data: await listInvitations(actor), next: null }),
);

/** { "roleId", "email"?, "lifetimeDays"? } → the invite link, shown once. */
export const POST = apiRoute(async ({ req, actor }) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const result = await createInvitation(actor, body.body);
  if (!result.ok) return failure(result);
  const url = `${publicOrigin(req.headers)}/invite/${result.token}`;
  return json({ id: result.invitationId, url, expiresAt: result.expiresAt }, 201);
});
