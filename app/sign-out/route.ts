import type { NextRequest } from 'next/server';
import { isSameOrigin } from '@/lib/auth/request-context';
import { crossSiteRefused, seeOther } from '@/lib/http';
import { readSession, sessionCookie } from '@/lib/auth/session-cookie';
import { endSession } from '@/lib/services/sessions';

// A plain form POST outside /organisation, so every role can sign out. It ends the
// session on the server (a replayed cookie no longer works) and clears the cookie and
// its chunks. The cookie is decoded, not read through auth(), which would refresh it.
export async function POST(req: NextRequest) {
  if (!isSameOrigin(req.headers)) return crossSiteRefused();
  const session = await readSession(req.cookies);
  if (session) await endSession(session.sessionId);
  const res = seeOther('/sign-in');
  for (const name of sessionCookie(req.cookies)?.names ?? []) {
    res.cookies.set(name, '', {
      path: '/',
      maxAge: 0,
      httpOnly: true,
      sameSite: 'lax',
      secure: name.startsWith('__Secure-'),
    });
  }
  return res;
}
