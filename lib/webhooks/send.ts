import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

// The URL of a webhook is typed in by an organisation admin, and the request goes out from
// our servers: without these checks it could reach our own network (server-side request
// forgery). The address is checked when the URL is saved and again when the socket
// connects, so a DNS record changed afterwards cannot point a saved URL at a private address.

/** What one delivery attempt came to. */
export interface SendResult {
  /** A 2xx answer. */
  ok: boolean;
  /** Null when there was no HTTP answer (refused, DNS failure, timeout, connection error). */
  status: number | null;
  /** Whole milliseconds from start to end. */
  durationMs: number;
  /** The first 1,024 characters of the body, '' when there is none. */
  responseExcerpt: string;
  /** A short reason for the receiver's admin when !ok. */
  error: string | null;
}

/** How one delivery may go. */
export interface SendOptions {
  /** Lifts the address check and allows plain http: for development and tests only. */
  allowPrivate: boolean;
  /** The whole attempt: connect, send and answer. 10 s unless given. */
  timeoutMs?: number;
  /** The most of the body that is read; the socket is then closed. 64 KiB unless given. */
  maxResponseBytes?: number;
}

const MAX_URL_LENGTH = 2000;
const EXCERPT_CHARS = 1024;
const USER_AGENT = 'org-dashboard-webhooks/1';

/** Every range that is not the public internet: private, loopback, link-local, reserved… */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, with the cloud metadata address 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, with broadcast 255.255.255.255
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible form
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local, with the metadata address fd00:ec2::254
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** The eight 16-bit groups of a valid IPv6 address. */
function ipv6Groups(address: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  let text = address;
  if (dotted) {
    // The dotted tail of ::ffff:1.2.3.4 is the last two groups, written another way.
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    const high = ((a << 8) | b).toString(16);
    const low = ((c << 8) | d).toString(16);
    text = `${address.slice(0, dotted.index)}${high}:${low}`;
  }
  const [head, tail] = text.split('::');
  const groups = (part?: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = groups(tail);
  const middle = tail === undefined ? [] : Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...middle, ...right];
}

/** The IPv4 address inside an IPv4-mapped, NAT64 or 6to4 address, which routes to it. */
function embeddedIPv4(address: string): string | null {
  const g = ipv6Groups(address);
  const v4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return v4(g[6]!, g[7]!); // ::ffff:a.b.c.d
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4(g[6]!, g[7]!); // 64:ff9b::/96
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!); // 6to4, 2002:aabb:ccdd::/48
  return null;
}

/** Whether an IP address (v4 or v6 text) may not be reached. */
export function isBlockedAddress(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, ''); // [brackets], %zone
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family !== 6) return true; // not an address: nothing to vouch for
  const inner = embeddedIPv4(bare);
  return (inner !== null && blocked.check(inner, 'ipv4')) || blocked.check(bare, 'ipv6');
}

/** The one wording of a refused address, whether literal or found through DNS. */
function refusal(address: string): string {
  return `The address ${address} is private: refused.`;
}

/** What is wrong with `url` as a webhook URL before any request, or null. */
export function webhookUrlProblem(url: string, allowPrivate: boolean): string | null {
  if (url.length > MAX_URL_LENGTH) return 'The URL is longer than 2,000 characters.';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'This is not a URL.';
  }
  const schemes = allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(parsed.protocol)) {
    return allowPrivate
      ? 'The URL must start with https:// or http://.'
      : 'The URL must start with https://.';
  }
  if (parsed.username || parsed.password) return 'The URL may not contain a user name or password.';
  // A literal IP never goes through DNS (and Node skips `lookup` for it): check it here.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!allowPrivate && isIP(host) && isBlockedAddress(host)) return refusal(host);
  return null;
}

/**
 * What is wrong with `url` when it is saved: the checks above, and the addresses its host
 * resolves to now. A host that does not resolve yet is let through (its deliveries fail,
 * visibly, until it does); every delivery checks again when it connects.
 */
export async function webhookUrlProblemNow(
  url: string,
  allowPrivate: boolean,
): Promise<string | null> {
  const problem = webhookUrlProblem(url, allowPrivate);
  if (problem || allowPrivate) return problem;
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host)) return null;
  const found = await new Promise<LookupAddress[]>((resolve) =>
    dnsLookup(host, { all: true }, (err, addresses) => resolve(err ? [] : addresses)),
  );
  const bad = found.find((a) => isBlockedAddress(a.address));
  return bad ? refusal(bad.address) : null;
}

/** A refusal raised inside `lookup`: its message is the error the admin sees. */
class RefusedAddress extends Error {}

/** dns.lookup that refuses the host if any of its addresses is blocked. */
const vettedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { all: true, family: options.family, hints: options.hints }, (err, found) => {
    if (err) return callback(err, '');
    const bad = found.find((a) => isBlockedAddress(a.address));
    if (bad) return callback(new RefusedAddress(refusal(bad.address)), '');
    const first: LookupAddress | undefined = found[0];
    if (!first) return callback(Object.assign(new Error('No address.'), { code: 'ENOTFOUND' }), '');
    if (options.all) return callback(null, found);
    callback(null, first.address, first.family);
  });
};

/** The admin-facing reason for a failed connection. */
function connectionProblem(err: NodeJS.ErrnoException, host: string): string {
  if (err instanceof RefusedAddress) return err.message;
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') {
    return `The host ${host} was not found.`;
  }
  if (err.code === 'ECONNREFUSED') return 'The receiver refused the connection.';
  return `The connection failed (${err.code ?? err.message}).`;
}

/** POSTs `body` (JSON text) with `headers` to `url`. Never throws. */
export async function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: SendOptions,
): Promise<SendResult> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxResponseBytes ?? 64 * 1024;
  const result = (status: number | null, error: string | null, excerpt = ''): SendResult => ({
    ok: error === null,
    status,
    durationMs: Math.round(performance.now() - started),
    responseExcerpt: excerpt,
    error,
  });

  const problem = webhookUrlProblem(url, options.allowPrivate);
  if (problem) return result(null, problem);
  const target = new URL(url);

  return new Promise<SendResult>((resolve) => {
    let status: number | null = null;
    let settled = false;
    const chunks: Buffer[] = [];
    let received = 0;

    const settle = (error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy(); // also ends a response cut at the cap, or one still arriving
      const text = Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
      // By code points, so a character outside the BMP is never split in two.
      const excerpt = Array.from(text.slice(0, 2 * EXCERPT_CHARS))
        .slice(0, EXCERPT_CHARS)
        .join('');
      resolve(result(status, error, excerpt));
    };
    const answered = () => {
      if (status !== null && status >= 200 && status < 300) return settle(null);
      if (status !== null && status >= 300 && status < 400) {
        return settle(`Redirects are not followed (${status}).`);
      }
      settle(`The receiver answered ${status}.`);
    };

    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let req: ReturnType<typeof httpRequest>;
    try {
      req = send(target, {
        method: 'POST',
        agent: false, // a fresh, vetted connection every time, never a pooled one
        lookup: options.allowPrivate ? undefined : vettedLookup,
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          ...headers,
          'content-length': String(Buffer.byteLength(body)),
        },
      });
    } catch (err) {
      // Invalid header names or values throw before anything is sent.
      return resolve(result(null, `The request could not be made (${(err as Error).message}).`));
    }
    const timer = setTimeout(() => settle(`No answer within ${timeoutMs / 1000} s.`), timeoutMs);

    req.on('error', (err) => settle(connectionProblem(err, target.hostname)));
    req.on('response', (res: IncomingMessage) => {
      status = res.statusCode ?? null;
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        if (received >= maxBytes) answered();
      });
      res.on('end', answered);
      res.on('error', answered); // cut off mid-body: the status still stands
    });
    req.end(body);
  });
}
