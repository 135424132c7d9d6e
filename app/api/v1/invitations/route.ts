import { apiRoute, json, readJson } from '@/lib/api/handler';
import { failureResponse } from '@/lib/http';
import { inviteUrl } from '@/lib/auth/request-context';
import { createInvitation, listInvitations } from '@/lib/services/invitations';

import { readQuery } from '@/lib/api/query';

// Newest first; ?before=<next> for the page after, ?size= up to 100.
export const GET = apiRoute(async ({ req, actor }) => {
  const params = readQuery(req);
  if (!params.ok) return params.response;
  const { rows, next } = await listInvitations(actor, params.query);
  return json({ data: rows, next });
});

/** { "roleId", "email"?, "lifetimeDays"? } → the invite link, shown once. */
export const POST = apiRoute(async ({ req, actor }) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const result = await createInvitation(actor, body.body);
  if (!result.ok) return failureResponse(result);
  const url = inviteUrl(req.headers, result.token);
  return json({ id: result.invitationId, url, expiresAt: result.expiresAt }, 201);
});
