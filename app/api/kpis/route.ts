import { z } from 'zod';
import { getRuntime } from '@/lib/runtime';
import { guard } from '@/lib/auth/guard';
import { scopeFor } from '@/lib/auth/scope';
import { json, parseQuery } from '@/lib/http/respond';
import { withWindow } from '@/lib/http/window';
import { getKpis } from '@/lib/kpis';

export const dynamic = 'force-dynamic';

const query = withWindow({
  tolerance_units: z.coerce.number().int().min(0).max(1_000_000).optional(),
  tolerance_pct: z.coerce.number().min(0).max(100).optional(),
});

/** GET /api/kpis?from&to&channel&warehouse[&tolerance_units&tolerance_pct]: SPEC section 4. */
export async function GET(req: Request) {
  const g = await guard(req, 'kpis:get');
  if ('response' in g) return g.response;
  const rt = getRuntime();
  const q = parseQuery(query, req.url);
  if (!q.ok) return q.response;
  const { counts, slaMinutes } = rt.config;
  const tolerance = {
    units: q.value.tolerance_units ?? counts.toleranceUnits,
    pct: q.value.tolerance_pct ?? counts.tolerancePct,
  };
  return json(
    await getKpis(
      rt.store.reader,
      { ...q.value, scope: scopeFor(g.principal, q.value.warehouse) },
      { tolerance, slaMinutes },
    ),
  );
}
