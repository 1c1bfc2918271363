import { z } from 'zod';
import type { Window } from '../queries/params';
import { nowDate } from '../clock';

const isoTime = z.iso.datetime({ offset: true });
const name = z.string().max(128).regex(/^[\w.@:-]*$/, 'letters, digits and . _ - @ : only');
const DAY = 86_400_000;

/**
 * A query with the KPI window: `from`, `to` (ISO-8601 with offset; default the last 24 hours),
 * `channel`, `warehouse`, plus the route's own parameters. The window must be non-empty and at
 * most 400 days; `from`/`to` become Dates, the filters '' when absent. The route adds the caller's
 * warehouse scope (lib/auth/scope.ts), which is what queries filter by.
 */
export function withWindow<S extends z.ZodRawShape>(extra: S) {
  return z
    .object({ from: isoTime.optional(), to: isoTime.optional(), channel: name.optional(), warehouse: name.optional(), ...extra })
    .transform((raw) => {
      const q = raw as { from?: string; to?: string; channel?: string; warehouse?: string } & z.output<z.ZodObject<S>>;
      const to = q.to ? new Date(q.to) : nowDate();
      const from = q.from ? new Date(q.from) : new Date(to.getTime() - DAY);
      return { ...q, from, to, channel: q.channel ?? '', warehouse: q.warehouse ?? '' } as Omit<typeof q, keyof Window> & Omit<Window, 'scope'> & { warehouse: string };
    })
    .refine((w) => w.from < w.to, { message: 'from must be before to', path: ['from'] })
    .refine((w) => w.to.getTime() - w.from.getTime() <= 400 * DAY, { message: 'the window may span at most 400 days', path: ['from'] });
}
