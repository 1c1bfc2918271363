'use client';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { fmtCompact } from '../format';
import { PALETTE, type BarsProps, type TimeLinesProps } from './types';

const tick = (iso: string, span: number) =>
  new Date(iso).toLocaleString(
    undefined,
    span > 2 * 86_400_000 ? { month: 'short', day: 'numeric' } : { hour: '2-digit', minute: '2-digit' },
  );

/** recharts, loaded after the page is interactive (components/charts/index.tsx). Lines per series over time: `rows` are { bucket, [series]: value }. */
export function TimeLinesChart({ rows, series, unit = '' }: TimeLinesProps) {
  const span = rows.length > 1 ? Date.parse(String(rows.at(-1)!.bucket)) - Date.parse(String(rows[0].bucket)) : 0;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis dataKey="bucket" tickFormatter={(v) => tick(String(v), span)} tick={{ fill: '#334155', fontSize: 12 }} />
        <YAxis
          tick={{ fill: '#334155', fontSize: 12 }}
          tickFormatter={(v: number) => `${fmtCompact(v)}${unit ?? ''}`}
          width={56}
        />
        <Tooltip labelFormatter={(v) => new Date(String(v)).toLocaleString()} />
        <Legend />
        {series.map((s, i) => (
          <Line
            key={s}
            type="monotone"
            dataKey={s}
            stroke={PALETTE[i % PALETTE.length]}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Bars per category; several series side by side (or stacked). */
export function BarsChart({ rows, x, series, stacked = false, unit = '' }: BarsProps) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis dataKey={x} tick={{ fill: '#334155', fontSize: 12 }} />
        <YAxis
          tick={{ fill: '#334155', fontSize: 12 }}
          tickFormatter={(v: number) => `${fmtCompact(v)}${unit ?? ''}`}
          width={56}
        />
        <Tooltip />
        <Legend />
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            fill={PALETTE[i % PALETTE.length]}
            stackId={stacked ? 'a' : undefined}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
