import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/auth/page';
import { homeOf } from '@/lib/auth/views';
import { SignInForm } from '@/components/SignInForm';

export const dynamic = 'force-dynamic';

export default async function SignIn() {
  const p = await currentUser();
  if (p) redirect(homeOf(p.role));
  return (
    <div className="mx-auto mt-16 max-w-sm">
      <h1 className="mb-6 text-2xl font-semibold text-slate-900">Sign in to Ops Pulse</h1>
      <SignInForm />
    </div>
  );
}
