import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, describeError, scrub } from '@/lib/log';

// The server's log (lib/log.ts, docs/deploy.md "Logs"): JSON lines that carry the request
// id and no secret.

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, log: createLogger({ destination }) };
}

describe('the log', () => {
  it('writes one JSON line with level, time, msg and the request id', () => {
    const { lines, log } = capture();
    log.error('api request failed', { requestId: 'req-123', route: 'GET /api/v1/me' });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 'error',
      msg: 'api request failed',
      requestId: 'req-123',
      route: 'GET /api/v1/me',
    });
    expect(new Date(entry.time as string).toISOString()).toBe(entry.time);
  });

  it('leaves out a request id that is not there', () => {
    const { lines, log } = capture();
    log.info('database migrated', { requestId: null });
    expect(JSON.parse(lines[0]!)).not.toHaveProperty('requestId');
  });

  it('redacts secret fields and scrubs secrets from text', () => {
    const { lines, log } = capture();
    const secrets = {
      password: 'hunter2-hunter2',
      authSecret: 'an-auth-secret-of-32-characters-x',
      databasePassword: 's3cret-db-pass',
      invite: 'qVx3T1cM0ZrJ8m2w5bY7nP4kL6hD9sF1aG3jE5tR0uI',
      bintu: 'bt_Q2hlY2sgdGhhdCB0aGlzIGlzIHJlZGFjdGVk',
      cookie: 'authjs.session-token=eyJhbGciOiJkaXIi',
    };
    log.error(`could not reach postgres://app:${secrets.databasePassword}@db.internal:5432/app`, {
      requestId: 'r1',
      password: secrets.password,
      body: { password: secrets.password, token: secrets.bintu },
      headers: { cookie: secrets.cookie, authorization: `Bearer ${secrets.bintu}` },
      AUTH_SECRET: secrets.authSecret,
      link: `https://dashboard.example.com/invite/${secrets.invite}`,
      error: describeError(new Error(`token ${secrets.bintu} refused`)),
    });
    const line = lines.join('\n');
    for (const secret of Object.values(secrets)) expect(line).not.toContain(secret);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({
      requestId: 'r1',
      password: '[redacted]',
      body: { password: '[redacted]', token: '[redacted]' },
      headers: { cookie: '[redacted]', authorization: '[redacted]' },
      AUTH_SECRET: '[redacted]',
      link: 'https://dashboard.example.com/invite/[redacted]',
      error: 'Error: token bt_[redacted] refused',
    });
    expect(entry.msg).toBe('could not reach postgres://app:[redacted]@db.internal:5432/app');
  });

  it('scrubs every kind of mailed link and key', () => {
    const token = 'A'.repeat(43);
    expect(scrub(`/confirm-email/${token} /reset-password/${token} ak_${token}`)).toBe(
      '/confirm-email/[redacted] /reset-password/[redacted] ak_[redacted]',
    );
    expect(scrub('smtp://user:pa55@mail.example.com:587')).toBe(
      'smtp://user:[redacted]@mail.example.com:587',
    );
  });
});
