'use client';
import { Field, Form, inputClass } from './form';
import { useState } from 'react';
import { apiFetch, useSession } from './session';
import { Card, StatusLine } from './ui';

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
      <Form className="grid grid-cols-1 gap-3 text-sm" onSubmit={submit}>
        <Field label="Current password">
          <input
            type="password"
            required
            autoComplete="current-password"
            className={inputClass}
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </Field>
        {(
          [
            ['New password (at least 12 characters)', next, setNext],
            ['New password again', again, setAgain],
          ] as const
        ).map(([label, value, set]) => (
          <Field key={label} label={label}>
            <input
              type="password"
              required
              minLength={12}
              autoComplete="new-password"
              className={inputClass}
              value={value}
              onChange={(e) => set(e.target.value)}
            />
          </Field>
        ))}
        <div>
          <button type="submit" className="rounded bg-blue-700 px-3 py-1 font-medium text-white hover:bg-blue-800">
            Change password
          </button>
        </div>
        <StatusLine message={message} />
      </Form>
    </Card>
  );
}
