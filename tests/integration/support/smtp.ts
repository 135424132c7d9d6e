import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeEach, vi } from 'vitest';
import { sendDueMails } from '@/lib/mail/worker';

/**
 * A real SMTP server (smtp-server) for one test file, which the mail worker sends to
 * (SMTP_URL); mails are read back with mailparser. Call it after withTestDatabase():
 * before each test, mails an earlier test left queued go out and are forgotten.
 */
export async function smtpServer() {
  const caught: ParsedMail[] = [];
  const control = { refuse: false };
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (control.refuse) return callback(new Error('Mailbox unavailable'));
          caught.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  vi.stubEnv('SMTP_URL', `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`);
  vi.stubEnv('MAIL_FROM', 'Dashboard <no-reply@dashboard.test>');
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
  beforeEach(async () => {
    control.refuse = false;
    while ((await sendDueMails()) > 0);
    caught.length = 0;
  });

  /** Sends what is due, then the mails caught for `email`, oldest first. */
  async function mailsTo(email: string): Promise<ParsedMail[]> {
    while ((await sendDueMails()) > 0);
    return caught.filter((m) => JSON.stringify(m.to ?? '').includes(email));
  }

  /** The newest mail to `email` with a link to `path`, and the link's token. */
  async function linkTo(email: string, path: string): Promise<{ token: string; mail: ParsedMail }> {
    const mails = (await mailsTo(email)).reverse();
    for (const mail of mails) {
      const token = new RegExp(`${path}([A-Za-z0-9_-]{43})`).exec(mail.text ?? '')?.[1];
      if (token) return { token, mail };
    }
    throw new Error(`no mail to ${email} with a link to ${path}`);
  }

  return { caught, control, mailsTo, linkTo };
}
