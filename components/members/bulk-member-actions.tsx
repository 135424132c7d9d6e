'use client';

import { Button } from '@/components/ui/button';

export type BulkMemberAction = 'change_role' | 'suspend' | 'reactivate' | 'reset_token' | 'remove';

export interface BulkMemberActionsProps {
  members: { id: string; email: string }[];
  actions: BulkMemberAction[];
}

/**
 * Placeholder of the bulk member actions (button, confirm dialog, per-row results), which
 * land with their own change: until then the button is shown, disabled.
 */
export function BulkMemberActions({ members, actions }: BulkMemberActionsProps) {
  if (!actions.includes('suspend')) return null;
  return (
    <Button variant="danger-outline" size="sm" disabled title="Not available yet">
      Suspend selected{members.length ? ` (${members.length})` : ''}
    </Button>
  );
}
