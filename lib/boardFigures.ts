import type { KpiTrendBase } from './kpis';

/** Margin % over every channel of a window: 100 × Σ margin / Σ revenue, null without revenue. */
export function marginPctOf(rows: KpiTrendBase['channel_margin']): number | null {
  const revenue = rows.reduce((s, c) => s + c.revenue, 0);
  const margin = rows.reduce((s, c) => s + c.margin, 0);
  return revenue > 0 ? (100 * margin) / revenue : null;
}

export interface BoardFigure {
  key: string;
  label: string;
  value: number | null;
  previous: number | null;
  unit: '%' | 'h' | '';
  /** Which way is good news. */
  better: 'up' | 'down';
}

/**
 * The executive board's five tiles as numbers, against the same length of time just before: the
 * figures the board shows and the daily digest mails. `current.exception_queues.open` is open now;
 * the previous period's is what was open at its end.
 */
export function boardFigures(current: KpiTrendBase, previous: KpiTrendBase): BoardFigure[] {
  return [
    {
      key: 'inventory_accuracy',
      label: 'Inventory accuracy',
      value: current.inventory_accuracy.pct,
      previous: previous.inventory_accuracy.pct,
      unit: '%',
      better: 'up',
    },
    {
      key: 'refund_cycle_time',
      label: 'Refund cycle time (p50, receipt → refund)',
      value: current.refund_cycle_time.received_to_refund_hours.p50,
      previous: previous.refund_cycle_time.received_to_refund_hours.p50,
      unit: 'h',
      better: 'down',
    },
    {
      key: 'open_exceptions',
      label: 'Open exceptions',
      value: current.exception_queues.open,
      previous: previous.exception_queues.open_at_end,
      unit: '',
      better: 'down',
    },
    {
      key: 'channel_margin',
      label: 'Channel margin',
      value: marginPctOf(current.channel_margin),
      previous: marginPctOf(previous.channel_margin),
      unit: '%',
      better: 'up',
    },
    {
      key: 'on_time_ship_rate',
      label: 'On-time ship rate',
      value: current.fulfilment.on_time_ship_pct,
      previous: previous.fulfilment.on_time_ship_pct,
      unit: '%',
      better: 'up',
    },
  ];
}

/**
 * The largest movers: figures ranked by their change relative to the previous value (a change from
 * nothing counts as the largest), those with both values first; at most `n`.
 */
export function largestMovers(figures: BoardFigure[], n = 3): BoardFigure[] {
  const size = (f: BoardFigure) =>
    f.value === null || f.previous === null
      ? -1
      : f.previous === 0
        ? f.value === 0
          ? 0
          : Infinity
        : Math.abs(f.value - f.previous) / Math.abs(f.previous);
  return figures
    .filter((f) => size(f) > 0)
    .sort((a, b) => size(b) - size(a))
    .slice(0, n);
}
