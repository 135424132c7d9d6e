import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authSecret } from '@/lib/secret';
import { verifySignIn } from '@/lib/services/accounts';
import { contextFromHeaders } from './request-context';

class RateLimited extends CredentialsSignin {
  code = 'rate_limited';
}

declare module 'next-auth' {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    accountId: string;
    sessionVersion: number;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 30 * 24 * 3600 },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  // A wrong password is an expected outcome, not an error; other errors are logged by
  // name only so that nothing from a request (a password, a token) reaches the log.
  logger: {
    error(error) {
      const type = 'type' in error ? String(error.type) : error.name;
      if (type === 'CredentialsSignin') return;
      console.error(`[auth] ${type}: ${error.message.split('\n')[0]}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const outcome = await verifySignIn(credentials, contextFromHeaders(request.headers));
        if (outcome.ok) {
          return {
            id: outcome.accountId,
            email: outcome.email,
            sessionVersion: outcome.sessionVersion,
          };
        }
        if (outcome.reason === 'rate_limited') throw new RateLimited();
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sv = user.sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      session.accountId = token.sub ?? '';
      session.sessionVersion = typeof token.sv === 'number' ? token.sv : 0;
      return session;
    },
  },
});
