import 'server-only';
import { getDb, type Tx } from '@/db/client';
import { toFailure, type Failure } from './result';

/**
 * Runs one mutation in one transaction. A ServiceError thrown inside rolls everything
 * back (the change and its audit event) and comes back as a Failure; anything else is a
 * bug and propagates.
 */
export async function mutation<T>(fn: (tx: Tx) => Promise<T>): Promise<T | Failure> {
  try {
    return await getDb().transaction(fn);
  } catch (err) {
    return toFailure(err);
  }
}
