#!/usr/bin/env node
// Every test: unit and integration (Vitest), then the production build, the system tests
// (Vitest starting the production server: faults, several instances; PostgreSQL only)
// and the browser tests (Playwright in Chromium). With DATABASE_URL set, the integration,
// system and e2e tests run on that PostgreSQL server, each in databases of their own.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

const run = (cmd, args, env = {}) => {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const started = Date.now();
const url = process.env.DATABASE_URL;
console.log(`Database: ${url ? `PostgreSQL (${new URL(url).host})` : 'embedded PGlite'}`);

run('npx', ['vitest', 'run', '--project', 'unit', '--project', 'integration']);
if (process.env.SKIP_BUILD !== '1') run('npm', ['run', 'build']);
if (!url) console.log('\nThe system tests need PostgreSQL: set DATABASE_URL to run them.');
run('npx', ['vitest', 'run', '--project', 'system']);

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rbac-e2e-'));
let e2eDatabase;
let admin;
if (url) {
  e2eDatabase = `e2e_${randomBytes(5).toString('hex')}`;
  admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${e2eDatabase}`);
}
const e2eUrl = url ? Object.assign(new URL(url), { pathname: `/${e2eDatabase}` }).toString() : '';
try {
  run('npx', ['playwright', 'test', ...process.argv.slice(2)], {
    E2E_DATA_DIR: dataDir,
    E2E_DATABASE_URL: e2eUrl,
  });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  if (admin) {
    await admin.unsafe(`drop database if exists ${e2eDatabase} with (force)`);
    await admin.end();
  }
}
console.log(`\nAll tests passed in ${Math.round((Date.now() - started) / 1000)} s.`);
