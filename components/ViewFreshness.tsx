import { getFreshness, summarizeFreshness } from '@/lib/queries/getFreshness';
import { historyLoad } from '@/lib/live/history';
import { getRuntime } from '@/lib/runtime';
import { Freshness } from './Freshness';
import { nowDate } from '@/lib/clock';

/** Server side: reads the store's freshness for a view; the client line then follows kpi:update. */
export async function ViewFreshness() {
  const rt = getRuntime();
  const f = summarizeFreshness(await getFreshness(rt.store.reader));
  return (
    <div className="mb-3">
      <Freshness initial={f} history={historyLoad(rt)} renderedAt={nowDate().toISOString()} />
    </div>
  );
}
