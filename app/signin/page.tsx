import { redirect } from 'next/navigation';
import { safeNext } from '@/lib/auth/oidc';
import { currentUser } from '@/lib/auth/page';
import { homeOf } from '@/lib/auth/views';
import { getRuntime } from '@/lib/runtime';
import { SignInForm } from '@/components/SignInForm';

export const dynamic = 'force-dynamic';

// Fixed texts by code: the query string picks one, it never supplies words of its own.
const SSO_ERRORS: Record<string, string> = {
  sso_state: 'Single sign-on took too long or started in another browser. Try again.',
  sso_failed: 'Single sign-on did not complete. Try again, or sign in with a password.',
  sso_no_role: 'Your company account has no Ops Pulse role. Ask your administrator to grant one.',
  sso_local_user: 'A local Ops Pulse account already has your name. Sign in with its password, or ask an admin.',
  sso_disabled: 'Your Ops Pulse account is disabled.',
};

export default async function SignIn({ searchParams }: { searchParams: Promise<{ error?: string; next?: string }> }) {
  const { error, next } = await searchParams;
  const back = next ? safeNext(next) : null;
  const p = await currentUser();
  if (p) redirect(back ?? homeOf(p.role));
  const sso = getRuntime().config.oidc !== null;
  return (
    <div className="mx-auto mt-16 max-w-sm">
      <h1 className="mb-6 text-2xl font-semibold text-slate-900">Sign in to Ops Pulse</h1>
      {error && SSO_ERRORS[error] && (
        <p role="alert" className="mb-4 rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {SSO_ERRORS[error]}
        </p>
      )}
      {sso && (
        <a
          href={`/api/session/oidc${back ? `?next=${encodeURIComponent(back)}` : ''}`}
          className="mb-4 block w-full rounded border border-blue-700 px-3 py-2 text-center font-medium text-blue-800 hover:bg-blue-50"
        >
          Sign in with single sign-on
        </a>
      )}
      <SignInForm next={back} />
    </div>
  );
}
