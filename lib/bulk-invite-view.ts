import type { BulkInviteOutcome, BulkInviteRow } from '@/lib/services/invitations';

// How Invite New User shows the rows of a bulk invite (docs/product.md, "Bulk invite"):
// each outcome in words, before (the preview) and after (the result).

/** A row as the dialog shows it; invited rows of the result carry their link, once. */
export interface BulkInviteRowView extends BulkInviteRow {
  link?: string;
}

export const BULK_OUTCOMES: Record<
  BulkInviteOutcome,
  { preview: string; result: string; ok: boolean }
> = {
  invited: { preview: 'Will be invited', result: 'Invited', ok: true },
  already_member: { preview: 'Already a member', result: 'Already a member', ok: false },
  already_invited: {
    preview: 'Already invited (pending)',
    result: 'Already invited (pending)',
    ok: false,
  },
  invalid_address: { preview: 'Invalid address', result: 'Invalid address', ok: false },
  duplicate: { preview: 'Duplicate in the list', result: 'Duplicate in the list', ok: false },
  unknown_role: { preview: 'Unknown role', result: 'Unknown role', ok: false },
  role_not_allowed: {
    preview: 'Role not allowed for you',
    result: 'Role not allowed for you',
    ok: false,
  },
  rate_limited: {
    preview: 'Too many invitation mails to this address: try again in an hour',
    result: 'Too many invitation mails to this address: try again in an hour',
    ok: false,
  },
};

/** The short names the summary counts rows by. */
const COUNTED: Record<BulkInviteOutcome, [string, string]> = {
  invited: ['invited', 'invited'],
  already_member: ['already a member', 'already members'],
  already_invited: ['already invited', 'already invited'],
  invalid_address: ['invalid address', 'invalid addresses'],
  duplicate: ['duplicate', 'duplicates'],
  unknown_role: ['unknown role', 'unknown roles'],
  role_not_allowed: ['role not allowed', 'roles not allowed'],
  rate_limited: ['rate limited', 'rate limited'],
};

/** "3 rows: 2 invited, 1 invalid address." (the preview says "to invite"). */
export function summarise(rows: { outcome: BulkInviteOutcome }[], phase: 'preview' | 'result') {
  const counts = new Map<BulkInviteOutcome, number>();
  for (const r of rows) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  const parts = [...counts].map(([outcome, n]) => {
    const [one, many] = COUNTED[outcome];
    const name = outcome === 'invited' && phase === 'preview' ? 'to invite' : n === 1 ? one : many;
    return `${n.toLocaleString('en')} ${name}`;
  });
  const total = `${rows.length.toLocaleString('en')} ${rows.length === 1 ? 'row' : 'rows'}`;
  return `${total}: ${parts.join(', ')}.`;
}
