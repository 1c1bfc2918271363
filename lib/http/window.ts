import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });
const name = z.string().max(128).regex(/^[\w.@:-]*$/, 'letters, digits and . _ - @ : only');
const DAY = 86_400_000;

/**
 * `from`, `to` (ISO-8601 with offset; default: the last 24 hours), `channel`, `warehouse`. The
 * window must be non-empty and at most 400 days.
 */
export const windowQuery = z
  .object({ from: isoTime.optional(), to: isoTime.optional(), channel: name.optional(), warehouse: name.optional() })
  .transform((q) => {
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - DAY);
    return { from, to, channel: q.channel ?? '', warehouse: q.warehouse ?? '' };
  })
  .refine((w) => w.from < w.to, { message: 'from must be before to', path: ['from'] })
  .refine((w) => w.to.getTime() - w.from.getTime() <= 400 * DAY, { message: 'the window may span at most 400 days', path: ['from'] });
