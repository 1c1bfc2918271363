'use client';
import { useState } from 'react';
import { apiFetch, useSession } from './session';
import { Card, StatusLine } from './ui';

const input = 'rounded border border-slate-300 px-2 py-1';

/** Changing one's own password: the current one first, the new one twice. */
export function ChangePassword() {
  const { csrf } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async () => {
    if (next !== again) return setMessage({ ok: false, text: 'The new passwords differ.' });
    const r = await apiFetch<{ message?: string }>(csrf, '/api/session/password', {
      method: 'POST',
      body: JSON.stringify({ current, next }),
    });
    setMessage(
      r.ok ? { ok: true, text: 'Password changed.' } : { ok: false, text: r.body.message ?? `failed (${r.status})` },
    );
    if (r.ok) {
      setCurrent('');
      setNext('');
      setAgain('');
    }
  };
  return (
    <Card title="Change your password">
      <form
        className="grid grid-cols-1 gap-3 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="flex flex-col gap-1">
          Current password
          <input
            type="password"
            required
            autoComplete="current-password"
            className={input}
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        {(
          [
            ['New password (at least 12 characters)', next, setNext],
            ['New password again', again, setAgain],
          ] as const
        ).map(([label, value, set]) => (
          <label key={label} className="flex flex-col gap-1">
            {label}
            <input
              type="password"
              required
              minLength={12}
              autoComplete="new-password"
              className={input}
              value={value}
              onChange={(e) => set(e.target.value)}
            />
          </label>
        ))}
        <div>
          <button type="submit" className="rounded bg-blue-700 px-3 py-1 font-medium text-white hover:bg-blue-800">
            Change password
          </button>
        </div>
        <StatusLine message={message} />
      </form>
    </Card>
  );
}
