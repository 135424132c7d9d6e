import { apiRoute } from '@/lib/api/handler';

export const GET = apiRoute('GET /api/v1/me', async ({ actor }) => ({
  kind: actor.kind,
  account: actor.accountId ? { id: actor.accountId, email: actor.label } : null,
  membershipId: actor.membershipId,
  organisation: { id: actor.organisationId, name: actor.organisationName },
  role: { id: actor.role.id, name: actor.role.name },
  tokenKey: actor.tokenKey,
  permissions: [...actor.permissions],
  audiences: [...actor.audiences],
}));
