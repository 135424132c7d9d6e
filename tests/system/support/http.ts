// HTTP as a client without a browser sees it: fetch with a time bound, cookies by hand,
// and forms posted the way a browser without JavaScript posts them.

export interface Reply {
  /** 0 when no answer came: the time bound passed or the connection failed. */
  status: number;
  contentType: string;
  location: string | null;
  setCookies: string[];
  body: string;
  headers: Headers;
  ms: number;
  error?: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | FormData;
  cookie?: string;
  timeoutMs?: number;
}

export async function request(url: string, opts: RequestOptions = {}): Promise<Reply> {
  const started = Date.now();
  try {
    const res = await fetch(url, {
      method: opts.method ?? 'GET',
      headers: { ...opts.headers, ...(opts.cookie ? { cookie: opts.cookie } : {}) },
      body: opts.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
    const body = await res.text();
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      location: res.headers.get('location'),
      setCookies: res.headers.getSetCookie(),
      body,
      headers: res.headers,
      ms: Date.now() - started,
    };
  } catch (err) {
    return {
      status: 0,
      contentType: '',
      location: null,
      setCookies: [],
      body: '',
      headers: new Headers(),
      ms: Date.now() - started,
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    };
  }
}

/** The `name=value` of the session cookie a reply sets, or null. */
export function sessionCookie(reply: Reply): string | null {
  const set = reply.setCookies.find((c) => /^authjs\.session-token=[^;]+/.test(c));
  return set ? set.split(';')[0]! : null;
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * Loads `page`, takes the hidden fields of its first form (the server action's id and
 * state), adds `fields` and posts it like a browser without JavaScript would.
 */
export async function submitForm(
  base: string,
  page: string,
  fields: Record<string, string>,
  cookie?: string,
): Promise<Reply> {
  const loaded = await request(`${base}${page}`, { cookie });
  const form = /<form[\s\S]*?<\/form>/.exec(loaded.body)?.[0];
  if (loaded.status !== 200 || !form) throw new Error(`No form at ${page} (${loaded.status}).`);
  const data = new FormData();
  for (const [, name, value] of form.matchAll(
    /<input type="hidden" name="([^"]*)"(?: value="([^"]*)")?/g,
  )) {
    data.append(decode(name!), decode(value ?? ''));
  }
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return request(`${base}${page}`, {
    method: 'POST',
    body: data,
    cookie,
    headers: { origin: base },
  });
}

/** Signs in through the sign-in form; returns the session cookie. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const reply = await submitForm(base, '/sign-in', { email, password });
  const cookie = sessionCookie(reply);
  if (reply.status !== 303 || !cookie)
    throw new Error(`Sign-in at ${base} failed: ${reply.status} ${reply.error ?? ''}`);
  return cookie;
}

/** A bintu token from POST /api/v1/auth/token. */
export async function bintuToken(base: string, email: string, password: string): Promise<string> {
  const reply = await request(`${base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (reply.status !== 201) throw new Error(`No token: ${reply.status} ${reply.body}`);
  return (JSON.parse(reply.body) as { token: string }).token;
}

/**
 * What must never reach a client: stack frames, SQL, driver and PostgreSQL errors, file
 * paths of the server. Pages carry their React payload as escaped JSON, hence the `\?`.
 */
export const INTERNALS = [
  /\bat\s+(?:async\s+)?(?:\S+\s+)?\(?[\w./<>-]+\.(?:js|mjs|cjs|ts|tsx):\d+:\d+/,
  /Failed query/i,
  // Quoted identifiers as drizzle writes them, also inside escaped JSON.
  /\b(?:select|insert into|update|delete from)\s+\\?"/i,
  /\bfrom\s+\\?"\w+\\?"/i,
  /PostgresError|DrizzleQueryError|ECONNREFUSED|ECONNRESET/,
  /not currently accepting connections|terminating connection|57P01/,
  /node_modules|\.next\/server/,
];

/** The internals `text` shows, as the matched snippets. */
export function internalsIn(text: string): string[] {
  return INTERNALS.map((re) => re.exec(text)?.[0]).filter((m): m is string => !!m);
}
