import { CONFIRM_LINK, linkFromMail, signUp, uniqueEmail } from './support/auth';
import { E2E } from './support/constants';
import { generateInvite } from './support/invitations';
import { mailsTo } from './support/mail-catcher';
import { SESSION, expect, test } from './support/sessions';

// Invitations by email, the confirmation of a new account's address, and a change of
// address, each opened from the mail the server sent to a real SMTP server
// (support/mail-catcher.ts; docs/email.md).

test.use({ storageState: SESSION.admin });

const INVITE_LINK = /\/invite\/[A-Za-z0-9_-]{43}/;
const inviteSubject = `${E2E.adminEmail} invited you to ${E2E.organisation}`;

test('an invitation by email: the invitee opens the mail, confirms the address and joins', async ({
  page,
  openPage,
}) => {
  await page.goto('/organisation/users');
  await page.getByRole('button', { name: 'Invite New User' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite New User' });
  await dialog.getByLabel('Role').selectOption({ label: 'User' });
  const email = uniqueEmail('mailed');
  await dialog.getByLabel('Email (optional)').fill(email);
  await dialog.getByRole('button', { name: 'Generate New Invite Token' }).click();
  await expect(
    dialog.getByRole('status').filter({ hasText: `Invitation sent to ${email}` }),
  ).toBeVisible();
  const shown = await dialog.getByLabel('Invite link').inputValue();
  await dialog.getByRole('button', { name: 'Done' }).click();

  const link = await linkFromMail(email, inviteSubject, INVITE_LINK);
  expect(link).toBe(shown);
  const [mail] = mailsTo(email);
  expect(mail!.text).toContain('with the role User');

  const invitee = await openPage();
  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { name: `Join ${E2E.organisation}` })).toBeVisible();
  await invitee.getByRole('link', { name: 'Sign up to accept' }).click();
  await expect(invitee.getByLabel('Email')).toHaveValue(email);
  await invitee.getByLabel('Password').fill('mailed invitee password');
  await invitee.getByRole('button', { name: 'Create account' }).click();
  await expect(invitee.getByText('Check your inbox')).toBeVisible();

  // The confirmation link does nothing until its button is pressed (mail scanners open
  // links); then the account exists, signed in, back at the invitation.
  const confirm = await linkFromMail(email, 'Confirm your email address', CONFIRM_LINK);
  await invitee.goto(confirm);
  await expect(invitee.getByRole('heading', { name: 'Confirm your email address' })).toBeVisible();
  await invitee.getByRole('button', { name: 'Confirm and sign in' }).click();
  await expect(invitee.getByRole('heading', { name: `Join ${E2E.organisation}` })).toBeVisible();
  await invitee.getByRole('button', { name: 'Accept' }).click();
  await expect(invitee.getByRole('heading', { level: 1, name: E2E.organisation })).toBeVisible();

  // The confirmation link is spent.
  await invitee.goto(confirm);
  await expect(
    invitee.getByRole('heading', { name: 'This link has expired or was already used' }),
  ).toBeVisible();
});

test('Resend mails a new link and the old one stops working', async ({ page, openPage }) => {
  await page.goto('/organisation/users');
  await page.getByRole('button', { name: 'Invite New User' }).click();
  const email = uniqueEmail('resend');
  await generateInvite(page, 'ReadOnly', email);
  await page.getByRole('button', { name: 'Done' }).click();
  const first = await linkFromMail(email, inviteSubject, INVITE_LINK);

  const row = page
    .getByRole('region', { name: 'Pending invitations' })
    .getByRole('row')
    .filter({ hasText: email })
    .filter({ hasText: 'pending' });
  await row.getByRole('button', { name: 'Resend' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Resend invitation' });
  await expect(confirm.getByText(`A mail with a new link goes to ${email}`)).toBeVisible();
  await confirm.getByRole('button', { name: 'Resend' }).click();
  await expect(page.getByText(`Invitation sent again to ${email}.`)).toBeVisible();

  await expect.poll(() => mailsTo(email).length, { timeout: 15_000 }).toBe(2);
  const second = mailsTo(email)
    .map((m) => new RegExp(`https?://\\S+${INVITE_LINK.source}`).exec(m.text)![0])
    .find((l) => l !== first)!;
  const invitee = await openPage();
  await invitee.goto(first);
  await expect(
    invitee.getByRole('heading', { name: 'This invitation was withdrawn' }),
  ).toBeVisible();
  await invitee.goto(second);
  await expect(invitee.getByRole('heading', { name: `Join ${E2E.organisation}` })).toBeVisible();
});

test('a change of email is made from the new address, and the old one is told', async ({
  openPage,
}) => {
  // An account of its own: its address changes.
  const page = await openPage();
  const oldEmail = uniqueEmail('mover');
  const password = 'mover password 123';
  await signUp(page, oldEmail, password, 'Movers');
  await page.goto('/account');
  const panel = page.getByRole('region', { name: 'Email address' });
  await expect(panel.getByText(oldEmail)).toBeVisible();
  await expect(panel.getByText('verified', { exact: true })).toBeVisible();

  const newEmail = uniqueEmail('moved');
  await panel.getByLabel('New email').fill(newEmail);
  await panel.getByLabel('Current password').fill('not my password');
  await panel.getByRole('button', { name: 'Change email' }).click();
  await expect(panel.getByText('That is not your current password.')).toBeVisible();
  await panel.getByLabel('Current password').fill(password);
  await panel.getByRole('button', { name: 'Change email' }).click();
  await expect(panel.getByText(`Check the inbox of ${newEmail}`)).toBeVisible();

  await page.goto(await linkFromMail(newEmail, 'Confirm your new email address', CONFIRM_LINK));
  await page.getByRole('button', { name: 'Use this address' }).click();
  await expect(page).toHaveURL(/\/account\?email=changed/);
  await expect(
    page.getByRole('status').filter({ hasText: 'Your email address changed' }),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Email address' }).getByText(newEmail),
  ).toBeVisible();

  await expect
    .poll(
      () => mailsTo(oldEmail).filter((m) => m.subject === 'Your email address changed').length,
      {
        timeout: 15_000,
      },
    )
    .toBe(1);
  // The audit log of the account's organisation says what changed.
  await page.goto('/organisation/audit?action=member.email_changed');
  await expect(page.getByRole('cell', { name: newEmail }).first()).toBeVisible();
});
