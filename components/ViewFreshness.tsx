import { getFreshness, summarizeFreshness } from '@/lib/queries/getFreshness';
import { getRuntime } from '@/lib/runtime';
import { Freshness } from './Freshness';
import { nowDate } from '@/lib/clock';

/** Server side: reads the store's freshness for a view; the client line then follows kpi:update. */
export async function ViewFreshness() {
  const f = summarizeFreshness(await getFreshness(getRuntime().store.reader));
  return (
    <div className="mb-3">
      <Freshness initial={f} renderedAt={nowDate().toISOString()} />
    </div>
  );
}
