import type { NextRequest } from 'next/server';
import { crossSiteRefused, seeOther } from '@/lib/http';
import { isSameOrigin } from '@/lib/auth/request-context';

// A plain form POST outside /organisation, so every role can sign out. It only clears
// the session cookie (and its chunks): reading the session here would refresh it.
export async function POST(req: NextRequest) {
  if (!isSameOrigin(req.headers)) return crossSiteRefused();
  const res = seeOther('/sign-in');
  for (const { name } of req.cookies.getAll()) {
    if (/^(__Secure-)?authjs\.session-token/.test(name)) {
      res.cookies.set(name, '', {
        path: '/',
        maxAge: 0,
        httpOnly: true,
        sameSite: 'lax',
        secure: name.startsWith('__Secure-'),
      });
    }
  }
  return res;
}
