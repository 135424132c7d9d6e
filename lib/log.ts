import pino, { type DestinationStream, type Logger } from 'pino';
import { env } from './env';

// The server's log (docs/deploy.md, "Logs"): one JSON object per line on stdout, with
// `level`, `time`, `msg` and, where a request is being served, its `requestId` (the
// `x-request-id` of the answer). Nothing secret is logged: fields under a known secret
// name are redacted, and messages are scrubbed of URL passwords, mailed links' tokens and
// bintu tokens and API keys, in case an error's message carries one (so are fields that
// are text).

/** Field names whose values never reach the log, at any of the first three levels. */
const SECRET_KEYS = [
  'password',
  'passwordHash',
  'newPassword',
  'token',
  'tokenHash',
  'secret',
  'authSecret',
  'AUTH_SECRET',
  'apiKey',
  'x-api-key',
  'authorization',
  'cookie',
  'set-cookie',
  'databaseUrl',
  'DATABASE_URL',
  'SMTP_URL',
];
const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const k = `["${key}"]`;
  return [k, `*${k}`, `*.*${k}`];
});

const SCRUBS: [RegExp, string][] = [
  // postgres://user:password@host, smtp://user:password@host
  [/(\b[a-z][\w+.-]*:\/\/[^\s:@/]*:)[^\s@/]+@/gi, '$1[redacted]@'],
  // Links that act by their token: invitations, address confirmations, password resets.
  [/\/(invite|confirm-email|reset-password)\/[A-Za-z0-9_-]{16,}/g, '/$1/[redacted]'],
  [/\b(bt|ak)_[A-Za-z0-9_-]{16,}/g, '$1_[redacted]'],
];

/** `text` without the secrets a message may carry (see SCRUBS). */
export function scrub(text: string): string {
  return SCRUBS.reduce((out, [re, by]) => out.replace(re, by), text);
}

/** An error as one line for the log: its name and message, never its stack or cause. */
export function describeError(err: unknown): string {
  return err instanceof Error ? scrub(`${err.name}: ${err.message}`) : 'error';
}

export interface LogFields {
  /** The request being served, when there is one (lib/auth/request-context.ts). */
  requestId?: string | null;
  [field: string]: unknown;
}

type Write = (msg: string, fields?: LogFields) => void;
export interface Log {
  error: Write;
  warn: Write;
  info: Write;
  debug: Write;
}

/** A logger writing to `destination` (stdout by default); tests pass a stream. */
export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Log {
  const logger: Logger = pino(
    {
      level: opts.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // Written at once: lines keep their order with printForPerson's, and none is lost
    // when the process exits right after (instrumentation.ts on a failed start).
    opts.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  const write =
    (level: 'error' | 'warn' | 'info' | 'debug'): Write =>
    (msg, fields = {}) => {
      const { requestId, ...rest } = fields;
      for (const [key, value] of Object.entries(rest))
        if (typeof value === 'string') rest[key] = scrub(value);
      logger[level]({ ...(requestId ? { requestId } : {}), ...rest }, scrub(msg));
    };
  return { error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug') };
}

// One per process (each Next bundle imports this module; the first call creates it).
const g = globalThis as typeof globalThis & { __log?: Log };
const current = () => (g.__log ??= createLogger({ level: levelFromEnv() }));

function levelFromEnv(): string {
  try {
    return env().LOG_LEVEL;
  } catch {
    return 'info'; // an invalid environment is itself logged, as a failed start
  }
}

export const log: Log = {
  error: (msg, fields) => current().error(msg, fields),
  warn: (msg, fields) => current().warn(msg, fields),
  info: (msg, fields) => current().info(msg, fields),
  debug: (msg, fields) => current().debug(msg, fields),
};

/**
 * Plain lines for a person at a terminal, outside the JSON log: the demo sign-in of a
 * first start, mails printed without SMTP_URL (development and the embedded database).
 */
export function printForPerson(lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}
