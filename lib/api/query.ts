import 'server-only';
import type { NextRequest, NextResponse } from 'next/server';
import { errorResponse } from '@/lib/http';
import { fieldErrorsOf } from '@/lib/services/result';
import { queryParamsSchema } from '@/lib/validation/text';

/**
 * The query string as an object (the last value of a repeated parameter), or a 422 the
 * handler returns as it is when a value holds a control character. The dashboard's pages
 * drop such a filter instead; an API client is told, so it does not take unfiltered
 * results for filtered ones.
 */
export function readQuery(
  req: NextRequest,
): { ok: true; query: Record<string, string> } | { ok: false; response: NextResponse } {
  const parsed = queryParamsSchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (parsed.success) return { ok: true, query: parsed.data };
  return {
    ok: false,
    response: errorResponse('invalid', 'Please correct the query parameters.', {
      extra: { fields: fieldErrorsOf(parsed.error) },
    }),
  };
}
