import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Preview,
  Text,
} from '@react-email/components';

// The product's look in mail: its brand colour, one column, the link also as text (some
// clients strip buttons), and why the mail came.

const BRAND = '#1f56d1';

export function MailLayout({
  preview,
  heading,
  children,
  action,
  footer,
}: {
  preview: string;
  heading: string;
  children: React.ReactNode;
  action?: { label: string; href: string };
  footer: string;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f8fafc', fontFamily: 'Helvetica, Arial, sans-serif' }}>
        <Container
          style={{
            backgroundColor: '#ffffff',
            border: '1px solid #e2e8f0',
            borderRadius: 8,
            margin: '32px auto',
            maxWidth: 520,
            padding: 32,
          }}
        >
          <Text style={{ color: BRAND, fontWeight: 700, margin: 0 }}>▶ Organisation dashboard</Text>
          <Heading as="h1" style={{ color: '#0f172a', fontSize: 22 }}>
            {heading}
          </Heading>
          {children}
          {action ? (
            <>
              <Button
                href={action.href}
                style={{
                  backgroundColor: BRAND,
                  borderRadius: 6,
                  color: '#ffffff',
                  fontWeight: 600,
                  padding: '10px 18px',
                }}
              >
                {action.label}
              </Button>
              <Text style={{ color: '#475569', fontSize: 13 }}>
                Or open this link: {action.href}
              </Text>
            </>
          ) : null}
          <Hr style={{ borderColor: '#e2e8f0', margin: '24px 0' }} />
          <Text style={{ color: '#64748b', fontSize: 12 }}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export const paragraph = { color: '#334155', fontSize: 15, lineHeight: '22px' };
