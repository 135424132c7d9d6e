import { NextResponse } from 'next/server';

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
