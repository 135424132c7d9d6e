import { apiRoute, json, readJson } from '@/lib/api/handler';
import { errorResponse, failureResponse } from '@/lib/http';
import {
  deleteMember,
  getChangedMember,
  getMember,
  updateMemberRole,
} from '@/lib/services/members';

type P = { id: string };

export const GET = apiRoute<P>(async ({ actor, params }) => {
  const member = await getMember(actor, params.id);
  return member ? json(member) : errorResponse('not_found', 'No such user in your organisation.');
});

/** Change the role: { "roleId": "…" }. Replaces the user's Token Key. */
export const PATCH = apiRoute<P>(async ({ req, actor, params }) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const input = typeof body.body === 'object' && body.body ? body.body : {};
  const result = await updateMemberRole(actor, { ...input, membershipId: params.id });
  if (!result.ok) return failureResponse(result);
  return json(await getChangedMember(actor, params.id));
});

export const DELETE = apiRoute<P>(async ({ actor, params }) => {
  const result = await deleteMember(actor, { membershipId: params.id });
  return result.ok ? new Response(null, { status: 204 }) : failureResponse(result);
});
