import { dbHandle } from '@/db/client';
import { migrationsCurrent } from '@/db/migrate';

// Readiness (docs/deploy.md): the database answers, within a few seconds, and holds every
// migration of this build. 503 otherwise, with the reason; never the error's details.
export const dynamic = 'force-dynamic';

const TIMEOUT_MS = 3000;

export async function GET() {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS);
  });
  try {
    const current = await Promise.race([migrationsCurrent(dbHandle()), timeout]);
    if (current === 'timeout') return notReady('The database did not answer in time.');
    if (!current) return notReady('The database lacks migrations: run `npm run db:migrate`.');
    return Response.json({ status: 'ready' });
  } catch {
    return notReady('The database does not answer.');
  } finally {
    clearTimeout(timer);
  }
}

function notReady(reason: string) {
  return Response.json({ status: 'not ready', reason }, { status: 503 });
}
