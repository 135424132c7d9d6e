import { fileURLToPath } from 'node:url';
import { test as base, type BrowserContext, type Page } from '@playwright/test';

/**
 * The sessions auth.setup.ts signs in once per run and stores (git-ignored). Tests only
 * read through them: a test that signs out, ends sessions, changes its own member or
 * switches organisation signs in an account of its own instead, since every other test
 * shares these.
 *
 * - admin, user, readonly: the seeded demo members E2E.adminEmail, E2E.userEmail and
 *   E2E.readonlyEmail;
 * - otherAdmin: the founder of a second organisation, signed up through /sign-up, whose
 *   real ids prove that the demo organisation cannot reach them.
 */
export type Role = 'admin' | 'user' | 'readonly' | 'otherAdmin';

const file = (role: Role) => fileURLToPath(new URL(`../.auth/${role}.json`, import.meta.url));

export const SESSION: Record<Role, string> = {
  admin: file('admin'),
  user: file('user'),
  readonly: file('readonly'),
  otherAdmin: file('otherAdmin'),
};

/**
 * No cookies. Contexts made inside a test inherit its `storageState` unless told
 * otherwise, so a stranger's context must ask for this explicitly.
 */
export const SIGNED_OUT = { cookies: [], origins: [] };

export const test = base.extend<{
  /** A page in a context of its own: in a stored session, or signed out without one. */
  openPage: (as?: Role) => Promise<Page>;
}>({
  openPage: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (as) => {
      const context = await browser.newContext({ storageState: as ? SESSION[as] : SIGNED_OUT });
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

export { expect } from '@playwright/test';
