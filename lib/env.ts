import { z } from 'zod';

// The one place that reads process.env. Validated on first use so a bad deploy fails at
// start with a readable message instead of at the first request.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_PREPARE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  // Connections per server process (docs/deploy.md): a serverless function wants 1 to 3.
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  // false: the server does not migrate at start; `npm run db:migrate` does, as a deploy
  // step, and /api/health/ready says whether the database is current.
  MIGRATE_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  DATA_DIR: z.string().default('.data'),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  SEED_ADMIN_EMAIL: z.string().trim().toLowerCase().pipe(z.email()).default('admin@example.com'),
  SEED_ADMIN_PASSWORD: z.string().min(12).optional(),
  SEED_MEMBER_PASSWORD: z.string().min(12).optional(),
  // Unset: seed the demo organisation on an empty database, except in production on
  // PostgreSQL (docs/deploy.md, "What production means here"). See `env()`.
  SEED_ON_START: z
    .enum(['true', 'false'])
    .optional()
    .or(z.literal('').transform(() => undefined))
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  // Bulk members added to the demo organisation on first seed (tests, demos of paging).
  SEED_EXTRA_MEMBERS: z.coerce.number().int().min(0).max(1_000_000).default(0),
  PUBLIC_URL: z.string().url().optional(),
  // Who may sign up (docs/product.md, "Sign in and sign up"): `open`, anyone, each with a new
  // organisation; `invite-only`, only people holding a live invitation.
  SIGN_UP: z.enum(['open', 'invite-only']).default('open'),
  // `npm run create-admin` (lib/setup/create-admin-cli.ts) only: the first admin of a
  // deploy, checked as a sign-up when the command runs (not at the server's start).
  ADMIN_EMAIL: z.string().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  ADMIN_ORGANISATION: z.string().optional(),
  // The server's JSON log (lib/log.ts): the least severe level written.
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // How many reverse proxies in front of the server to believe (docs/security.md,
  // "Client address"): off (0) takes the socket's address and ignores forwarded headers.
  TRUST_PROXY: z
    .string()
    .trim()
    .default('0')
    .transform((v, ctx) => {
      if (v === '' || v === 'false') return 0;
      if (v === 'true') return 1;
      if (/^\d{1,2}$/.test(v)) return Number(v);
      ctx.addIssue({ code: 'custom', message: 'TRUST_PROXY is false, true or a number of hops' });
      return z.NEVER;
    }),
  // Mail (docs/email.md): smtp://user:pass@host:587 (smtps:// for TLS from the start).
  // Unset: each mail is printed on the console, links and all (development and the
  // embedded database only; a production server on PostgreSQL sends nothing instead).
  SMTP_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().trim().min(3).default('Organisation dashboard <no-reply@localhost>'),
  // Lifts the webhook address check and allows plain http (docs/webhooks.md): for local
  // development and tests with a receiver on the loopback. Never in production.
  WEBHOOK_ALLOW_PRIVATE_URLS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  // Overrides of the rate limits, `name=limit/seconds` separated by commas, for example
  // `signUp=20/60,api=1200/60` (names in lib/services/rate-limit.ts).
  RATE_LIMITS: z
    .string()
    .trim()
    .default('')
    .transform((v, ctx) => {
      const out: Record<string, { limit: number; windowSeconds: number }> = {};
      for (const part of v.split(',').filter(Boolean)) {
        const m = /^\s*(\w+)=(\d+)\/(\d+)\s*$/.exec(part);
        if (!m) {
          ctx.addIssue({ code: 'custom', message: `RATE_LIMITS: cannot read "${part}"` });
          return z.NEVER;
        }
        out[m[1]!] = { limit: Number(m[2]), windowSeconds: Number(m[3]) };
      }
      return out;
    }),
});

export type Env = Omit<z.infer<typeof schema>, 'SEED_ON_START'> & { SEED_ON_START: boolean };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const data = parsed.data;
  // A production server on PostgreSQL seeds nothing unless asked: its database is real.
  const seed = data.SEED_ON_START ?? !(data.DATABASE_URL && data.NODE_ENV === 'production');
  cached = { ...data, SEED_ON_START: seed };
  return cached;
}
