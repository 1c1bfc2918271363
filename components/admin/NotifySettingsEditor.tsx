'use client';
import { Form } from '../form';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiFetch, useSession } from '../session';
import { Card, StatusLine } from '../ui';

/**
 * The delivery settings as JSON (PUT /api/notifications/settings): channels, routes, escalation and
 * digest. Secrets show as "(kept)" and stay as stored unless replaced; the whole document is checked
 * before anything is saved, and each problem names its place.
 */
export function NotifySettingsEditor({ settings }: { settings: unknown }) {
  const { csrf } = useSession();
  const router = useRouter();
  const [text, setText] = useState(() => JSON.stringify(settings, null, 2));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async () => {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      return setMessage({ ok: false, text: `Not JSON: ${(err as Error).message}` });
    }
    const r = await apiFetch<{ error?: { message?: string } }>(csrf, '/api/notifications/settings', {
      method: 'PUT',
      body: JSON.stringify(body),
    });
    setMessage(
      r.ok
        ? { ok: true, text: 'Saved: alerts are delivered with these settings from the next pass.' }
        : { ok: false, text: `Not saved: ${r.body.error?.message ?? `HTTP ${r.status}`}` },
    );
    if (r.ok) router.refresh();
  };
  return (
    <Card title="Settings">
      <Form className="space-y-2 text-sm" onSubmit={save}>
        <label className="flex flex-col gap-1">
          Delivery settings (JSON; the README&apos;s &quot;Alert delivery&quot; explains each part)
          <textarea
            className="h-72 rounded border border-slate-300 p-2 font-mono text-xs"
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button type="submit" className="rounded bg-blue-700 px-3 py-1 font-medium text-white hover:bg-blue-800">
          Save settings
        </button>
        <StatusLine message={message} />
      </Form>
    </Card>
  );
}
