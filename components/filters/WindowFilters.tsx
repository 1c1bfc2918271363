'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useId } from 'react';
import { RANGES, type Range } from './window';

const input = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900';

/** Time window, channel and warehouse; every choice lives in the URL, so views deep-link. */
export function WindowFilters({ channels, warehouses, showChannel = true }: { channels: string[]; warehouses: string[]; showChannel?: boolean }) {
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
    router.replace(`${path}?${next.toString()}`, { scroll: false });
  };
  const range = (params.get('range') ?? (params.get('from') ? 'custom' : '24h')) as Range;
  const local = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(0, 16) : '');
  return (
    <form className="flex flex-wrap items-end gap-3" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <div className="flex flex-col">
        <label htmlFor={`${id}-range`} className="text-xs text-slate-700">
          Time window
        </label>
        <select id={`${id}-range`} className={input} value={range} onChange={(e) => set({ range: e.target.value, ...(e.target.value === 'custom' ? {} : { from: null, to: null }) })}>
          {Object.entries(RANGES).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </div>
      {range === 'custom' && (
        <>
          <div className="flex flex-col">
            <label htmlFor={`${id}-from`} className="text-xs text-slate-700">
              From (UTC)
            </label>
            <input id={`${id}-from`} type="datetime-local" className={input} defaultValue={local(params.get('from'))} onBlur={(e) => e.target.value && set({ from: `${e.target.value}:00Z` })} />
          </div>
          <div className="flex flex-col">
            <label htmlFor={`${id}-to`} className="text-xs text-slate-700">
              To (UTC)
            </label>
            <input id={`${id}-to`} type="datetime-local" className={input} defaultValue={local(params.get('to'))} onBlur={(e) => e.target.value && set({ to: `${e.target.value}:00Z` })} />
          </div>
        </>
      )}
      {showChannel && (
        <div className="flex flex-col">
          <label htmlFor={`${id}-channel`} className="text-xs text-slate-700">
            Channel
          </label>
          <select id={`${id}-channel`} className={input} value={params.get('channel') ?? ''} onChange={(e) => set({ channel: e.target.value || null })}>
            <option value="">All channels</option>
            {channels.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </div>
      )}
      <div className="flex flex-col">
        <label htmlFor={`${id}-warehouse`} className="text-xs text-slate-700">
          Warehouse
        </label>
        <select id={`${id}-warehouse`} className={input} value={params.get('warehouse') ?? ''} onChange={(e) => set({ warehouse: e.target.value || null })}>
          <option value="">All warehouses</option>
          {warehouses.map((w) => (
            <option key={w}>{w}</option>
          ))}
        </select>
      </div>
    </form>
  );
}
