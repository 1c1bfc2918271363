import Link from 'next/link';
import { Sparkline } from '../charts';
import { linkClass } from '../ui';

/**
 * A headline figure with its change against the previous period of the same length. `better`
 * says which direction is good, so the change is coloured (and worded) by meaning, not sign.
 */
export function KpiTile({
  label,
  value,
  previous,
  format,
  unit = '',
  better,
  series,
  sub,
  emptyNote,
  definition,
  explain,
}: {
  label: string;
  value: number | null;
  previous: number | null;
  format: (n: number | null) => string;
  unit?: string;
  better: 'up' | 'down';
  series: (number | null)[];
  sub?: React.ReactNode;
  /** Why there is no figure, shown in place of a bare dash when `value` is null. */
  emptyNote?: string;
  /** What the figure means (components/board/Definition.tsx), one click away. */
  definition?: React.ReactNode;
  /** The records the figure is made of, in the same window and filters ("explain this number"). */
  explain?: { href: string; label: string };
}) {
  const delta = value !== null && previous !== null ? value - previous : null;
  const good = delta === null || delta === 0 ? null : delta > 0 === (better === 'up');
  const arrow = delta === null || delta === 0 ? '→' : delta > 0 ? '▲' : '▼';
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={label}>
      <h2 className="text-sm font-medium text-slate-700">{label}</h2>
      {definition}
      <p className="mt-1 text-3xl font-semibold tabular-nums text-slate-900" data-testid={`kpi-${label}`}>
        {format(value)}
        {unit}
      </p>
      <p className={`text-sm ${good === null ? 'text-slate-700' : good ? 'text-emerald-800' : 'text-red-800'}`}>
        <span aria-hidden="true">{arrow}</span>{' '}
        {delta !== null
          ? `${delta > 0 ? '+' : ''}${format(delta)}${unit} vs previous period`
          : previous !== null
            ? `previous period ${format(previous)}${unit}`
            : value !== null
              ? 'no figure for the previous period'
              : 'no figure for the previous period either'}
        <span className="sr-only">{good === null ? '' : good ? ' (better)' : ' (worse)'}</span>
      </p>
      {value === null && emptyNote && (
        <p role="note" className="mt-1 text-sm text-slate-800">
          {emptyNote}
        </p>
      )}
      {sub && <div className="mt-1 text-xs text-slate-700">{sub}</div>}
      {explain && (
        <Link href={explain.href} className={`text-xs ${linkClass}`}>
          {explain.label}
        </Link>
      )}
      <Sparkline values={series} label={`${label} over the window`} />
    </section>
  );
}
