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

/**
 * Queues the same mail to several recipients, rendered once: `body` carries `marker`
 * where each recipient's own part goes (the token of their link), and each mail gets its
 * recipient's `value` in its place. One statement; as enqueueMail, sent after the commit.
 */
export async function enqueueMailToEach(
  tx: Tx,
  mail: { kind: string; subject: string; body: ReactElement; marker: string },
  recipients: { to: string; value: string }[],
): Promise<void> {
  if (recipients.length === 0) return;
  const [html, text] = await Promise.all([
    render(mail.body),
    render(mail.body, { plainText: true }),
  ]);
  await tx.insert(mailOutbox).values(
    recipients.map(({ to, value }) => ({
      kind: mail.kind,
      recipient: to,
      subject: mail.subject,
      contentEncrypted: encryptSecret(
        JSON.stringify({
          html: html.replaceAll(mail.marker, value),
          text: text.replaceAll(mail.marker, value),
        }),
      ),
    })),
  );
}
