import { z } from 'zod';
import { now as clockNow } from '../clock';

/** The query fields of the admin lists (dead letters, deliveries): from when, and how many at most. */
export const LIST_QUERY = {
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
};

/** `since` as asked, else `days` before now on the server's clock. */
export const sinceOr = (since: string | undefined, days: number) =>
  since ? new Date(since) : new Date(clockNow() - days * 86_400_000);
