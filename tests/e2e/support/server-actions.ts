import type { APIRequestContext, Page, Route } from '@playwright/test';

/** A server action call as the browser sent it, minus its cookies. */
export interface ActionCall {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Runs `trigger` (a click that calls a server action) and holds that call before it
 * leaves the browser, so a test can first replay the very same request as someone else
 * and check that it changes nothing. `release()` then lets the original call through,
 * which proves that the request was one that does change something.
 */
export async function holdServerAction(
  page: Page,
  trigger: () => Promise<void>,
): Promise<{ call: ActionCall; release: () => Promise<void> }> {
  let held!: (call: ActionCall) => void;
  const captured = new Promise<ActionCall>((resolve) => (held = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let sent!: () => void;
  const continued = new Promise<void>((resolve) => (sent = resolve));

  const handler = async (route: Route) => {
    const request = route.request();
    if (request.method() !== 'POST' || !(await request.headerValue('next-action')))
      return route.fallback();
    const headers = await request.allHeaders();
    for (const name of ['cookie', 'content-length', 'host']) delete headers[name];
    held({ url: request.url(), headers, body: request.postDataBuffer() ?? Buffer.alloc(0) });
    await released;
    await route.continue();
    sent();
  };
  await page.route('**/*', handler);
  await trigger();
  const call = await captured;
  return {
    call,
    release: async () => {
      release();
      // Unroute only once the held request went on: unrouting first would pass it on
      // behind the handler.
      await continued;
      await page.unroute('**/*', handler);
    },
  };
}

/** Sends `call` again with the cookies of `request`'s context. */
export function replay(request: APIRequestContext, call: ActionCall) {
  return request.post(call.url, { headers: call.headers, data: call.body });
}
