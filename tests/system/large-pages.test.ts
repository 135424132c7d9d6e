import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, SERVER_URL, type TestDatabase } from './support/database';
import { request, signIn } from './support/http';
import { SECRETS, startServer, stopAllServers } from './support/server';

// A page many times larger than React's output views (16 KB since scripts/patch-next.mjs,
// part 3) comes out whole over HTTP: every row in the HTML, in order, every row's data in
// the Server Components payload the browser hydrates from, and the document closed.

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function elements(node: Node, out: Element[] = []): Element[] {
  if ('tagName' in node) out.push(node);
  if ('childNodes' in node) for (const child of node.childNodes) elements(child, out);
  if ('content' in node && node.content) elements(node.content, out);
  return out;
}

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const text = (node: Node): string =>
  'value' in node && node.nodeName === '#text'
    ? node.value
    : 'childNodes' in node
      ? node.childNodes.map(text).join('')
      : '';

describe.skipIf(!SERVER_URL)('a large page over HTTP (needs DATABASE_URL)', () => {
  let db: TestDatabase | undefined;
  afterAll(async () => {
    await stopAllServers();
    await db?.drop();
  });

  it('comes whole: every row in the HTML and in the payload, the document closed', async () => {
    db = await createDatabase();
    const server = await startServer({ port: 3416, databaseUrl: db.url });
    // Members with long addresses and a quote and an ampersand in each, so the page's
    // strings span the views' edges and are escaped in both the HTML and the payload.
    const [org] = await db.sql<{ id: string }[]>`select id from organisations limit 1`;
    const [role] = await db.sql<{ id: string }[]>`
      select id from roles where organisation_id = ${org!.id} and key = 'readonly'`;
    await db.sql`
      with new_accounts as (
        insert into accounts (email)
        select 'o''brien&co-' || lpad(g::text, 4, '0') || '-' || repeat('x', 40) || '@large.example'
        from generate_series(1, 150) as g
        returning id, email
      )
      insert into memberships (organisation_id, account_id, role_id, email, token_key, created_at)
      select ${org!.id}::uuid, id, ${role!.id}::uuid, email, 'tk_' || substr(md5(email), 1, 8),
        now() - make_interval(secs => substring(email from '[0-9]{4}')::int)
      from new_accounts`;
    const expected = (
      await db.sql<{ id: string; email: string }[]>`
        select id, email from memberships where organisation_id = ${org!.id}
        order by created_at desc, id desc limit 100`
    ).map((m) => [m.id, m.email]);

    const cookie = await signIn(server.base, SECRETS.adminEmail, SECRETS.adminPassword);
    const reply = await request(`${server.base}/organisation/users?size=100`, { cookie });
    expect(reply.status).toBe(200);
    expect(reply.body.length).toBeGreaterThan(8 * 16384);
    expect(reply.body.trimEnd()).toMatch(/<\/body><\/html>$/);

    const all = elements(parse(reply.body));
    const table = all.find(
      (el) =>
        el.tagName === 'table' &&
        elements(el).some((c) => c.tagName === 'caption' && text(c).startsWith('Users of')),
    )!;
    const rows = elements(table)
      .filter((el) => el.tagName === 'tr' && attr(el, 'data-row-id'))
      .map((tr) => [attr(tr, 'data-row-id'), attr(tr, 'data-row-label')]);
    expect(rows).toEqual(expected);

    // The payload, as the browser reads it: the strings pushed to self.__next_f, joined.
    let payload = '';
    const self = { __next_f: { push: ([, chunk]: [number, string?]) => (payload += chunk ?? '') } };
    for (const script of all.filter((el) => el.tagName === 'script' && !attr(el, 'src'))) {
      const code = text(script);
      if (code.startsWith('self.__next_f')) new Function('self', code)(self);
    }
    for (const [id, email] of expected) {
      expect(payload).toContain(JSON.stringify(id));
      expect(payload).toContain(JSON.stringify(email));
    }
  });
});
