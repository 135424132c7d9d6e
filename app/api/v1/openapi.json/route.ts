import { NextResponse } from 'next/server';
import type { ApiBody } from '@/lib/api/operations';
import { openApiDocument } from '@/lib/api/openapi';

// The one handler outside `apiRoute`: the document is the same for everyone, so the build
// writes it once (no request id, no caller).
export const dynamic = 'force-static';

const body: ApiBody<'GET /api/v1/openapi.json'> = openApiDocument;

export function GET() {
  return NextResponse.json(body);
}
