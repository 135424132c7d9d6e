import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { StreamState } from '@/lib/services/streams';

const TONE: Record<StreamState, BadgeTone> = {
  created: 'neutral',
  live: 'user',
  ended: 'readonly',
  locked: 'custom',
  deleted: 'neutral',
};

const LABEL: Record<StreamState, string> = {
  created: 'Created',
  live: 'Live',
  ended: 'Ended',
  locked: 'Locked',
  deleted: 'Deleted',
};

export function StreamStateBadge({ state }: { state: StreamState }) {
  return <Badge tone={TONE[state]}>{LABEL[state]}</Badge>;
}

export const stateLabel = (state: StreamState) => LABEL[state];
