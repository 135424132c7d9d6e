import { NextResponse, type NextRequest } from 'next/server';
import { auth, signOut } from '@/lib/auth/config';
import { signOutEverywhere } from '@/lib/services/accounts';

// A plain form POST outside /organisation, so every role can sign out.
export async function POST(req: NextRequest) {
  const origin = req.headers.get('origin');
  if (origin && origin !== req.nextUrl.origin) {
    return NextResponse.json({ error: { code: 'forbidden', message: 'Cross-site request refused.' } }, { status: 403 });
  }
  const form = await req.formData().catch(() => null);
  const session = await auth();
  if (session?.accountId && form?.get('everywhere') === '1') await signOutEverywhere(session.accountId);
  await signOut({ redirect: false });
  return NextResponse.redirect(new URL('/sign-in', req.nextUrl.origin), 303);
}
