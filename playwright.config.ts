import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';
import { E2E, rateLimitsEnv } from './tests/e2e/support/constants';
import { MAIL_PORT } from './tests/e2e/support/mail-catcher';
import { serverNodeFlags } from './tests/system/support/node-flags';

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
// Debian's Chromium where it is installed (the browser download does not work on these
// machines); Playwright's own browser elsewhere.
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) =>
  existsSync(p),
);

export default defineConfig({
  testDir: 'tests/e2e',
  // A real SMTP server the app sends its mail to; the tests read what it caught.
  globalSetup: './tests/e2e/support/mail-catcher.ts',
  // Generous: the machines running the suite are shared, and a slow step is not a hang.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  // No retries: a test that passes only on its second try hides a bug or a shared state.
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(systemChromium ? { executablePath: systemChromium } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  projects: [
    // Signs each role in once and stores the sessions (tests/e2e/support/sessions.ts).
    { name: 'setup', testMatch: /auth\.setup\.ts$/, use: { ...devices['Desktop Chrome'] } },
    // The screenshots in docs/, on the demo organisation before the other specs change it.
    {
      name: 'screenshots',
      testMatch: /screenshots\.spec\.ts$/,
      use: { ...devices['Desktop Chrome'] },
      dependencies: ['setup'],
    },
    {
      name: 'chromium',
      testIgnore: [/security\//, /screenshots\.spec\.ts$/],
      use: { ...devices['Desktop Chrome'] },
      dependencies: ['setup', 'screenshots'],
    },
    // The authorization matrix compares whole organisations before and after: it runs
    // once the other specs, which change the demo organisation, have finished.
    {
      name: 'security',
      testDir: 'tests/e2e/security',
      use: { ...devices['Desktop Chrome'] },
      dependencies: ['chromium'],
    },
  ],
  webServer: {
    // The production build, started so that its PID is the server's.
    command: `node ${serverNodeFlags(path.dirname(fileURLToPath(import.meta.url))).join(' ')} scripts/server.mjs -p ${port} -H 127.0.0.1`,
    url: `${baseURL}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
      DATA_DIR: process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `rbac-e2e-${Date.now()}`),
      AUTH_SECRET: E2E.authSecret,
      SEED_ON_START: 'true',
      SEED_ADMIN_EMAIL: E2E.adminEmail,
      SEED_ADMIN_PASSWORD: E2E.adminPassword,
      SEED_MEMBER_PASSWORD: E2E.memberPassword,
      SEED_EXTRA_MEMBERS: String(E2E.extraMembers),
      // Explicit, so that the suite's own traffic stays under them and the test that
      // checks a limit checks the value set here.
      RATE_LIMITS: rateLimitsEnv(),
      // The webhooks spec receives events on the loopback (docs/webhooks.md). The address
      // check it lifts is tested with it on, in tests/system and tests/integration.
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      SMTP_URL: `smtp://127.0.0.1:${MAIL_PORT}`,
      MAIL_FROM: 'Dashboard <no-reply@dashboard.test>',
    },
  },
});
