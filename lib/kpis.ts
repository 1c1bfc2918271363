import type { ExceptionCategory } from './events';
import type { Store } from './store/client';
import { getChannelMargin } from './queries/getChannelMargin';
import { getExceptionQueues } from './queries/getExceptionQueues';
import { getFreshness, summarizeFreshness } from './queries/getFreshness';
import { getFulfilment } from './queries/getFulfilment';
import { getHeldInventory } from './queries/getHeldInventory';
import { getInventoryAccuracy, type Tolerance } from './queries/getInventoryAccuracy';
import { getRefundCycleTime } from './queries/getRefundCycleTime';
import { getReturnsSummary } from './queries/getReturnsSummary';
import type { Window } from './queries/params';
import { nowDate } from './clock';

export type Kpis = Awaited<ReturnType<typeof getKpis>>;

export type KpiOptions = { tolerance: Tolerance; slaMinutes: Record<ExceptionCategory, number>; now?: Date };

/** The figures that depend on the window: all the board compares with the previous period. */
export async function getKpiTrendBase(store: Store, w: Window, opts: KpiOptions) {
  const [inventory_accuracy, refund_cycle_time, exception_queues, channel_margin, fulfilment] = await Promise.all([
    getInventoryAccuracy(store, w, opts.tolerance),
    getRefundCycleTime(store, w),
    getExceptionQueues(store, w, opts.slaMinutes, opts.now ?? nowDate()),
    getChannelMargin(store, w),
    getFulfilment(store, w),
  ]);
  return { inventory_accuracy, refund_cycle_time, exception_queues, channel_margin, fulfilment };
}
export type KpiTrendBase = Awaited<ReturnType<typeof getKpiTrendBase>>;

/** GET /api/kpis: every SPEC section 4 figure for one window, queried in parallel from the fact tables. */
export async function getKpis(store: Store, w: Window, opts: KpiOptions) {
  const [windowed, returns, held, freshness] = await Promise.all([
    getKpiTrendBase(store, w, opts),
    getReturnsSummary(store, w),
    getHeldInventory(store, w.scope),
    getFreshness(store),
  ]);
  return {
    window: {
      from: w.from.toISOString(),
      to: w.to.toISOString(),
      ...(w.channel ? { channel: w.channel } : {}),
      ...(w.warehouse ? { warehouse: w.warehouse } : {}),
    },
    ...windowed,
    returns: { ...returns, held_inventory: held },
    freshness: summarizeFreshness(freshness),
  };
}
