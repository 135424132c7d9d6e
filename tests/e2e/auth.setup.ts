import { test as setup, expect } from '@playwright/test';
import { signIn, signUp, uniqueEmail } from './support/auth';
import { E2E } from './support/constants';
import { SESSION, type Role } from './support/sessions';

// One sign-in per role and run, stored for every test that only reads through it (see
// support/sessions.ts), instead of a sign-in per test that would trip the sign-in limit.
const members: [Exclude<Role, 'otherAdmin'>, string, string][] = [
  ['admin', E2E.adminEmail, E2E.adminPassword],
  ['user', E2E.userEmail, E2E.memberPassword],
  ['readonly', E2E.readonlyEmail, E2E.memberPassword],
];

for (const [role, email, password] of members) {
  setup(`sign in as ${role} (${email})`, async ({ page }) => {
    await signIn(page, email, password);
    await page.context().storageState({ path: SESSION[role] });
  });
}

setup('sign up the admin of a second organisation', async ({ page }) => {
  await signUp(page, uniqueEmail('second-org'), 'second organisation password', 'Second Org');
  await expect(page).toHaveURL(/\/organisation$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Second Org' })).toBeVisible();
  await page.context().storageState({ path: SESSION.otherAdmin });
});
