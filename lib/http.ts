import { NextResponse } from 'next/server';

/**
 * True when a form POST comes from our own pages. Compares the Origin header with the
 * host the request was sent to (behind a proxy, the forwarded host).
 */
/** The origin the browser used (behind a proxy, the forwarded one). */
export function requestOrigin(req: Request): string {
  const url = new URL(req.url);
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host') ?? url.host;
  const proto =
    req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() ?? url.protocol.replace(':', '');
  return `${proto}://${host}`;
}

export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (!origin) return true; // browsers send Origin on cross-site form POSTs
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function crossSiteRefused() {
  return NextResponse.json(
    { error: { code: 'forbidden', message: 'Cross-site request refused.' } },
    { status: 403 },
  );
}

/** A 303 to a path on this site, relative so it follows whatever host the browser used. */
export function seeOther(path: string) {
  return new NextResponse(null, { status: 303, headers: { Location: path } });
}
