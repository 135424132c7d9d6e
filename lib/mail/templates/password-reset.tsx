import { Text } from '@react-email/components';
import { MailLayout, paragraph } from './layout';

/** The link to set a new password: single use, valid `minutes`. */
export function PasswordResetMail({
  email,
  url,
  minutes,
}: {
  email: string;
  url: string;
  minutes: number;
}) {
  return (
    <MailLayout
      preview="Set a new password"
      heading="Set a new password"
      action={{ label: 'Set a new password', href: url }}
      footer={`Someone, hopefully you, asked to reset the password of ${email}. If it was not you, ignore this mail: your password stays as it is.`}
    >
      <Text style={paragraph}>
        Choose a new password for {email}. The link works once, for {minutes} minutes. Setting the
        new password signs you out everywhere.
      </Text>
    </MailLayout>
  );
}
