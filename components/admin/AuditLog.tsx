'use client';
import { Choice, Field, inputClass } from '../form';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { AuditEntry } from '@/lib/actions/record';
import { LocalTime } from '../LocalTime';
import { DataTable, type Column } from '../table/DataTable';
import { Badge, Card, EmptyState } from '../ui';

export interface AuditFilter {
  actor: string;
  type: string;
  record: string;
  /** datetime-local values in the browser's zone, as typed ('' = open). */
  from: string;
  to: string;
}

const TONE = { done: 'good', refused: 'warning', failed: 'critical' } as const;
const show = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v));

/** Who did what to which record, when, with the result and before/after. Filters are history entries. */
export function AuditLog({ entries, filter, types }: { entries: AuditEntry[]; filter: AuditFilter; types: string[] }) {
  const router = useRouter();
  const [f, setF] = useState(filter);
  const apply = (next: AuditFilter) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(next))
      if (v) q.set(k, k === 'from' || k === 'to' ? new Date(v).toISOString() : v);
    router.push(`/admin/audit${q.size ? `?${q}` : ''}`);
  };
  const local = (iso: string) => {
    if (!iso) return '';
    const d = new Date(iso);
    return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  };
  const columns: Column<AuditEntry>[] = [
    { accessorKey: 'at', header: 'When', cell: (c) => <LocalTime iso={String(c.getValue())} /> },
    { accessorKey: 'actor', header: 'Who', cell: (c) => `${c.row.original.actor} (${c.row.original.role})` },
    { accessorKey: 'type', header: 'Action' },
    { accessorKey: 'record', header: 'Record' },
    {
      accessorKey: 'result',
      header: 'Result',
      cell: (c) => (
        <span>
          <Badge tone={TONE[c.row.original.result as keyof typeof TONE] ?? 'neutral'}>{c.row.original.result}</Badge>
          {c.row.original.error && <span className="ml-1 text-xs text-slate-700">{c.row.original.error}</span>}
        </span>
      ),
    },
    {
      id: 'change',
      header: 'Before → after',
      accessorFn: (e) => `${show(e.before)} → ${show(e.after)}`,
      cell: (c) => (
        <details className="max-w-md text-xs">
          <summary className="cursor-pointer">details</summary>
          <pre className="whitespace-pre-wrap break-all">
            before: {show(c.row.original.before)}
            {'\n'}after: {show(c.row.original.after)}
            {'\n'}payload: {show(c.row.original.payload)}
          </pre>
        </details>
      ),
    },
  ];
  return (
    <div className="space-y-4">
      <Card title="Filter">
        <form
          className="flex flex-wrap items-end gap-3 text-sm"
          onSubmit={(e) => {
            e.preventDefault();
            apply(f);
          }}
        >
          <Field label="User">
            <input className={inputClass} value={f.actor} onChange={(e) => setF({ ...f, actor: e.target.value })} />
          </Field>
          <Field label="Action">
            <Choice value={f.type} onChange={(type) => setF({ ...f, type })} options={types} none="any" />
          </Field>
          <Field label="Record (order, user, dead letter…)">
            <input className={inputClass} value={f.record} onChange={(e) => setF({ ...f, record: e.target.value })} />
          </Field>
          {(
            [
              ['from', 'From (your time)'],
              ['to', 'To (your time)'],
            ] as const
          ).map(([k, text]) => (
            <Field key={k} label={text}>
              <input
                type="datetime-local"
                className={inputClass}
                value={local(f[k])}
                onChange={(e) => setF({ ...f, [k]: e.target.value })}
              />
            </Field>
          ))}
          <button type="submit" className="rounded bg-blue-700 px-3 py-1 font-medium text-white hover:bg-blue-800">
            Apply filters
          </button>
        </form>
        <p className="mt-2 text-xs text-slate-600">
          Without a start, the last 30 days; at most 1,000 entries, newest first.
        </p>
      </Card>
      {entries.length === 0 ? (
        <EmptyState>No audit entries match these filters.</EmptyState>
      ) : (
        <DataTable rows={entries} columns={columns} label="Audit log" filename="audit" />
      )}
    </div>
  );
}
