import { Badge } from '@/components/ui/badge';
import { formatUtc } from '@/lib/format';

/** Enabled, disabled, or disabled by the worker after a day of failures. */
export function EndpointStatus({
  endpoint,
}: {
  endpoint: { enabled: boolean; disabledReason: string | null; failingSince: Date | null };
}) {
  if (!endpoint.enabled)
    return (
      <Badge tone={endpoint.disabledReason ? 'admin' : 'neutral'}>
        {endpoint.disabledReason ? 'Disabled: failing' : 'Disabled'}
      </Badge>
    );
  return endpoint.failingSince ? (
    <Badge tone="admin">Failing since {formatUtc(endpoint.failingSince)}</Badge>
  ) : (
    <Badge tone="user">Enabled</Badge>
  );
}
