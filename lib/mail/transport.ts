import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { env } from '@/lib/env';
import { printForPerson } from '@/lib/log';

// How a mail leaves (docs/email.md): SMTP when SMTP_URL is set; otherwise printed on the
// console, so that the two README commands show every flow, links included. A production
// server on PostgreSQL without SMTP_URL prints nothing (a reset link in a shared log would
// be a leak) and its mails fail with a reason the worker records.

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
}

let transport: Transporter | undefined;

/** Sends one mail; throws with a short reason when it cannot. */
export async function deliverMail(mail: OutgoingMail): Promise<void> {
  const { SMTP_URL, MAIL_FROM, NODE_ENV, DATABASE_URL } = env();
  if (!SMTP_URL) {
    if (NODE_ENV === 'production' && DATABASE_URL)
      throw new Error('No SMTP_URL is set: the server cannot send mail.');
    // For the person running it, links and all; never on a production server's database.
    printForPerson(['', `[mail] To: ${mail.to}`, `[mail] Subject: ${mail.subject}`, '', mail.text]);
    return;
  }
  transport ??= nodemailer.createTransport(SMTP_URL, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  await transport.sendMail({ from: MAIL_FROM, ...mail });
}
