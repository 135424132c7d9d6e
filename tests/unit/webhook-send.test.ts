import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isBlockedAddress, sendWebhook, webhookUrlProblem } from '@/lib/webhooks/send';

// Real sockets against real node:http servers on 127.0.0.1: the point of the sender is what
// it does on the wire (what it connects to, what it reads, when it stops).

interface Received {
  method: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
}

interface Receiver {
  port: number;
  url: string;
  requests: Received[];
  /** TCP connections accepted, with or without a request on them. */
  connections: number;
}

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** A server on a free port of 127.0.0.1 that records each request, then lets `answer` reply. */
async function receiver(answer: (res: ServerResponse) => void): Promise<Receiver> {
  const state: Receiver = { port: 0, url: '', requests: [], connections: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      state.requests.push({ method: req.method, headers: req.headers, body });
      answer(res);
    });
  });
  server.on('connection', () => state.connections++);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}/hook`;
  return state;
}

const dev = { allowPrivate: true };

describe('sendWebhook', () => {
  it('delivers the body and headers and answers ok on a 200', async () => {
    const r = await receiver((res) => res.writeHead(200).end('thanks'));
    const body = JSON.stringify({ event: 'member.added', id: 1 });

    const result = await sendWebhook(r.url, { 'x-webhook-signature': 'sha256=abc' }, body, dev);

    expect(result).toMatchObject({ ok: true, status: 200, responseExcerpt: 'thanks', error: null });
    expect(Number.isInteger(result.durationMs)).toBe(true);
    expect(r.requests).toHaveLength(1);
    const [request] = r.requests;
    expect(request?.method).toBe('POST');
    expect(request?.body).toBe(body);
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'org-dashboard-webhooks/1',
      'content-length': String(Buffer.byteLength(body)),
      'x-webhook-signature': 'sha256=abc',
    });
  });

  it('keeps the status and the excerpt of a 500, which is not ok', async () => {
    const r = await receiver((res) => res.writeHead(500).end('database down'));

    const result = await sendWebhook(r.url, {}, '{}', dev);

    expect(result).toMatchObject({
      ok: false,
      status: 500,
      responseExcerpt: 'database down',
      error: 'The receiver answered 500.',
    });
  });

  it('does not follow a redirect', async () => {
    const target = await receiver((res) => res.writeHead(200).end());
    const r = await receiver((res) => res.writeHead(302, { location: target.url }).end());

    const result = await sendWebhook(r.url, {}, '{}', dev);

    expect(result).toMatchObject({
      ok: false,
      status: 302,
      error: 'Redirects are not followed (302).',
    });
    expect(r.requests).toHaveLength(1);
    expect(target.connections).toBe(0);
  });

  it('stops reading an endless body at the cap and keeps 1,024 characters', async () => {
    let closed = false;
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const r = await receiver((res) => {
      res.writeHead(200);
      res.on('close', () => (closed = true));
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });

    const result = await sendWebhook(r.url, {}, '{}', { ...dev, timeoutMs: 5000 });

    expect(result).toMatchObject({ ok: true, status: 200, error: null });
    expect(result.responseExcerpt).toBe('a'.repeat(1024));
    await expect.poll(() => closed).toBe(true);
  });

  it('decodes the excerpt as UTF-8, replacing invalid bytes', async () => {
    const r = await receiver((res) =>
      res.writeHead(400).end(Buffer.from([0x68, 0xc3, 0xa9, 0xff, 0x21])),
    );

    const result = await sendWebhook(r.url, {}, '{}', dev);

    expect(result).toMatchObject({ ok: false, status: 400, responseExcerpt: 'hé\uFFFD!' });
  });

  it('gives up on a receiver that never answers', async () => {
    const r = await receiver(() => {});

    const result = await sendWebhook(r.url, {}, '{}', { ...dev, timeoutMs: 300 });

    expect(result).toMatchObject({
      ok: false,
      status: null,
      responseExcerpt: '',
      error: 'No answer within 0.3 s.',
    });
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(result.durationMs).toBeLessThan(3000);
    expect(r.requests).toHaveLength(1);
  });

  it('reports a refused connection without a status', async () => {
    const r = await receiver(() => {});
    const port = r.port;
    const server = servers.pop()!;
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const result = await sendWebhook(`http://127.0.0.1:${port}/`, {}, '{}', dev);

    expect(result).toMatchObject({
      ok: false,
      status: null,
      error: 'The receiver refused the connection.',
    });
  });

  describe('without allowPrivate', () => {
    const prod = { allowPrivate: false };

    it('refuses plain http', async () => {
      const r = await receiver((res) => res.writeHead(200).end());

      expect(webhookUrlProblem(r.url, false)).toBe('The URL must start with https://.');
      const result = await sendWebhook(r.url, {}, '{}', prod);
      expect(result).toMatchObject({ ok: false, status: null, error: expect.any(String) });
      expect(r.connections).toBe(0);
    });

    it('refuses a literal loopback address before connecting', async () => {
      const r = await receiver((res) => res.writeHead(200).end());

      const result = await sendWebhook(`https://127.0.0.1:${r.port}/`, {}, '{}', prod);

      expect(result).toMatchObject({
        ok: false,
        status: null,
        responseExcerpt: '',
        error: 'The address 127.0.0.1 is private: refused.',
      });
      expect(r.connections).toBe(0);
    });

    it('refuses a name that resolves to loopback before connecting', async () => {
      const r = await receiver((res) => res.writeHead(200).end());

      const result = await sendWebhook(`https://localhost:${r.port}/`, {}, '{}', prod);

      expect(result).toMatchObject({ ok: false, status: null, responseExcerpt: '' });
      expect(result.error).toMatch(/^The address (127\.0\.0\.1|::1) is private: refused\.$/);
      expect(r.connections).toBe(0);
    });
  });
});

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::',
    '::1',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '64:ff9b::7f00:1',
    '64:ff9b::10.0.0.1',
    '2002:c0a8:101::1',
    '224.0.0.1',
    'ff02::1',
    '255.255.255.255',
    '240.0.0.1',
    '192.0.2.1',
    '2001:db8::1',
    'localhost',
    '',
  ])('blocks %j', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each([
    '93.184.216.34',
    '1.1.1.1',
    '8.8.8.8',
    '2606:4700:4700::1111',
    '[2606:4700:4700::1111]',
    '::ffff:1.1.1.1',
    '64:ff9b::808:808',
  ])('allows %j', (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });
});

describe('webhookUrlProblem', () => {
  it.each([
    ['https://example.com/hook', false],
    ['https://example.com:8443/a?b=c', false],
    ['https://93.184.216.34/hook', false],
    ['http://example.com/hook', true],
    ['http://127.0.0.1:3000/hook', true],
    ['https://[::1]/hook', true],
  ])('accepts %s (allowPrivate %s)', (url, allowPrivate) => {
    expect(webhookUrlProblem(url, allowPrivate)).toBeNull();
  });

  it.each([
    ['ftp://example.com/hook', 'The URL must start with https://.'],
    ['file:///etc/passwd', 'The URL must start with https://.'],
    ['javascript:alert(1)', 'The URL must start with https://.'],
    ['http://example.com/hook', 'The URL must start with https://.'],
    ['https://user:pass@example.com/', 'The URL may not contain a user name or password.'],
    ['https://user@example.com/', 'The URL may not contain a user name or password.'],
    [`https://example.com/${'a'.repeat(2000)}`, 'The URL is longer than 2,000 characters.'],
    ['not a url', 'This is not a URL.'],
    ['', 'This is not a URL.'],
    ['https://', 'This is not a URL.'],
    ['https://10.0.0.1/hook', 'The address 10.0.0.1 is private: refused.'],
    ['https://2130706433/hook', 'The address 127.0.0.1 is private: refused.'],
    ['https://[::1]/hook', 'The address ::1 is private: refused.'],
    ['https://[::ffff:169.254.169.254]/', 'The address ::ffff:a9fe:a9fe is private: refused.'],
  ])('refuses %s', (url, problem) => {
    expect(webhookUrlProblem(url, false)).toBe(problem);
  });

  it('accepts a URL of exactly 2,000 characters', () => {
    const url = 'https://example.com/';
    expect(webhookUrlProblem(url + 'a'.repeat(2000 - url.length), false)).toBeNull();
  });

  it('names both schemes when plain http is allowed', () => {
    expect(webhookUrlProblem('ftp://example.com/', true)).toBe(
      'The URL must start with https:// or http://.',
    );
  });
});
