'use client';
import { Choice } from '../form';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useId } from 'react';
import { RANGES, type Range } from '@/lib/window';

const input = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900';

/** Time window, channel and warehouse; every choice lives in the URL, so views deep-link. */
export function WindowFilters({
  channels,
  warehouses,
  showChannel = true,
  defaultRange = '24h',
}: {
  channels: string[];
  warehouses: string[];
  showChannel?: boolean;
  /** The window the page shows when the URL names none (a planner's returns: four weeks). */
  defaultRange?: Range;
}) {
  const router = useRouter();
  const path = usePathname();
  const params = useSearchParams();
  const id = useId();
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    // A history entry per choice: Back undoes a filter change.
    router.push(`${path}?${next.toString()}`, { scroll: false });
  };
  const range = (params.get('range') ?? (params.get('from') ? 'custom' : defaultRange)) as Range;
  const local = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(0, 16) : '');
  return (
    <form className="flex flex-wrap items-end gap-3" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <Field id={`${id}-range`} label="Time window">
        <select
          id={`${id}-range`}
          className={input}
          value={range}
          onChange={(e) =>
            set({ range: e.target.value, ...(e.target.value === 'custom' ? {} : { from: null, to: null }) })
          }
        >
          {Object.entries(RANGES).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </Field>
      {range === 'custom' &&
        (['from', 'to'] as const).map((k) => (
          <Field key={k} id={`${id}-${k}`} label={`${k === 'from' ? 'From' : 'To'} (UTC)`}>
            <input
              id={`${id}-${k}`}
              type="datetime-local"
              className={input}
              defaultValue={local(params.get(k))}
              onBlur={(e) => e.target.value && set({ [k]: `${e.target.value}:00Z` })}
            />
          </Field>
        ))}
      {showChannel && (
        <Filter
          id={`${id}-channel`}
          label="Channel"
          all="All channels"
          options={channels}
          value={params.get('channel') ?? ''}
          onChange={(v) => set({ channel: v || null })}
        />
      )}
      <Filter
        id={`${id}-warehouse`}
        label="Warehouse"
        all="All warehouses"
        options={warehouses}
        value={params.get('warehouse') ?? ''}
        onChange={(v) => set({ warehouse: v || null })}
      />
    </form>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col">
      <label htmlFor={id} className="text-xs text-slate-700">
        {label}
      </label>
      {children}
    </div>
  );
}

/** One dimension filter: "all" (no URL parameter) or one value. */
function Filter({
  id,
  label,
  all,
  ...choice
}: {
  id: string;
  label: string;
  all: string;
  options: string[];
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <Field id={id} label={label}>
      <Choice id={id} className={input} none={all} {...choice} />
    </Field>
  );
}
