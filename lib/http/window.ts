import { z } from 'zod';
import type { Window } from '../queries/params';
import { nowDate } from '../clock';
import { parseWindow } from '../window';

/**
 * A query with the KPI window (lib/window.ts: `from`/`to` or `range`, `channel`, `warehouse`; default
 * the last 24 hours) plus the route's own parameters; `from`/`to` become Dates, the filters '' when
 * absent. The route adds the caller's warehouse scope (lib/auth/scope.ts), which queries filter by.
 */
export function withWindow<S extends z.ZodRawShape>(extra: S) {
  const text = z.string().max(64).optional();
  return z
    .object({
      from: text,
      to: text,
      range: text,
      channel: z.string().max(256).optional(),
      warehouse: z.string().max(256).optional(),
      ...extra,
    })
    .transform((raw, ctx) => {
      const q = raw as { from?: string; to?: string; range?: string; channel?: string; warehouse?: string } & z.output<
        z.ZodObject<S>
      >;
      const parsed = parseWindow(q, nowDate());
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', path: [parsed.issue.path], message: parsed.issue.message });
        return z.NEVER;
      }
      const { from, to, channel, warehouse } = parsed.window;
      return { ...q, from, to, channel, warehouse } as Omit<typeof q, keyof Window | 'range'> &
        Omit<Window, 'scope'> & { warehouse: string };
    });
}
