import { csvExport } from '@/lib/auth/csv-export';
import { streamAuditCsv } from '@/lib/services/audit';

export const dynamic = 'force-dynamic';

/** The audit log as CSV, with the filters of the page's URL, streamed in batches. */
export const GET = csvExport('audit-log', (actor, query) => streamAuditCsv(actor, query));
