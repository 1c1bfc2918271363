'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ALERT_TYPE_LABELS, type AlertType } from '@/lib/alerts/types';
import type { UserPrefs } from '@/lib/notify/prefs';
import { Field, Form, inputClass } from './form';
import { apiFetch, useSession } from './session';
import { useBrowserZone, useUiTimeZone } from './timezone';
import { Card, StatusLine } from './ui';

/**
 * Alerts by email, as the user chooses (PUT /api/session/notifications): the address, which of the
 * alert types that concern them, and quiet hours in their own zone (critical alerts may still come).
 */
export function AlertsByEmail({ prefs, types }: { prefs: UserPrefs | null; types: AlertType[] }) {
  const { csrf } = useSession();
  const router = useRouter();
  const browser = useBrowserZone();
  const zone = useUiTimeZone() ?? browser ?? 'UTC';
  const [enabled, setEnabled] = useState(prefs?.enabled ?? false);
  const [email, setEmail] = useState(prefs?.email ?? '');
  const [chosen, setChosen] = useState<AlertType[]>(prefs?.types.length ? prefs.types : types);
  const [quiet, setQuiet] = useState(prefs?.quiet ?? null);
  const [mode, setMode] = useState<'immediate' | 'digest'>(prefs?.mode ?? 'immediate');
  const [digestAt, setDigestAt] = useState(prefs?.digestAt ?? '07:00');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async () => {
    const r = await apiFetch<{ error?: { message?: string } }>(csrf, '/api/session/notifications', {
      method: 'PUT',
      body: JSON.stringify({
        enabled,
        email,
        timeZone: zone,
        types: chosen.length === types.length ? [] : chosen,
        quiet,
        mode,
        digestAt,
      }),
    });
    setMessage(
      r.ok ? { ok: true, text: 'Saved.' } : { ok: false, text: `Not saved: ${r.body.error?.message ?? r.status}` },
    );
    if (r.ok) router.refresh();
  };
  return (
    <Card title="Alerts by email">
      <Form className="grid gap-3 text-sm" onSubmit={save}>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Email me alerts
          that concern me
        </label>
        <Field label="Email address">
          <input
            type="email"
            required
            className={inputClass}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <fieldset className="grid gap-1">
          <legend>Which alerts</legend>
          {types.map((t) => (
            <label key={t} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={chosen.includes(t)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, t] : c.filter((x) => x !== t)))}
              />{' '}
              {ALERT_TYPE_LABELS[t]}
            </label>
          ))}
        </fieldset>
        <fieldset className="grid gap-1">
          <legend>How</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="mode" checked={mode === 'immediate'} onChange={() => setMode('immediate')} /> One
            mail per alert, as it is raised
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="mode" checked={mode === 'digest'} onChange={() => setMode('digest')} /> One mail a
            day, at
            <input
              type="time"
              aria-label="Daily mail at"
              className={inputClass}
              value={digestAt}
              onChange={(e) => setDigestAt(e.target.value)}
            />
          </label>
        </fieldset>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={quiet !== null}
            onChange={(e) =>
              setQuiet(e.target.checked ? { start: '22:00', end: '06:00', criticalOverrides: true } : null)
            }
          />{' '}
          Quiet hours ({zone})
        </label>
        {quiet && (
          <div className="flex flex-wrap items-end gap-3">
            <Field label="From">
              <input
                type="time"
                className={inputClass}
                value={quiet.start}
                onChange={(e) => setQuiet({ ...quiet, start: e.target.value })}
              />
            </Field>
            <Field label="To">
              <input
                type="time"
                className={inputClass}
                value={quiet.end}
                onChange={(e) => setQuiet({ ...quiet, end: e.target.value })}
              />
            </Field>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={quiet.criticalOverrides}
                onChange={(e) => setQuiet({ ...quiet, criticalOverrides: e.target.checked })}
              />{' '}
              Critical alerts still come
            </label>
          </div>
        )}
        <div>
          <button type="submit" className="rounded bg-blue-700 px-3 py-1 font-medium text-white hover:bg-blue-800">
            Save email alerts
          </button>
        </div>
        <StatusLine message={message} />
      </Form>
    </Card>
  );
}
