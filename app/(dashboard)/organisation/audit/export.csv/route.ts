import { NextResponse, type NextRequest } from 'next/server';
import { getActor } from '@/lib/auth/actor';
import { now } from '@/lib/clock';
import { streamAuditCsv } from '@/lib/services/audit';
import { HTTP_STATUS, toFailure } from '@/lib/services/result';

export const dynamic = 'force-dynamic';

function refuse(status: 401 | 403, code: string, message: string) {
  return NextResponse.json({ error: { code, message } }, { status });
}

/**
 * The audit log as CSV, with the filters of the page's URL. Streamed from the database
 * in batches, so an export of any size starts at once and holds little memory.
 */
export async function GET(req: NextRequest) {
  const actor = await getActor();
  if (!actor) return refuse(401, 'unauthenticated', 'Please sign in.');
  if (!actor.audiences.has('dashboard'))
    return refuse(403, 'forbidden', 'Your role does not include the dashboard.');
  let body: ReadableStream<Uint8Array>;
  try {
    body = streamAuditCsv(actor, Object.fromEntries(req.nextUrl.searchParams));
  } catch (err) {
    const failure = toFailure(err);
    return NextResponse.json(
      { error: { code: failure.code, message: failure.error } },
      { status: HTTP_STATUS[failure.code] },
    );
  }
  const stamp = now().toISOString().slice(0, 16).replace(':', '');
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-log-${stamp}Z.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
