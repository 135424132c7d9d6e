import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { E2E } from './support/constants';
import { generateInvite } from './support/invitations';
import { expect, SESSION, test, type Role } from './support/sessions';
import { pageRoutes } from './security/support';

// Every page, and every dialog and menu on it while open (docs/product.md,
// "Accessibility"): axe-core finds no serious or critical violation of WCAG 2.1 A and
// AA, in the light and the dark theme; at 360 px wide nothing makes the page scroll
// sideways (a table scrolls inside its own box). The pages look the same on either
// database, so this runs once, on the embedded one.
test.skip(!!process.env.E2E_DATABASE_URL, 'checked on the embedded database run');

interface PageCase {
  /** Who looks at it: a stored session, or nobody signed in. */
  as: Role | null;
  /** The address to open; for a route with an id, found the way a person would. */
  open: (page: Page) => Promise<string> | string;
}

const ADMIN = 'admin' satisfies Role;

/** A page at a fixed address, seen by `as`. */
const at = (as: Role | null, path: string): PageCase => ({ as, open: () => path });

const PAGES: Record<string, PageCase> = {
  '/': at(null, '/'),
  '/sign-in': at(null, '/sign-in'),
  '/sign-up': at(null, '/sign-up'),
  '/forgot-password': at(null, '/forgot-password'),
  '/reset-password/[token]': at(null, '/reset-password/no-such-link'),
  '/confirm-email/[token]': at(null, '/confirm-email/no-such-link'),
  '/invite/[token]': {
    as: null,
    open: async (page) => {
      // A live invitation, made by the admin in a context of its own.
      const admin = await page.context().browser()!.newContext({ storageState: SESSION.admin });
      const adminPage = await admin.newPage();
      await adminPage.goto('/organisation/users');
      await adminPage.getByRole('button', { name: 'Invite New User' }).click();
      const link = await generateInvite(adminPage, 'ReadOnly');
      await admin.close();
      return new URL(link).pathname;
    },
  },
  '/no-access': at(ADMIN, '/no-access'),
  '/api-reference': at(null, '/api-reference'),
  '/account': at(ADMIN, '/account'),
  '/organisation': at(ADMIN, '/organisation'),
  '/organisation/roles': at(ADMIN, '/organisation/roles'),
  '/organisation/users': at(ADMIN, '/organisation/users'),
  '/organisation/users/invitations': at(ADMIN, '/organisation/users/invitations'),
  '/organisation/users/[userId]': {
    as: ADMIN,
    open: (page) =>
      followRowLink(
        page,
        `/organisation/users?q=${encodeURIComponent(E2E.readonlyEmail)}`,
        'table a[href^="/organisation/users/"]',
      ),
  },
  '/organisation/access-review': at(ADMIN, '/organisation/access-review'),
  '/organisation/audit': at(ADMIN, '/organisation/audit'),
  '/organisation/audit/[eventId]': {
    as: ADMIN,
    open: (page) =>
      followRowLink(page, '/organisation/audit', 'table a[href^="/organisation/audit/"]'),
  },
  '/streams': at(ADMIN, '/streams'),
  '/organisation/webhooks': at(ADMIN, '/organisation/webhooks'),
  '/organisation/webhooks/[endpointId]': {
    as: ADMIN,
    open: async (page) => {
      await page.goto('/organisation/webhooks');
      const endpoint = 'li a[href^="/organisation/webhooks/"]';
      if ((await page.locator(endpoint).count()) === 0) {
        await page.getByRole('button', { name: 'Add endpoint' }).click();
        const dialog = page.getByRole('dialog', { name: 'Add endpoint' });
        await dialog.getByLabel('URL').fill('http://127.0.0.1:9/accessibility');
        await dialog.getByRole('button', { name: 'Add endpoint' }).click();
        await dialog.getByRole('button', { name: 'Done' }).click();
      }
      return followRowLink(page, '/organisation/webhooks', endpoint);
    },
  },
};

/** Opens `list` and returns where the first of its items (`link`) leads. */
async function followRowLink(page: Page, list: string, link: string): Promise<string> {
  await page.goto(list);
  const href = await page.locator(link).first().getAttribute('href');
  expect(href, `${link} on ${list}`).toBeTruthy();
  return href!;
}

test('every page of the app is checked here', () => {
  expect(Object.keys(PAGES).sort()).toEqual(pageRoutes().sort());
});

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The serious and critical violations on the page, or inside `within` only: in the light
 * theme, then in the dark one, where only colours change, so only the colour rules run.
 */
async function violations(page: Page, within?: string): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    let axe = new AxeBuilder({ page });
    axe = scheme === 'light' ? axe.withTags(WCAG) : axe.withRules(['color-contrast']);
    if (within) axe = axe.include(within);
    for (const v of (await axe.analyze()).violations) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue;
      for (const n of v.nodes) found.push(`${scheme}: ${v.id} at ${n.target.join(' ')}`);
    }
  }
  return found;
}

const OPEN_LAYER = '[role="dialog"], [role="alertdialog"], [role="menu"]';

/**
 * Each kind of dialog and menu the page offers, opened in turn: every button that says
 * it opens one, the first of a row's kind only (the rows' buttons share one dialog).
 */
async function eachLayer(page: Page, check: (name: string) => Promise<void>) {
  // The menus load their script just after the page: wait until their buttons work.
  await expect(page.locator('button[aria-haspopup]:disabled')).toHaveCount(0);
  const triggers = page
    .locator('button[aria-haspopup="dialog"], button[aria-haspopup="menu"]')
    .filter({ visible: true });
  const seen = new Set<string>();
  for (let i = 0; i < (await triggers.count()); i++) {
    const trigger = triggers.nth(i);
    if (!(await trigger.isEnabled())) continue;
    const kind =
      (await trigger.getAttribute('data-row-action')) ??
      (await trigger.getAttribute('aria-label')) ??
      (await trigger.innerText());
    if (seen.has(kind)) continue;
    seen.add(kind);
    await trigger.click();
    const layer = page.locator(OPEN_LAYER).last();
    await expect(layer, `what "${kind}" opens`).toBeVisible();
    await check(kind);
    await page.keyboard.press('Escape');
    await expect(page.locator(OPEN_LAYER)).toHaveCount(0);
  }
}

for (const [route, spec] of Object.entries(PAGES)) {
  test(`${route}: no serious violation in either theme, dialogs and menus open`, async ({
    openPage,
  }) => {
    const page = await openPage(spec.as ?? undefined);
    await page.goto(await spec.open(page));
    expect(await violations(page), 'the page').toEqual([]);
    await eachLayer(page, async (kind) => {
      expect(await violations(page, OPEN_LAYER), `"${kind}" open`).toEqual([]);
    });
  });

  test(`${route}: at 360 px nothing scrolls sideways, dialogs and menus included`, async ({
    openPage,
  }) => {
    const page = await openPage(spec.as ?? undefined);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(await spec.open(page));
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow(), 'pixels of sideways scroll').toBeLessThanOrEqual(0);
    await eachLayer(page, async (kind) => {
      const box = await page.locator(OPEN_LAYER).last().boundingBox();
      expect(box!.x, `"${kind}" starts on screen`).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, `"${kind}" ends on screen`).toBeLessThanOrEqual(360);
      expect(await overflow(), `sideways scroll with "${kind}" open`).toBeLessThanOrEqual(0);
    });
  });
}
