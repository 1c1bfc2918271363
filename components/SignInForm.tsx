'use client';
import { useState } from 'react';

/** `next`: where to go once signed in (a path of this app, checked by the page), else the user's home. */
export function SignInForm({ next }: { next: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const form = new FormData(e.currentTarget);
    const res = await fetch('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
    });
    setBusy(false);
    if (res.ok) {
      window.location.assign(next ?? '/');
      return;
    }
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    setError(body.error?.message ?? `Sign-in failed (${res.status})`);
  };
  const field = 'mt-1 w-full rounded border border-slate-300 px-3 py-2 text-slate-900';
  return (
    <form onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div>
        <label htmlFor="username" className="text-sm font-medium text-slate-800">
          Username
        </label>
        <input id="username" name="username" autoComplete="username" required className={field} />
      </div>
      <div>
        <label htmlFor="password" className="text-sm font-medium text-slate-800">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={field}
        />
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded bg-blue-700 px-3 py-2 font-medium text-white hover:bg-blue-800 disabled:bg-slate-400"
      >
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
