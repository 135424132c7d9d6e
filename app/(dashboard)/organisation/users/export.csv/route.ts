import type { NextRequest } from 'next/server';
import { getActor } from '@/lib/auth/actor';
import { now } from '@/lib/clock';
import { csvResponse } from '@/lib/csv';
import { errorResponse, failureResponse } from '@/lib/http';
import { hasAudience } from '@/lib/rbac';
import { streamMembersCsv } from '@/lib/services/members';
import { toFailure } from '@/lib/services/result';

export const dynamic = 'force-dynamic';

/**
 * The user list as CSV, with the filters, search and order of the page's URL, however
 * many members match: streamed from the database in batches.
 */
export async function GET(req: NextRequest) {
  const actor = await getActor();
  if (!actor) return errorResponse('unauthenticated', 'Please sign in.');
  if (!hasAudience(actor, 'dashboard'))
    return errorResponse('forbidden', 'Your role does not include the dashboard.');
  let body: ReadableStream<Uint8Array>;
  try {
    body = streamMembersCsv(actor, Object.fromEntries(req.nextUrl.searchParams));
  } catch (err) {
    return failureResponse(toFailure(err));
  }
  return csvResponse(body, 'users', now());
}
