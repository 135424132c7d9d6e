import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/actor';

export const dynamic = 'force-dynamic';

export default async function Home() {
  redirect((await getActor()) ? '/organisation' : '/sign-in');
}
