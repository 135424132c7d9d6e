import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { retryDelaySeconds, startLoop } from '@/lib/background';
import { decryptSecret } from '@/lib/crypto';
import { log } from '@/lib/log';
import { rowsOf } from '@/lib/services/sql';
import { deliverMail } from './transport';

// The mail worker (docs/email.md): each pass claims due mails with FOR UPDATE SKIP
// LOCKED (held a minute), sends them, and records the outcome: sent (the content is then
// cleared), retried with backoff, or given up after about a day. A slow or failing SMTP
// server delays mail, never a request.

const BATCH = 10;
const HOLD_SECONDS = 60;

interface Claimed {
  id: string;
  recipient: string;
  subject: string;
  content: string;
  attempts: number;
}

/** Claims up to `limit` due mails and sends them; how many it took. */
export async function sendDueMails(limit = BATCH): Promise<number> {
  const claimed = rowsOf<Claimed>(
    await getDb().execute(sql`
      with due as (
        select id from mail_outbox
        where state = 'pending' and next_attempt_at <= now()
          and (locked_until is null or locked_until < now())
        order by next_attempt_at, created_at
        limit ${limit}
        for update skip locked
      )
      update mail_outbox m
      set locked_until = now() + make_interval(secs => ${HOLD_SECONDS}), attempts = m.attempts + 1
      from due where m.id = due.id
      returning m.id, m.recipient, m.subject, m.content_encrypted as content, m.attempts`),
  );
  await Promise.all(claimed.map(send));
  return claimed.length;
}

async function send(mail: Claimed): Promise<void> {
  try {
    const { html, text } = JSON.parse(decryptSecret(mail.content)) as {
      html: string;
      text: string;
    };
    await deliverMail({ to: mail.recipient, subject: mail.subject, html, text });
    await getDb().execute(sql`
      update mail_outbox
      set state = 'sent', sent_at = now(), locked_until = null, content_encrypted = '',
        last_error = null
      where id = ${mail.id}`);
  } catch (err) {
    const reason = (err instanceof Error ? err.message : 'The mail could not be sent.').slice(
      0,
      500,
    );
    const retryIn = retryDelaySeconds(mail.attempts);
    // The reason only: the mail's address and content stay in the outbox.
    log.error('mail not sent', { mailId: mail.id, attempts: mail.attempts, reason });
    await getDb().execute(sql`
      update mail_outbox
      set locked_until = null, last_error = ${reason},
        state = case when ${retryIn}::int is null then 'failed' else 'pending' end,
        content_encrypted = case when ${retryIn}::int is null then '' else content_encrypted end,
        next_attempt_at = case when ${retryIn}::int is null then next_attempt_at
          else now() + make_interval(secs => ${retryIn}::int) end
      where id = ${mail.id}`);
  }
}

/** This process's mail loop (lib/background.ts), started once by instrumentation.ts. */
export function startMailWorker(): void {
  startLoop('mail', () => sendDueMails(), { batch: BATCH });
}
