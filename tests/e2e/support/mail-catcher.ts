import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// A real SMTP server for the e2e suite (started by playwright.config.ts's globalSetup):
// the server under test sends its mail here (SMTP_URL), and each mail is written to a
// folder the tests read, since they run in other processes.

export const MAIL_PORT = Number(process.env.E2E_SMTP_PORT ?? 3225);
export const MAIL_DIR = path.join(os.tmpdir(), `rbac-e2e-mail-${MAIL_PORT}`);

export interface CaughtMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export default async function startMailCatcher(): Promise<() => Promise<void>> {
  rmSync(MAIL_DIR, { recursive: true, force: true });
  mkdirSync(MAIL_DIR, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = [mail.to]
            .flat()
            .flatMap((a) => a?.value ?? [])
            .map((v) => v.address ?? '')
            .join(', ');
          const caught: CaughtMail = {
            to,
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
          };
          // Written aside, then renamed: a test reading the folder never meets half a file.
          const file = path.join(MAIL_DIR, `${Date.now()}-${++n}.json`);
          writeFileSync(`${file}.part`, JSON.stringify(caught));
          renameSync(`${file}.part`, file);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(MAIL_PORT, '127.0.0.1', resolve));
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The mails caught so far for `address`, oldest first. */
export function mailsTo(address: string): CaughtMail[] {
  return readdirSync(MAIL_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(MAIL_DIR, f), 'utf8')) as CaughtMail)
    .filter((m) => m.to.toLowerCase().split(', ').includes(address.toLowerCase()));
}
