import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import { RelativeTimes } from '@/components/layout/relative-times';
import { THEME_COOKIE, themeOf } from '@/lib/theme';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Organisation dashboard', template: '%s · Organisation dashboard' },
  description: 'Users, roles, invitations, tokens and audit log of your streaming organisation.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const theme = themeOf((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-screen">
        {children}
        <RelativeTimes />
      </body>
    </html>
  );
}
