import 'server-only';
import { render } from '@react-email/components';
import type { ReactElement } from 'react';
import type { Tx } from '@/db/client';
import { mailOutbox } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';

/**
 * Queues a mail in the caller's transaction: it goes out after the commit (the worker,
 * lib/mail/worker.ts) and never for a change that rolled back. Rendered now, to HTML and
 * plain text, and stored encrypted until sent.
 */
export async function enqueueMail(
  tx: Tx,
  mail: { kind: string; to: string; subject: string; body: ReactElement },
): Promise<void> {
  const [html, text] = await Promise.all([
    render(mail.body),
    render(mail.body, { plainText: true }),
  ]);
  await tx.insert(mailOutbox).values({
    kind: mail.kind,
    recipient: mail.to,
    subject: mail.subject,
    contentEncrypted: encryptSecret(JSON.stringify({ html, text })),
  });
}
