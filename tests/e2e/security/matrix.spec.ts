import { expect, test } from '@playwright/test';
import { ACTION_GATES, API_GATES, type ActionName } from '../../../lib/rbac';
import { ACTIONS, API, PAGES } from './matrix-cells';
import { newestAuditId, type Effect } from './matrix-effects';
import {
  actionGateRefusal,
  has,
  apiGateRefusal,
  type ApiKey,
  type Caller,
  type Target,
} from './matrix-rules';
import { buildWorld, type World } from './matrix-world';
import {
  api,
  apiRouteKeys,
  inParallel,
  asPath,
  bearer,
  keyHeader,
  otherGetRoutes,
  pageRoutes,
  postAction,
  resend,
  serverActions,
  useOrigin,
  type ActionOutcome,
  type ApiResponse,
} from './support';
import { snapshot, snapshotDiff, type Snapshot } from './snapshot';
import { INVITE_TOKEN_PATTERN } from '../../../lib/credentials';

// The authorization matrix: every caller against every server action (posted by its id,
// as an attacker would), every REST route and method, and every page, on the production
// build. Each cell's outcome is computed from the gate table and the grant rules
// (matrix-rules.ts). Cells that are refused, and reads, run between two snapshots of both
// organisations, which must be equal; cells allowed to change something run afterwards,
// each on a fresh target, and the change is read back.

test('the matrix has a row for every server action, REST route and page', () => {
  const built = serverActions()
    .map((a) => a.name)
    .sort();
  expect(built, 'actions of the build = the gate table').toEqual(Object.keys(ACTION_GATES).sort());
  expect(Object.keys(ACTIONS).sort(), 'actions of the matrix').toEqual(built);
  expect(apiRouteKeys(), 'route handlers = the gate table').toEqual(Object.keys(API_GATES).sort());
  expect(Object.keys(API).sort(), 'endpoints of the matrix').toEqual(Object.keys(API_GATES).sort());
  expect(Object.keys(PAGES).sort(), 'pages of the matrix').toEqual(
    [...pageRoutes(), ...otherGetRoutes()].sort(),
  );
});

interface Sent {
  outcome: string;
  text: string;
  action?: ActionOutcome;
  response?: ApiResponse;
}

interface Cell {
  label: string;
  caller: Caller;
  target: string;
  /** The expected outcome for a target (a redirect may name it). */
  expected: (t: Target) => string;
  allowed: boolean;
  /** Allowed and changing something: runs after the snapshots, on a fresh target. */
  writes: boolean;
  order: number;
  foreignOk: boolean;
  send: (t: Target) => Promise<Sent>;
  effect?: Effect;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const ANY_ID = '00000000-0000-4000-8000-000000000000';
const VALID_LINK = INVITE_TOKEN_PATTERN;

function actionOutcome(res: ActionOutcome): string {
  if (res.refusal) return `refused ${res.status}`;
  if (res.thrown || res.status >= 500) return `error ${res.status}`;
  if (res.redirect) return `redirect ${res.redirect}`;
  if (res.state?.ok === true) {
    // A bulk answer that changed nobody: every row refused (lib/services/bulk-members.ts).
    const answer = res.state.answer as { succeeded: number; refused: number } | undefined;
    return answer && answer.succeeded === 0 && answer.refused > 0 ? 'refused rows' : 'allowed';
  }
  if (res.state?.ok === false) return 'refused state';
  return `unexpected ${res.status} ${res.text.slice(0, 120)}`;
}

test.describe('authorization matrix', () => {
  let w: World;

  test.beforeAll(async ({ playwright }, testInfo) => {
    testInfo.setTimeout(240_000);
    const baseURL = testInfo.project.use.baseURL;
    useOrigin(baseURL);
    w = await buildWorld(() => playwright.request.newContext({ baseURL }));
  });

  function target(name: string, c: Caller): Target {
    const t = w.shared.get(name);
    if (!t) throw new Error(`No target named ${name}`);
    // "Own" is the caller's: its owner is whoever is asking.
    return name === 'own spare session' ? { ...t, owner: c.account ?? '(nobody)' } : t;
  }

  function actionCells(c: Caller): Cell[] {
    return (Object.keys(ACTIONS) as ActionName[]).flatMap((name) => {
      const spec = ACTIONS[name];
      const ref = w.action(name);
      return spec.targets.map((targetName): Cell => {
        const gate = actionGateRefusal(name, c);
        const verdict = gate ? null : spec.rule(c, target(targetName, c));
        const answers = name === 'acceptInviteAction' || name === 'declineInviteAction';
        return {
          label: `${c.key} · action ${name} → ${targetName}`,
          caller: c,
          target: targetName,
          expected: (t) =>
            gate ??
            (verdict === 'ok'
              ? (spec.accepted?.(t) ?? 'allowed')
              : (spec.refused?.(t, c) ?? 'refused state')),
          allowed: verdict === 'ok',
          writes: verdict === 'ok' && !spec.readOnly,
          order: spec.order === 'join' ? 1 : spec.order === 'sign-out' ? 2 : 0,
          foreignOk: !!spec.foreignOk,
          effect: spec.effect,
          send: async (t) => {
            if (answers && c.session) await w.budgets.inviteAnswer.take();
            // The API key is sent where there is no session: it must not stand in for one.
            const headers = c.account === null ? c.apiHeaders() : {};
            const res = await postAction(c.ctx, ref, spec.args(t, c), headers);
            return { outcome: actionOutcome(res), text: res.text, action: res };
          },
        };
      });
    });
  }

  function apiCells(c: Caller): Cell[] {
    return (Object.keys(API_GATES) as ApiKey[]).flatMap((key) => {
      const spec = API[key];
      const [method, pattern] = key.split(' ') as [string, string];
      return spec.targets.map((targetName): Cell => {
        const t0 = target(targetName, c);
        const gate = apiGateRefusal(key, c);
        const verdict = spec.public || gate ? null : spec.rule(c, t0);
        const status = spec.public
          ? spec.public(c, t0)
          : (gate ??
            (spec.bulk
              ? has(c, spec.bulk)
                ? spec.ok
                : 403
              : verdict === 'ok'
                ? spec.ok
                : verdict === 'not_found'
                  ? 404
                  : 403));
        // A bulk request answers 200 for a member it refuses: that member must not change.
        const allowed = status < 300 && (!spec.bulk || verdict === 'ok');
        return {
          label: `${c.key} · ${key} → ${targetName}`,
          caller: c,
          target: targetName,
          expected: () => `status ${status}`,
          allowed,
          writes: allowed && spec.writes,
          order: 0,
          foreignOk: !!spec.foreignOk,
          effect: spec.effect,
          send: async (t) => {
            const body = spec.body?.(t, c, w) as { email?: string } | undefined;
            if (key === 'POST /api/v1/auth/token' && body?.email) {
              await w.budgets.signIn(body.email).take();
              await w.budgets.signInClient.take();
            }
            const res = await api(c.ctx, method, pattern.replace('{id}', t.id), {
              headers: c.apiHeaders(),
              data: body,
            });
            return { outcome: `status ${res.status}`, text: res.text, response: res };
          },
        };
      });
    });
  }

  /** Methods a route does not have, and paths that do not exist: before any caller. */
  function methodCells(c: Caller): Cell[] {
    const paths = [...new Set(Object.keys(API_GATES).map((k) => k.split(' ')[1]!))];
    const rows = paths.flatMap((p) =>
      METHODS.filter((m) => !Object.hasOwn(API_GATES, `${m} ${p}`)).map(
        (m): [string, string, number] => [m, p, 405],
      ),
    );
    rows.push(
      ['GET', '/api/v1/nothing', 404],
      ['POST', '/api/v1/users/{id}/nothing', 404],
      ['GET', '/api/v1', 404],
    );
    return rows.map(([method, p, status]): Cell => ({
      label: `${c.key} · ${method} ${p}`,
      caller: c,
      target: '—',
      expected: () => `status ${status}`,
      allowed: false,
      writes: false,
      order: 0,
      foreignOk: false,
      send: async () => {
        const res = await api(c.ctx, method, p.replace('{id}', ANY_ID), {
          headers: c.apiHeaders(),
          data: method === 'GET' ? undefined : {},
        });
        return { outcome: `status ${res.status}`, text: res.text, response: res };
      },
    }));
  }

  function pageOutcome(status: number, location: string | undefined, body: string): string {
    if (status >= 300 && status < 400) return `redirect ${asPath(location ?? '').split('?')[0]}`;
    if (status === 404) return 'not found';
    if (status === 401 || status === 403) return `refused ${status}`;
    if (status !== 200) return `status ${status}`;
    const noAccess = /Your role does not include <code>([^<]+)<\/code>/.exec(body);
    if (noAccess) return `no access ${noAccess[1]}`;
    const keys = Object.values(w.orgs).map((o) => o.apiKey);
    return keys.some((k) => body.includes(k)) ? 'ok with key' : 'ok';
  }

  function pageCells(c: Caller): Cell[] {
    return Object.entries(PAGES).flatMap(([route, spec]) => {
      const path = route.replace(/^GET /, '');
      return spec.targets.map((targetName): Cell => ({
        label: `${c.key} · page ${route} → ${targetName}`,
        caller: c,
        target: targetName,
        expected: (t) => spec.expect(c, t),
        allowed: ['ok', 'ok with key'].includes(spec.expect(c, target(targetName, c))),
        writes: false,
        order: 0,
        foreignOk: !!spec.foreignOk,
        send: async (t) => {
          if (route === '/invite/[token]' && VALID_LINK.test(t.id))
            await w.budgets.inviteLookup.take();
          const res = await resend(() =>
            c.ctx.get(path.replace(/\[[^\]]+\]/, t.id), {
              headers: c.account === null ? c.apiHeaders() : {},
              maxRedirects: 0,
            }),
          );
          const text = await res.text();
          return { outcome: pageOutcome(res.status(), res.headers()['location'], text), text };
        },
      }));
    });
  }

  /** Both organisations; an API key that stopped working is itself a change. */
  async function snapshots(): Promise<Record<string, Snapshot>> {
    const taken = await Promise.all(
      Object.values(w.orgs).map(async (org) => {
        const ctx = org.admin.ctx;
        const probe = await api(ctx, 'GET', '/api/v1/me', { headers: keyHeader(org.apiKey) });
        let rotated = false;
        if (probe.status === 401) {
          const fresh = await api(ctx, 'GET', '/api/v1/organisation/api-key', {
            headers: bearer(org.adminToken),
          });
          org.apiKey = (fresh.body as { apiKey: string }).apiKey;
          rotated = true;
        }
        const snap = await snapshot(ctx, org.apiKey);
        return [org.key, rotated ? { ...snap, apiKey: `${snap.apiKey} (rotated)` } : snap] as const;
      }),
    );
    return Object.fromEntries(taken);
  }

  test('every caller against every action, endpoint and page', async () => {
    test.setTimeout(600_000);
    const started = Date.now();
    const counts = { cells: 0, allowed: 0, refused: 0 };

    const check = async (cell: Cell, t: Target, withEffect: boolean) => {
      const c = cell.caller;
      const org = t.org ?? c.org;
      const since = withEffect && org ? await newestAuditId(w, org) : 0;
      const sent = await cell.send(t);
      const expected = cell.expected(t);
      let note = '';
      if (withEffect && cell.effect) {
        const problem = await cell.effect({
          w,
          c,
          t,
          org: org ?? 'demo',
          since,
          action: sent.action,
          response: sent.response,
        });
        if (sent.outcome === expected) expect.soft(problem, `${cell.label}: its change`).toBeNull();
        else note = problem ? ' (and nothing changed)' : ' (but the change was committed)';
      }
      expect
        .soft(`${sent.outcome}${sent.outcome === expected ? '' : note}`, cell.label)
        .toBe(expected);
      if (!cell.foreignOk) {
        for (const o of Object.values(w.orgs).filter((o) => o.key !== c.org)) {
          for (const marker of [o.id, o.name]) {
            expect
              .soft(sent.text.includes(marker), `${cell.label}: names ${o.key}'s ${marker}`)
              .toBe(false);
          }
        }
      }
    };

    for (const c of w.callers) {
      await test.step(c.key, async () => {
        await w.phases.get(c.key)?.();
        // Methods and paths are refused before any credential is read: shown signed out
        // and with an Admin's token.
        const wide = c.key === 'anonymous' || c.key === 'Admin';
        const cells = [
          ...actionCells(c),
          ...apiCells(c),
          ...(wide ? methodCells(c) : []),
          ...pageCells(c),
        ];
        counts.cells += cells.length;
        counts.allowed += cells.filter((x) => x.allowed).length;
        counts.refused += cells.filter((x) => !x.allowed).length;

        const quiet = cells.filter((x) => !x.writes);
        const before = await snapshots();
        // They change nothing (or must not), so their order does not matter.
        await inParallel(quiet, 4, (cell) => check(cell, target(cell.target, c), false));
        const after = await snapshots();
        const changes = Object.keys(before).flatMap((org) =>
          snapshotDiff(before[org]!, after[org]!).map((d) => `${org}: ${d}`),
        );
        const refused = quiet.filter((x) => !x.allowed).length;
        expect
          .soft(
            changes,
            `${c.key}: ${refused} refused cells and ${quiet.length - refused} reads changed nothing`,
          )
          .toEqual([]);

        const writes = cells.filter((x) => x.writes).sort((a, b) => a.order - b.order);
        for (const cell of writes) await check(cell, await w.fresh(cell.target, c), true);
        // The demo Admin sets up targets for the callers after it.
        if (c === w.orgs.demo.admin && !c.session) await w.signIn(c);
      });
    }

    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(
      `matrix: ${counts.cells} cells, ${counts.allowed} allowed, ${counts.refused} refused (${seconds} s)`,
    );
  });
});
