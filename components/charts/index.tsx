'use client';
import dynamic from 'next/dynamic';
import { PALETTE, type BarsProps, type TimeLinesProps } from './types';

export { PALETTE };

// recharts is most of the page's JavaScript: loading it after hydration keeps views interactive
// in well under the 2 s budget; the box keeps its size and label meanwhile.
const placeholder = () => <div className="h-full w-full animate-pulse rounded bg-slate-100" />;
const TimeLinesChart = dynamic(() => import('./recharts').then((m) => m.TimeLinesChart), {
  ssr: false,
  loading: placeholder,
});
const BarsChart = dynamic(() => import('./recharts').then((m) => m.BarsChart), { ssr: false, loading: placeholder });

/** Lines per series over time: `rows` are { bucket, [series]: value }. */
export function TimeLines(props: TimeLinesProps) {
  return (
    <div className="h-64 w-full" role="img" aria-label={props.label}>
      <TimeLinesChart {...props} />
    </div>
  );
}

/** Bars per category; several series side by side (or stacked). */
export function Bars(props: BarsProps) {
  return (
    <div className="h-64 w-full" role="img" aria-label={props.label}>
      <BarsChart {...props} />
    </div>
  );
}

/** A KPI's trend as a plain SVG line (gaps where there is no value): no chart library needed. */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const nums = values.filter((v): v is number => v !== null);
  const min = Math.min(...nums);
  const span = Math.max(...nums) - min || 1;
  const x = (i: number) => (values.length > 1 ? (i / (values.length - 1)) * 100 : 50);
  const y = (v: number) => 38 - ((v - min) / span) * 36;
  const segments: string[][] = [[]];
  values.forEach((v, i) =>
    v === null ? segments.push([]) : segments.at(-1)!.push(`${x(i).toFixed(2)},${y(v).toFixed(2)}`),
  );
  return (
    <svg className="mt-1 h-10 w-full" viewBox="0 0 100 40" preserveAspectRatio="none" role="img" aria-label={label}>
      {segments
        .filter((s) => s.length > 0)
        .map((s, i) => (
          <polyline
            key={i}
            points={s.join(' ')}
            fill="none"
            stroke={PALETTE[0]}
            strokeWidth={2}
            vectorEffect="non-scaling-stroke"
            strokeLinejoin="round"
          />
        ))}
    </svg>
  );
}
