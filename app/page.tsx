import { getRuntime } from '@/lib/runtime';
import { getFreshness } from '@/lib/queries/getFreshness';
import { LiveCounts } from '@/components/LiveCounts';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const freshness = await getFreshness(getRuntime().store.reader);
  return <LiveCounts initial={{ at: new Date().toISOString(), freshness }} />;
}
