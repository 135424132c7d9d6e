import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { serverNodeFlags } from './node-flags';

// The production server (scripts/server.mjs, the build in .next) in a child process of
// the test. Tests stop their servers with stopAllServers() in afterAll; a server still
// running when the test process exits is killed outright: none outlives its test.

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

export const SECRETS = {
  authSecret: 'system-secret-system-secret-system-0123456',
  adminEmail: 'admin@example.com',
  adminPassword: 'system-admin-password-1',
  memberPassword: 'system-member-password-1',
} as const;

export interface Server {
  base: string;
  port: number;
  pid: number;
  /** Everything the server wrote to stdout and stderr so far. */
  output: () => string;
  /** True while the process that was started is still running. */
  running: () => boolean;
  stop: () => Promise<void>;
}

const children = new Set<ChildProcess>();
const servers = new Set<Server>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

const OUTPUT_LIMIT = 4 * 1024 * 1024;

/**
 * Starts the server on `port`; resolves once it answers, rejects if it exits first. With
 * `demo` (the default) it seeds the demo organisation, which a production server on
 * PostgreSQL does only when asked (docs/deploy.md, "What production means here").
 */
export async function startServer(opts: {
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
  demo?: boolean;
  readyWithinMs?: number;
}): Promise<Server> {
  if (!existsSync(path.join(ROOT, '.next/BUILD_ID')))
    throw new Error('No production build in .next: run `npm run build` first.');
  const base = `http://127.0.0.1:${opts.port}`;
  if (await answers(base)) throw new Error(`Something already listens on port ${opts.port}.`);

  const child = spawn(
    process.execPath,
    [...serverNodeFlags(ROOT), 'scripts/server.mjs', '-p', String(opts.port), '-H', '127.0.0.1'],
    {
      cwd: ROOT,
      // Only what the server needs: not the test runner's NODE_ENV=test and the like.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? ROOT,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URL: opts.databaseUrl,
        AUTH_SECRET: SECRETS.authSecret,
        ...(opts.demo === false
          ? {}
          : {
              SEED_ON_START: 'true',
              SEED_ADMIN_EMAIL: SECRETS.adminEmail,
              SEED_ADMIN_PASSWORD: SECRETS.adminPassword,
              SEED_MEMBER_PASSWORD: SECRETS.memberPassword,
            }),
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    if (output.length < OUTPUT_LIMIT) output += chunk.toString('utf8');
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => children.delete(child));

  const server: Server = {
    base,
    port: opts.port,
    pid: child.pid!,
    output: () => output,
    running: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (!server.running()) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(10_000, false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await Promise.race([exited, sleep(5_000, undefined)]);
      }
    },
  };

  servers.add(server);

  const deadline = Date.now() + (opts.readyWithinMs ?? 120_000);
  while (Date.now() < deadline) {
    if (!server.running())
      throw new Error(`Server on ${opts.port} exited during start:\n${output.slice(-4000)}`);
    if (await answers(base)) return server;
    await sleep(250, undefined);
  }
  await server.stop();
  throw new Error(`Server on ${opts.port} did not answer in time:\n${output.slice(-4000)}`);
}

/** Stops every server started so far (those already stopped return at once). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...servers].map((s) => s.stop()));
  servers.clear();
}

/** True when GET /sign-in answers 200 within 5 s. */
async function answers(base: string): Promise<boolean> {
  try {
    const res = await fetch(`${base}/sign-in`, { signal: AbortSignal.timeout(5_000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

export function sleep<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}
