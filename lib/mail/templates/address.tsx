import { Text } from '@react-email/components';
import { MailLayout, paragraph } from './layout';

// The mails that prove or concern an address (docs/email.md, "Verified addresses").

/** The link that finishes a sign-up: the account exists once it is followed. */
export function ConfirmSignUpMail({
  email,
  url,
  hours,
}: {
  email: string;
  url: string;
  hours: number;
}) {
  return (
    <MailLayout
      preview="Confirm your email address"
      heading="Confirm your email address"
      action={{ label: 'Confirm and sign in', href: url }}
      footer={`Someone, hopefully you, signed up with ${email}. If it was not you, ignore this mail: no account is created.`}
    >
      <Text style={paragraph}>
        Confirm that {email} is yours to finish creating your account. The link works once, for{' '}
        {hours} hours.
      </Text>
    </MailLayout>
  );
}

/** Sent instead of a confirmation when the address already has an account. */
export function SignUpAttemptMail({
  email,
  signInUrl,
  resetUrl,
}: {
  email: string;
  signInUrl: string;
  resetUrl: string;
}) {
  return (
    <MailLayout
      preview="Someone tried to sign up with your address"
      heading="You already have an account"
      action={{ label: 'Sign in', href: signInUrl }}
      footer="If it was not you, nothing changed: your account and password stay as they are."
    >
      <Text style={paragraph}>
        Someone tried to create an account with {email}, which already has one. If it was you, sign
        in instead, or set a new password if you forgot it: {resetUrl}
      </Text>
    </MailLayout>
  );
}

/** Proves the address of an existing account. */
export function VerifyEmailMail({
  email,
  url,
  hours,
}: {
  email: string;
  url: string;
  hours: number;
}) {
  return (
    <MailLayout
      preview="Verify your email address"
      heading="Verify your email address"
      action={{ label: 'Verify address', href: url }}
      footer={`You asked to verify ${email}. If it was not you, ignore this mail.`}
    >
      <Text style={paragraph}>
        Confirm that {email} is yours. Invitations sent to this address can then be accepted with
        your account. The link works once, for {hours} hours.
      </Text>
    </MailLayout>
  );
}

/** Sent to the new address of a change of email: following it makes the change. */
export function ChangeEmailMail({
  oldEmail,
  newEmail,
  url,
  hours,
}: {
  oldEmail: string;
  newEmail: string;
  url: string;
  hours: number;
}) {
  return (
    <MailLayout
      preview="Confirm your new email address"
      heading="Confirm your new email address"
      action={{ label: 'Use this address', href: url }}
      footer={`Someone signed in as ${oldEmail} asked to use ${newEmail} instead. If it was not you, ignore this mail: nothing changes.`}
    >
      <Text style={paragraph}>
        Confirm that {newEmail} is yours: your account then signs in with it instead of {oldEmail}.
        The link works once, for {hours} hours.
      </Text>
    </MailLayout>
  );
}

/** The notice to the old address once a change of email is made. */
export function EmailChangedMail({ oldEmail, newEmail }: { oldEmail: string; newEmail: string }) {
  return (
    <MailLayout
      preview="Your account's email address changed"
      heading="Your email address changed"
      footer="You receive this at your former address so that a change you did not make does not go unnoticed."
    >
      <Text style={paragraph}>
        The account that signed in as {oldEmail} now signs in as {newEmail}, confirmed from that
        address. If you did not make this change, ask an admin of your organisation to remove the
        account at once.
      </Text>
    </MailLayout>
  );
}
