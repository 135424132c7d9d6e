import { csvExport } from '@/lib/auth/csv-export';
import { streamMembersCsv } from '@/lib/services/members';

export const dynamic = 'force-dynamic';

/**
 * The user list as CSV, with the filters, search and order of the page's URL, however
 * many members match: streamed from the database in batches.
 */
export const GET = csvExport('users', (actor, query) => streamMembersCsv(actor, query));
