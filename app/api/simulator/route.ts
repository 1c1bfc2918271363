import { readJson, SMALL_BODY_BYTES } from '@/lib/http/body';
import { guard } from '@/lib/auth/guard';
import { apiError, json } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime';
import { knobsInput } from '@/lib/simulator/knobs';
import { auditChange } from '@/lib/admin/audit';

export const dynamic = 'force-dynamic';

/** GET /api/simulator: the built-in simulator's state (admin). */
export async function GET(req: Request) {
  const g = await guard(req, 'simulator:manage');
  if ('response' in g) return g.response;
  const sim = getRuntime().services.simulator;
  return sim ? json(sim.status()) : apiError(404, 'no_simulator', 'the simulator is off (OPS_SIMULATOR)');
}

/** POST /api/simulator: demo knobs — { carrier_delay, return_surge, slow_warehouse, rate } (admin). */
export async function POST(req: Request) {
  const g = await guard(req, 'simulator:manage');
  if ('response' in g) return g.response;
  const sim = getRuntime().services.simulator;
  if (!sim) return apiError(404, 'no_simulator', 'the simulator is off (OPS_SIMULATOR)');
  const raw = await readJson(req, SMALL_BODY_BYTES);
  if ('response' in raw) return raw.response;
  const body = knobsInput.safeParse(raw.value);
  if (!body.success)
    return apiError(400, 'invalid_body', body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const before = sim.status().knobs;
  const status = sim.configure(body.data);
  await auditChange(getRuntime().store.client, g.principal, {
    type: 'simulator.configure',
    record: 'simulator',
    before,
    after: body.data,
  });
  return json(status);
}
