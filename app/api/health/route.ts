// Liveness: the process is up and answering. No database and no session, so a load
// balancer can poll it cheaply; the benchmark (bench/README.md) uses it as the floor of
// a route handler.
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok' });
}
