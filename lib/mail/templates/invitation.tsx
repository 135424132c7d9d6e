import { Text } from '@react-email/components';
import { MailLayout, paragraph } from './layout';

/** An invitation to an organisation: who invites, with which role, until when. */
export function InvitationMail({
  organisationName,
  inviterEmail,
  roleName,
  expiresUtc,
  url,
}: {
  organisationName: string;
  inviterEmail: string;
  roleName: string;
  expiresUtc: string;
  url: string;
}) {
  return (
    <MailLayout
      preview={`${inviterEmail} invited you to ${organisationName}`}
      heading={`Join ${organisationName}`}
      action={{ label: 'Open the invitation', href: url }}
      footer={`You received this because ${inviterEmail} invited this address to ${organisationName}. If you do not want to join, ignore this mail or decline on the invitation's page.`}
    >
      <Text style={paragraph}>
        {inviterEmail} invited you to join {organisationName} with the role {roleName}.
      </Text>
      <Text style={paragraph}>The link works until {expiresUtc}, once.</Text>
    </MailLayout>
  );
}
