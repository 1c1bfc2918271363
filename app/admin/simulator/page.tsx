import { AdminNav } from '@/components/admin/AdminNav';
import { SimulatorKnobs } from '@/components/admin/SimulatorKnobs';
import { EmptyState, PageHeader } from '@/components/ui';
import { ViewFreshness } from '@/components/ViewFreshness';
import { requireView } from '@/lib/auth/page';
import { getRuntime } from '@/lib/runtime';
import { KNOB_OPTIONS } from '@/lib/simulator/knobs';

export const dynamic = 'force-dynamic';

/** Admin: the built-in simulator's demo knobs (carrier delay, return surge, slow warehouse, rate). */
export default async function SimulatorPage() {
  await requireView('admin');
  const sim = getRuntime().services.simulator;
  return (
    <>
      <PageHeader title="Simulator" />
      <AdminNav />
      <ViewFreshness />
      {sim ? (
        <SimulatorKnobs status={sim.status()} options={KNOB_OPTIONS} />
      ) : (
        <EmptyState>The simulator is off in this process (OPS_SIMULATOR=off, or a distributed web replica).</EmptyState>
      )}
    </>
  );
}
