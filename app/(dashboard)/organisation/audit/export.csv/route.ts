import type { NextRequest } from 'next/server';
import { getActor } from '@/lib/auth/actor';
import { now } from '@/lib/clock';
import { csvResponse } from '@/lib/csv';
import { errorResponse, failureResponse } from '@/lib/http';
import { hasAudience } from '@/lib/rbac';
import { streamAuditCsv } from '@/lib/services/audit';
import { toFailure } from '@/lib/services/result';

export const dynamic = 'force-dynamic';

/**
 * The audit log as CSV, with the filters of the page's URL. Streamed from the database
 * in batches, so an export of any size starts at once and holds little memory.
 */
export async function GET(req: NextRequest) {
  const actor = await getActor();
  if (!actor) return errorResponse('unauthenticated', 'Please sign in.');
  if (!hasAudience(actor, 'dashboard'))
    return errorResponse('forbidden', 'Your role does not include the dashboard.');
  let body: ReadableStream<Uint8Array>;
  try {
    body = streamAuditCsv(actor, Object.fromEntries(req.nextUrl.searchParams));
  } catch (err) {
    return failureResponse(toFailure(err));
  }
  return csvResponse(body, 'audit-log', now());
}
