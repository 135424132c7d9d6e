import type { NextRequest } from 'next/server';
import { decode } from 'next-auth/jwt';
import { isSameOrigin } from '@/lib/auth/request-context';
import { crossSiteRefused, seeOther } from '@/lib/http';
import { authSecret } from '@/lib/secret';
import { endSession } from '@/lib/services/sessions';

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token/;

// A plain form POST outside /organisation, so every role can sign out. It ends the
// session on the server (a replayed cookie no longer works) and clears the cookie and
// its chunks. The cookie is decoded, not read through auth(), which would refresh it.
export async function POST(req: NextRequest) {
  if (!isSameOrigin(req.headers)) return crossSiteRefused();
  const cookies = req.cookies.getAll().filter(({ name }) => SESSION_COOKIE.test(name));
  const whole = cookies.find(({ name }) => !/\.\d+$/.test(name));
  const chunks = cookies
    .filter(({ name }) => /\.\d+$/.test(name))
    .sort((a, b) => Number(a.name.split('.').pop()) - Number(b.name.split('.').pop()));
  const value = whole?.value ?? chunks.map((c) => c.value).join('');
  const salt = (whole?.name ?? chunks[0]?.name ?? '').replace(/\.\d+$/, '');
  if (value && salt) {
    const token = await decode({ token: value, secret: authSecret(), salt }).catch(() => null);
    if (typeof token?.sid === 'string') await endSession(token.sid);
  }
  const res = seeOther('/sign-in');
  for (const { name } of cookies) {
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
