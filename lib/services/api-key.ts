import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { organisations } from '@/db/schema';
import { newApiKey } from '@/lib/credentials';
import { decryptSecret, encryptSecret, sha256 } from '@/lib/crypto';
import { authorize, type Actor } from './actor';
import { recordAudit } from './audit-log';
import { ServiceError, type Result } from './result';
import { mutation } from './tx';

// The organisation's API key: stored as its SHA-256 (to authenticate it, see
// lib/services/authenticate.ts) and encrypted (to show it again to those allowed).

/** A new API key's columns of `organisations`, and the key itself, shown once. */
export function sealedApiKey() {
  const apiKey = newApiKey();
  return { apiKey, apiKeyHash: sha256(apiKey), apiKeyEncrypted: encryptSecret(apiKey) };
}

/** The API key in clear, for those allowed to see it. */
export async function getApiKey(actor: Actor): Promise<string> {
  authorize(actor, 'apikey:read');
  const [org] = await getDb()
    .select({ enc: organisations.apiKeyEncrypted })
    .from(organisations)
    .where(eq(organisations.id, actor.organisationId));
  if (!org) throw new ServiceError('not_found', 'Organisation not found.');
  return decryptSecret(org.enc);
}

/** A new API key; the old one stops working at once. Needs `apikey:read`. */
export async function rotateApiKey(actor: Actor): Promise<Result<{ apiKey: string }>> {
  return mutation(async (tx) => {
    authorize(actor, 'apikey:read');
    const [before] = await tx
      .select({ hash: organisations.apiKeyHash })
      .from(organisations)
      .where(eq(organisations.id, actor.organisationId))
      .for('update');
    const { apiKey, apiKeyHash, apiKeyEncrypted } = sealedApiKey();
    await tx
      .update(organisations)
      .set({ apiKeyHash, apiKeyEncrypted })
      .where(eq(organisations.id, actor.organisationId));
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'apikey.rotated',
      target: { type: 'organisation', id: actor.organisationId, label: actor.organisationName },
      // Fingerprints only: the key itself never enters the log.
      before: { fingerprint: before?.hash.slice(0, 12) },
      after: { fingerprint: apiKeyHash.slice(0, 12) },
    });
    return { ok: true as const, apiKey };
  });
}
