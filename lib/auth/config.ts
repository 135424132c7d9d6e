import 'server-only';
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { log } from '@/lib/log';
import { authSecret } from '@/lib/secret';
import { verifySignIn } from '@/lib/services/accounts';
import { completeSignUp } from '@/lib/services/email-confirmations';
import { SESSION_IDLE_SECONDS, startSession } from '@/lib/services/sessions';
import { contextFromHeaders } from './request-context';

class RateLimited extends CredentialsSignin {
  code = 'rate_limited';
}

/** A sign-up link that cannot create its account (the address got one meanwhile). */
class AddressTaken extends CredentialsSignin {
  code = 'address_taken';
}

/** A sign-up link that would make an organisation now that sign-up is by invitation. */
class SignUpClosed extends CredentialsSignin {
  code = 'sign_up_closed';
}

/** The provider that follows a sign-up's confirmation link. */
export const SIGN_UP_LINK = 'sign-up-link';

declare module 'next-auth' {
  interface User {
    sessionId?: string;
  }
  interface Session {
    accountId: string;
    /** The server-side session row (lib/services/sessions.ts), checked on every request. */
    sessionId: string;
  }
}

// Built on first use, not at import: `next build` loads this module, and a build needs
// neither AUTH_SECRET nor a database (docs/deploy.md, "Build").
let config: NextAuthConfig | undefined;

export const { handlers, auth, signIn, signOut } = NextAuth(() => (config ??= buildConfig()));

const buildConfig = (): NextAuthConfig => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_IDLE_SECONDS },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  // A wrong password is an expected outcome, not an error; other errors are logged by
  // name only so that nothing from a request (a password, a token) reaches the log.
  logger: {
    error(error) {
      const type = 'type' in error ? String(error.type) : error.name;
      if (type === 'CredentialsSignin') return;
      log.error('auth error', { type, error: error.message.split('\n')[0] });
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const context = contextFromHeaders(request.headers);
        const outcome = await verifySignIn(credentials, context);
        if (outcome.ok) {
          const sessionId = await startSession(outcome.accountId, context);
          return { id: outcome.accountId, email: outcome.email, sessionId };
        }
        if (outcome.reason === 'rate_limited') throw new RateLimited();
        return null;
      },
    }),
    // The link of a sign-up's confirmation mail: it creates the account and signs it in
    // (docs/email.md, "Verified addresses"). Posted from the link's page, never a GET.
    Credentials({
      id: SIGN_UP_LINK,
      credentials: { token: {} },
      async authorize(credentials, request) {
        const context = contextFromHeaders(request.headers);
        const outcome = await completeSignUp(String(credentials.token ?? ''), context);
        if (!outcome.ok) {
          if (outcome.code === 'conflict') throw new AddressTaken();
          if (outcome.code === 'forbidden') throw new SignUpClosed();
          return null;
        }
        const sessionId = await startSession(outcome.accountId, context);
        return { id: outcome.accountId, email: outcome.email, sessionId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sid = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      session.accountId = token.sub ?? '';
      session.sessionId = typeof token.sid === 'string' ? token.sid : '';
      return session;
    },
  },
});
