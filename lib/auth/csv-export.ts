import 'server-only';
import type { NextRequest } from 'next/server';
import { now } from '@/lib/clock';
import { errorResponse, failureResponse } from '@/lib/http';
import { hasAudience } from '@/lib/rbac';
import type { Actor } from '@/lib/services/actor';
import { toFailure } from '@/lib/services/result';
import { getActor } from './actor';

/**
 * The GET handler of a dashboard CSV download (`export.csv` beside a list page): the
 * signed-in member with the dashboard audience, the page's URL query as the filters, and
 * a `<name>-<UTC minute>Z.csv` attachment streamed as `stream` reads it. `stream` checks
 * the permission (a ServiceError before anything is sent becomes 403).
 */
export function csvExport(
  name: string,
  stream: (actor: Actor, query: Record<string, string>) => ReadableStream<Uint8Array>,
) {
  return async function GET(req: NextRequest): Promise<Response> {
    const actor = await getActor();
    if (!actor) return errorResponse('unauthenticated', 'Please sign in.');
    if (!hasAudience(actor, 'dashboard'))
      return errorResponse('forbidden', 'Your role does not include the dashboard.');
    let body: ReadableStream<Uint8Array>;
    try {
      body = stream(actor, Object.fromEntries(req.nextUrl.searchParams));
    } catch (err) {
      return failureResponse(toFailure(err));
    }
    const stamp = now().toISOString().slice(0, 16).replace(':', '');
    return new Response(body, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}-${stamp}Z.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  };
}
