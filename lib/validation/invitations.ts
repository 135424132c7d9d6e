import { z } from 'zod';
import { INVITE_TOKEN_PATTERN } from '@/lib/credentials';
import { emailField } from './auth';
import { cursorParam } from './paging';
import { lineText, multilineText } from './text';

export const INVITE_LIFETIME = { min: 1, max: 30, default: 7 } as const;

/** An invitation's lifetime in days: empty means the default. */
const lifetimeDaysField = z
  .preprocess(
    (v) => (v === '' || v === null ? INVITE_LIFETIME.default : v),
    z.coerce
      .number({ error: 'Enter a number of days.' })
      .int('Enter a whole number of days.')
      .min(
        INVITE_LIFETIME.min,
        `Choose from ${INVITE_LIFETIME.min} to ${INVITE_LIFETIME.max} days.`,
      )
      .max(
        INVITE_LIFETIME.max,
        `Choose from ${INVITE_LIFETIME.min} to ${INVITE_LIFETIME.max} days.`,
      ),
  )
  .default(INVITE_LIFETIME.default);

export const createInvitationSchema = z.object({
  roleId: z.uuid({ error: 'Choose a role.' }),
  email: lineText({ max: 254, tooLong: 'That email address is too long.' })
    .optional()
    .transform((v) => v || undefined)
    .pipe(emailField.optional())
    .meta({ format: 'email', description: 'Only this address can accept.' }),
  lifetimeDays: lifetimeDaysField,
});

export const invitationIdSchema = z.object({
  invitationId: z.uuid({ error: 'Unknown invitation.' }),
});

/** Tokens are 43 URL-safe characters (lib/credentials.ts); anything else cannot be one. */
export const inviteTokenSchema = z.string().regex(INVITE_TOKEN_PATTERN);

/** Invitations per page of the list, newest first. */
export const INVITATION_PAGE_SIZE = { default: 50, max: 100 } as const;
/** The user list shows this many of the newest invitations. */
export const NEWEST_INVITATIONS = 5;

/** The invitation list's query (?before=&size=): newest first, `before` a `next` cursor. */
export const invitationListQuerySchema = z.object({
  before: cursorParam,
  size: z.coerce
    .number()
    .int()
    .min(1)
    .max(INVITATION_PAGE_SIZE.max)
    .default(INVITATION_PAGE_SIZE.default)
    .catch(INVITATION_PAGE_SIZE.default),
});

// ---------------------------------------------------------------------------------
// Bulk invite (docs/product.md, "Bulk invite"): a pasted list or a CSV file's text.

/** Rows one bulk invite may hold; more is refused as a whole. */
export const BULK_INVITE_MAX_ROWS = 1000;
/** Characters of a list: 1,000 rows of the longest address and a role name, with room. */
export const BULK_INVITE_MAX_CHARS = 400_000;

/** One row of a list as typed: its line, the address and the role named, if any. */
export interface BulkInviteEntry {
  line: number;
  email: string;
  role: string | null;
}

/**
 * The cells of one line: separated by commas, semicolons or tabs (cells pasted from a
 * spreadsheet), a cell in double quotes may hold a comma or a semicolon (and `""` for a
 * quote), as spreadsheets write CSV. A tab is never part of a cell: no address holds one.
 */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c !== '"') cell += c === '\t' ? ' ' : c;
      else if (line[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === ',' || c === ';' || c === '\t') {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

const HEADER = /^email$/i;
const ROLE_HEADER = /^role$/i;

/**
 * The rows of a pasted list or CSV file: one address per line, or several separated by
 * commas or semicolons; a line of exactly an address and a cell without `@` is a CSV
 * row `email,role`. A first line `email` or `email,role` is a header and skipped; blank
 * lines and empty cells are skipped.
 */
export function parseInviteList(text: string): BulkInviteEntry[] {
  const entries: BulkInviteEntry[] = [];
  let first = true;
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const cells = cellsOf(lines[i]!);
    if (cells.every((c) => c === '')) continue;
    const header =
      first && HEADER.test(cells[0]!) && (cells.length === 1 || ROLE_HEADER.test(cells[1]!));
    first = false;
    if (header && cells.length <= 2) continue;
    if (cells.length === 2 && !cells[1]!.includes('@')) {
      entries.push({ line: i + 1, email: cells[0]!, role: cells[1] || null });
      continue;
    }
    for (const email of cells) if (email) entries.push({ line: i + 1, email, role: null });
  }
  return entries;
}

export const bulkInvitationSchema = z.object({
  list: multilineText({
    min: 1,
    max: BULK_INVITE_MAX_CHARS,
    required: 'Paste at least one email address, or upload a CSV file.',
    tooLong: `This list is too long: invite at most ${BULK_INVITE_MAX_ROWS.toLocaleString('en')} addresses at once.`,
  })
    .transform(parseInviteList)
    .superRefine((entries, ctx) => {
      if (entries.length === 0)
        ctx.addIssue({
          code: 'custom',
          message: 'Paste at least one email address, or upload a CSV file.',
        });
      else if (entries.length > BULK_INVITE_MAX_ROWS)
        ctx.addIssue({
          code: 'custom',
          message: `At most ${BULK_INVITE_MAX_ROWS.toLocaleString('en')} addresses at once: this list has ${entries.length.toLocaleString('en')}. Nothing was done; split it and invite the rest afterwards.`,
        });
    }),
  roleId: z.uuid({ error: 'Choose a default role.' }),
  lifetimeDays: lifetimeDaysField,
});
export type BulkInvitationInput = z.output<typeof bulkInvitationSchema>;
