'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { DeadLetterView } from '@/lib/queries/listDeadLetters';
import type { ReplayResult } from '@/lib/admin/deadLetters';
import { ConfirmDialog, type Confirm } from '../ConfirmDialog';
import { LocalTime } from '../LocalTime';
import { apiFetch, useSession } from '../session';
import { DataTable, type Column } from '../table/DataTable';
import { Badge, StatusLine } from '../ui';

const button = 'rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-50';
const pretty = (raw: string) => {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
};
const SAID: Record<ReplayResult['status'], string> = {
  replayed: 'replayed',
  still_invalid: 'still invalid',
  already_done: 'already handled',
  not_found: 'not found',
};

/**
 * Dead letters awaiting a decision (or replayed, discarded): what arrived, why it was refused and
 * from where. Replay selected ones as sent (after a fix), correct one and replay it, or discard with
 * a note; each result is said, and audited by the API.
 */
export function DeadLetters(p: { rows: DeadLetterView[]; status: string; statuses: string[] }) {
  const { csrf } = useSession();
  const router = useRouter();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const toggle = (id: string, on: boolean) =>
    setPicked((cur) => {
      const next = new Set(cur);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const replay = async (body: unknown) => {
    const r = await apiFetch<{ results?: ReplayResult[]; message?: string }>(csrf, '/api/dead-letters/replay', {
      method: 'POST',
      body: JSON.stringify(body),
    });
    const results = r.body.results ?? [];
    const bad = results.filter((x) => x.status !== 'replayed');
    setMessage(
      !r.ok
        ? { ok: false, text: r.body.message ?? `failed (${r.status})` }
        : {
            ok: bad.length === 0,
            text:
              `Replayed ${results.length - bad.length} of ${results.length}.` +
              bad.map((x) => ` ${x.dead_letter_id}: ${SAID[x.status]}${x.reason ? ` (${x.reason})` : ''}.`).join(''),
          },
    );
    setPicked(new Set());
    router.refresh();
  };
  const discard = async (ids: string[], note: string) => {
    const r = await apiFetch<{ discarded?: string[]; message?: string }>(csrf, '/api/dead-letters/discard', {
      method: 'POST',
      body: JSON.stringify({ ids, note }),
    });
    setMessage(
      r.ok
        ? { ok: true, text: `Discarded ${r.body.discarded?.length ?? 0}.` }
        : { ok: false, text: r.body.message ?? `failed (${r.status})` },
    );
    setPicked(new Set());
    router.refresh();
  };
  const open = p.status === 'open';
  const columns: Column<DeadLetterView>[] = [
    ...(open
      ? [
          {
            id: 'pick',
            header: 'Select',
            enableSorting: false,
            csv: () => '',
            cell: (c: { row: { original: DeadLetterView } }) => (
              <input
                type="checkbox"
                aria-label={`Select ${c.row.original.dead_letter_id}`}
                checked={picked.has(c.row.original.dead_letter_id)}
                onChange={(e) => toggle(c.row.original.dead_letter_id, e.target.checked)}
              />
            ),
          } as Column<DeadLetterView>,
        ]
      : []),
    { accessorKey: 'received_at', header: 'Received', cell: (c) => <LocalTime iso={String(c.getValue())} /> },
    { accessorKey: 'stage', header: 'Refused by' },
    { id: 'event', header: 'Event', accessorFn: (d) => [d.event_type, d.event_id].filter(Boolean).join(' ') || '—' },
    { accessorKey: 'reason', header: 'Reason', cell: (c) => <span className="text-sm">{String(c.getValue())}</span> },
    {
      id: 'source',
      header: 'Source',
      accessorFn: (d) => (d.source ? `${d.source.topic} [${d.source.partition}] @${d.source.offset}` : 'HTTP ingest'),
    },
    {
      id: 'raw',
      header: 'Payload',
      accessorFn: (d) => d.raw,
      cell: (c) => (
        <details className="max-w-md text-xs">
          <summary className="cursor-pointer">raw ({c.row.original.raw_encoding})</summary>
          <pre className="whitespace-pre-wrap break-all">{pretty(c.row.original.raw)}</pre>
        </details>
      ),
    },
    {
      id: 'outcome',
      header: open ? 'Actions' : 'Outcome',
      enableSorting: false,
      accessorFn: (d) => d.outcome?.outcome ?? '',
      cell: (c) => {
        const d = c.row.original;
        if (d.outcome)
          return (
            <span className="text-xs">
              <Badge tone={d.outcome.outcome === 'replayed' ? 'good' : 'neutral'}>{d.outcome.outcome}</Badge> by{' '}
              {d.outcome.by} <LocalTime iso={d.outcome.at} /> {d.outcome.note && `(${d.outcome.note})`}
            </span>
          );
        return (
          <button
            type="button"
            className={button}
            onClick={() =>
              setConfirm({
                title: `Correct and replay ${d.dead_letter_id}?`,
                body: `Refused: ${d.reason}. Fix the event below; it is validated again and, if valid, published like any posted event.`,
                confirm: 'Replay corrected',
                field: {
                  label: 'Event (JSON)',
                  required: true,
                  multiline: true,
                  initial: d.raw_encoding === 'utf8' ? pretty(d.raw) : '',
                },
                onConfirm: (corrected) => void replay({ id: d.dead_letter_id, corrected }),
              })
            }
          >
            Correct and replay
          </button>
        );
      },
    },
  ];
  const ids = [...picked];
  return (
    <div className="space-y-3">
      <ConfirmDialog open={confirm} onClose={() => setConfirm(null)} />
      <nav aria-label="Dead letter status" className="flex flex-wrap gap-2 text-sm">
        {p.statuses.map((s) => (
          <Link
            key={s}
            href={`/admin/dead-letters?status=${s}`}
            aria-current={s === p.status ? 'page' : undefined}
            className={`rounded px-2 py-1 ${s === p.status ? 'bg-slate-100 font-semibold underline' : 'hover:bg-slate-50'}`}
          >
            {s === 'open' ? 'Awaiting a decision' : s}
          </Link>
        ))}
      </nav>
      <StatusLine message={message} />
      {open && (
        <div className="flex flex-wrap gap-2">
          <button type="button" className={button} disabled={ids.length === 0} onClick={() => void replay({ ids })}>
            Replay selected ({ids.length})
          </button>
          <button
            type="button"
            className={button}
            disabled={ids.length === 0}
            onClick={() =>
              setConfirm({
                title: `Discard ${ids.length} dead letter${ids.length === 1 ? '' : 's'}?`,
                body: 'They stay on record, marked discarded with your note; they are never processed.',
                confirm: 'Discard',
                field: { label: 'Why', required: true },
                onConfirm: (note) => void discard(ids, note),
              })
            }
          >
            Discard selected ({ids.length})
          </button>
        </div>
      )}
      <DataTable
        rows={p.rows}
        columns={columns}
        label="Dead letters"
        filename="dead-letters"
        rowKey={(d) => d.dead_letter_id}
        empty="No dead letters here in the last 30 days."
      />
    </div>
  );
}
