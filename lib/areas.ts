/**
 * The dashboard's areas: the pages under app/(dashboard), for signed-in people only.
 * Middleware sends a signed-out visitor of one to the sign-in page (docs/security.md,
 * "Two gates");
 * the dashboard's layout shows a skeleton while one is on its way
 * (components/layout/pending-page.tsx).
 */
export const DASHBOARD_AREAS = ['/organisation', '/account', '/streams'];

/** `pathname` is `prefix` itself or a path below it. */
export const isUnder = (pathname: string, prefix: string) =>
  pathname === prefix || pathname.startsWith(`${prefix}/`);

export const inDashboard = (pathname: string) =>
  DASHBOARD_AREAS.some((area) => isUnder(pathname, area));
