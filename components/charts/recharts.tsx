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
export function TimeLinesChart({ rows, series, unit = '', nameOf, yLabel }: TimeLinesProps) {
  const span = rows.length > 1 ? Date.parse(String(rows.at(-1)!.bucket)) - Date.parse(String(rows[0].bucket)) : 0;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis
          dataKey="bucket"
          tickFormatter={(v) => tick(String(v), span)}
          tick={{ fill: '#334155', fontSize: 12 }}
          label={{ value: 'time (your zone)', position: 'insideBottom', offset: -8, fill: '#334155', fontSize: 12 }}
        />
        <YAxis
          tick={{ fill: '#334155', fontSize: 12 }}
          tickFormatter={(v: number) => `${fmtCompact(v)}${unit ?? ''}`}
          width={56}
          allowDecimals={false}
          label={
            yLabel ? { value: yLabel, angle: -90, position: 'insideLeft', fill: '#334155', fontSize: 12 } : undefined
          }
        />
        <Tooltip labelFormatter={(v) => new Date(String(v)).toLocaleString()} />
        <Legend />
        {series.map((s, i) => (
          // Straight segments between counted buckets, each bucket marked: no curve invents values between them.
          <Line
            key={s}
            type="linear"
            dataKey={s}
            name={nameOf?.(s) ?? s}
            stroke={PALETTE[i % PALETTE.length]}
            strokeWidth={2}
            dot={{ r: 2 }}
            isAnimationActive={false}
            connectNulls
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Bars per category; several series side by side (or stacked). */
export function BarsChart({ rows, x, series, stacked = false, unit = '', yLabel }: BarsProps) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis dataKey={x} tick={{ fill: '#334155', fontSize: 12 }} />
        <YAxis
          tick={{ fill: '#334155', fontSize: 12 }}
          tickFormatter={(v: number) => `${fmtCompact(v)}${unit ?? ''}`}
          width={56}
          label={
            yLabel ? { value: yLabel, angle: -90, position: 'insideLeft', fill: '#334155', fontSize: 12 } : undefined
          }
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
