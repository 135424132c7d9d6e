'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useSyncExternalStore } from 'react';
import { inDashboard, isUnder } from '@/lib/areas';

/*
 * The skeleton shown where a page waits on data (docs/product.md, "Feedback"): once a
 * client-side navigation inside the dashboard has taken longer than SHOW_AFTER_MS, the
 * innermost layout's content is replaced by a skeleton of the page on its way, until
 * the new URL is rendered. Layouts keep what they own (the top bar, the organisation's
 * tabs) on screen.
 *
 * Not `loading.tsx`: a route's loading boundary is a Suspense boundary, and with one
 * around a page Next.js 15.5 now and then never commits the page a server action or a
 * navigation sent back (the response arrives whole, the screen keeps waiting; measured
 * in docs/product.md, "Feedback"). A navigation is known here before it starts, from the
 * click on a link the router took over, or from `navigationStarted` for a push in code.
 */

const SHOW_AFTER_MS = 150;
/** A navigation the router dropped (no new URL) must not leave a skeleton behind. */
const GIVE_UP_MS = 15_000;

interface Pending {
  /** The pathname on its way, or null. */
  target: string | null;
  /** Shown once the navigation has taken longer than SHOW_AFTER_MS. */
  shown: boolean;
}

const IDLE: Pending = { target: null, shown: false };
let pending: Pending = IDLE;
const subscribers = new Set<() => void>();
/** The scopes of the slots on screen, with how many of each. */
const scopes = new Map<string, number>();
let showTimer: ReturnType<typeof setTimeout> | undefined;
let giveUpTimer: ReturnType<typeof setTimeout> | undefined;

function publish(next: Pending) {
  pending = next;
  for (const notify of subscribers) notify();
}

const within = (pathname: string, scope: string) => scope === '/' || isUnder(pathname, scope);

/** A navigation to `href` has started: the skeleton follows unless it ends first. */
export function navigationStarted(href: string) {
  const url = new URL(href, window.location.href);
  if (url.origin !== window.location.origin) return;
  if (!inDashboard(url.pathname)) return;
  // The same URL again renders nothing new (and changes nothing to wait for).
  if (url.pathname + url.search === window.location.pathname + window.location.search) return;
  clearTimeout(showTimer);
  clearTimeout(giveUpTimer);
  publish({ target: url.pathname, shown: false });
  showTimer = setTimeout(() => publish({ ...pending, shown: true }), SHOW_AFTER_MS);
  giveUpTimer = setTimeout(navigationEnded, GIVE_UP_MS);
}

function navigationEnded() {
  clearTimeout(showTimer);
  clearTimeout(giveUpTimer);
  if (pending !== IDLE) publish(IDLE);
}

/**
 * A link click the router took over: Next's <Link> and the tables' row links cancel the
 * browser's navigation (`preventDefault`) and navigate themselves. This runs after them,
 * on `window`; a link left to the browser (a file download, another window) is ignored.
 */
function onClick(event: MouseEvent) {
  if (!event.defaultPrevented || !(event.target instanceof Element)) return;
  const link = event.target.closest('a[href]');
  if (!(link instanceof HTMLAnchorElement) || link.hasAttribute('download')) return;
  if (link.target && link.target !== '_self') return;
  navigationStarted(link.href);
}

function subscribe(notify: () => void) {
  if (subscribers.size === 0) window.addEventListener('click', onClick);
  subscribers.add(notify);
  return () => {
    subscribers.delete(notify);
    if (subscribers.size === 0) window.removeEventListener('click', onClick);
  };
}

const current = () => pending;
const onServer = () => IDLE;

/**
 * Where a layout renders its page. The slot whose `scope` holds the pathname on its way,
 * and that no deeper slot on screen also holds, shows the skeleton in its place.
 */
export function PageSlot({ scope, children }: { scope: string; children: React.ReactNode }) {
  const { target, shown } = useSyncExternalStore(subscribe, current, onServer);
  const pathname = usePathname();
  const search = useSearchParams().toString();

  useEffect(() => {
    scopes.set(scope, (scopes.get(scope) ?? 0) + 1);
    return () => {
      const left = (scopes.get(scope) ?? 1) - 1;
      if (left) scopes.set(scope, left);
      else scopes.delete(scope);
    };
  }, [scope]);
  // A new URL on screen: whatever was on its way has arrived.
  useEffect(() => navigationEnded(), [pathname, search]);

  const claimed =
    shown &&
    target !== null &&
    within(target, scope) &&
    ![...scopes.keys()].some((s) => s.length > scope.length && within(target, s));
  return (
    <>
      <div hidden={claimed}>{children}</div>
      {claimed ? <PageSkeleton pathname={target} /> : null}
    </>
  );
}

const LISTS =
  /^\/(streams|organisation\/(users|users\/invitations|roles|access-review|audit|webhooks))$/;
const DETAILS = /^\/organisation\/(users|audit|webhooks)\/[^/]+$/;

function Bar({ className }: { className: string }) {
  return <div className={`rounded bg-slate-200 motion-safe:animate-pulse ${className}`} />;
}

/** The outline of the page at `pathname`: a table, one record, or a page of panels. */
function PageSkeleton({ pathname }: { pathname: string }) {
  const shape = LISTS.test(pathname) ? 'list' : DETAILS.test(pathname) ? 'detail' : 'panels';
  return (
    <div role="status" aria-label="Loading page" aria-busy="true" className="space-y-4">
      <div className="flex items-center justify-between gap-3">
        <Bar className="h-6 w-48" />
        {shape === 'list' ? <Bar className="h-9 w-36" /> : null}
      </div>
      {shape === 'list' ? (
        <>
          <Bar className="h-16 w-full" />
          <div className="divide-y divide-slate-200 rounded-lg border border-slate-200">
            {Array.from({ length: 8 }, (_, i) => (
              <div key={i} className="flex items-center gap-4 px-4 py-3">
                <Bar className="h-4 w-24" />
                <Bar className="h-4 flex-1" />
                <Bar className="hidden h-4 w-32 sm:block" />
                <Bar className="hidden h-4 w-28 md:block" />
              </div>
            ))}
          </div>
        </>
      ) : (
        <div className={shape === 'detail' ? 'grid gap-4 md:grid-cols-2' : 'space-y-4'}>
          {Array.from({ length: shape === 'detail' ? 2 : 3 }, (_, i) => (
            <div key={i} className="space-y-3 rounded-lg border border-slate-200 p-4">
              <Bar className="h-5 w-40" />
              <Bar className="h-4 w-full" />
              <Bar className="h-4 w-2/3" />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
