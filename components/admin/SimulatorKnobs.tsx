'use client';
import { Choice, Field, Form, inputClass } from '../form';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { KNOB_OPTIONS } from '@/lib/simulator/knobs';
import { fmtNumber } from '../format';
import { apiFetch, useSession } from '../session';
import { Card, StatusLine } from '../ui';

interface Status {
  phase: string;
  rate: number;
  speedup: number;
  emitted: number;
  knobs: {
    carrierDelay?: string;
    returnSurge?: { category: string; reason: string };
    slowWarehouse?: { id: string; factor: number };
  };
}

/** The demo knobs as a form: each applies at once to the live simulation (POST /api/simulator, audited). */
export function SimulatorKnobs({ status, options }: { status: Status; options: typeof KNOB_OPTIONS }) {
  const { csrf } = useSession();
  const router = useRouter();
  const k = status.knobs;
  const [rate, setRate] = useState(String(status.rate));
  const [speedup, setSpeedup] = useState(String(status.speedup));
  const [delay, setDelay] = useState(k.carrierDelay ?? '');
  const [surge, setSurge] = useState(k.returnSurge ? `${k.returnSurge.category}:${k.returnSurge.reason}` : '');
  const [slow, setSlow] = useState(k.slowWarehouse?.id ?? '');
  const [factor, setFactor] = useState(String(k.slowWarehouse?.factor ?? 3));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async () => {
    const [category, reason] = surge.split(':');
    const r = await apiFetch<{ message?: string }>(csrf, '/api/simulator', {
      method: 'POST',
      body: JSON.stringify({
        rate: Number(rate),
        speedup: Number(speedup),
        carrier_delay: delay || null,
        return_surge: surge ? { category, reason } : null,
        slow_warehouse: slow ? { id: slow, factor: Number(factor) } : null,
      }),
    });
    setMessage(r.ok ? { ok: true, text: 'Applied.' } : { ok: false, text: r.body.message ?? `failed (${r.status})` });
    if (r.ok) router.refresh();
  };
  return (
    <Card title={`Simulator (${status.phase}, ${fmtNumber(status.emitted)} events emitted live)`}>
      <Form className="grid max-w-xl grid-cols-1 gap-3 text-sm" onSubmit={save}>
        <Field label="Events per second (the history's own rate by default)">
          <input
            type="number"
            min={0.01}
            step="any"
            className={inputClass}
            value={rate}
            onChange={(e) => setRate(e.target.value)}
          />
        </Field>
        <Field label="Demo speed-up (1 = real time)">
          <input
            type="number"
            min={1}
            max={1000}
            className={inputClass}
            value={speedup}
            onChange={(e) => setSpeedup(e.target.value)}
          />
        </Field>
        <Field label="Carrier delay">
          <Choice value={delay} onChange={setDelay} options={options.carriers} />
        </Field>
        <Field label="Return surge (category: reason)">
          <Choice
            value={surge}
            onChange={setSurge}
            options={options.categories.flatMap((c) =>
              options.reasons.map((r) => ({ value: `${c}:${r}`, label: `${c}: ${r}` })),
            )}
          />
        </Field>
        <div className="flex flex-wrap gap-3">
          <Field label="Slow warehouse">
            <Choice value={slow} onChange={setSlow} options={options.warehouses} />
          </Field>
          <Field label="Slower by (×)">
            <input
              type="number"
              min={1}
              max={20}
              className={inputClass}
              value={factor}
              onChange={(e) => setFactor(e.target.value)}
            />
          </Field>
        </div>
        <div>
          <button type="submit" className="rounded bg-blue-700 px-3 py-1 font-medium text-white hover:bg-blue-800">
            Apply knobs
          </button>
        </div>
        <StatusLine message={message} />
      </Form>
    </Card>
  );
}
