import { requestOrigin } from './request-context';

/** Which of the account's organisations the dashboard acts in; verified on every read. */
export const ACTIVE_ORG_COOKIE = 'active_org';

interface CookieSetter {
  set(name: string, value: string, options: Record<string, unknown>): unknown;
}

/**
 * Remembers the active organisation. Only a preference: every request checks that the
 * account is a member of it before acting there.
 */
export function setActiveOrganisation(
  cookies: CookieSetter,
  organisationId: string,
  headers: Headers,
) {
  cookies.set(ACTIVE_ORG_COOKIE, organisationId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: requestOrigin(headers).startsWith('https:'),
    path: '/',
    maxAge: 365 * 24 * 3600,
  });
}
