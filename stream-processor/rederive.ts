import type { Bus } from '@/lib/bus/types';
import { FAMILIES, TOPICS, type Family } from '@/lib/events';
import type { Logger } from '@/lib/log';
import { queryRows, type Store } from '@/lib/store/client';
import { REDERIVE_HEADER } from './prepare';
import { RAW_KEY_SQL, RAW_TABLE } from './rows';

const CHUNK = 10_000;

/**
 * Sends every entity queued in `rederive_queue` (by a migration, or `npm run rederive`) to its
 * topic as a re-derive request, keyed like its events, so the partition's owner re-derives it in
 * turn with its own batches: never two passes over one entity at once. Then empties the queue.
 * Sending twice (two processors starting together) only re-derives twice, which changes nothing.
 */
export async function drainRederiveQueue(store: Store, bus: Bus, log: Logger): Promise<number> {
  const [{ n, upto }] = await queryRows<{ n: number; upto: string }>(
    store,
    `SELECT count() AS n, toString(max(requested_at)) AS upto FROM rederive_queue`,
  );
  if (Number(n) === 0) return 0;
  log.info({ entities: Number(n) }, 're-deriving stored entities from their events');
  let sent = 0;
  for (let after = ''; ;) {
    const rows = await queryRows<{ id: string; family: Family; key: string }>(
      store,
      `SELECT concat(family, ':', key) AS id, family, key FROM rederive_queue WHERE requested_at <= {upto:DateTime64(3)} AND concat(family, ':', key) > {after:String}
       GROUP BY family, key ORDER BY id LIMIT ${CHUNK}`,
      { upto, after },
    );
    if (rows.length === 0) break;
    for (const family of FAMILIES) {
      const mine = rows.filter((r) => r.family === family);
      if (mine.length > 0)
        await bus.publish(
          TOPICS[family],
          mine.map((r) => ({ key: r.key, value: '', headers: { [REDERIVE_HEADER]: '1' } })),
        );
    }
    sent += rows.length;
    after = rows[rows.length - 1].id;
  }
  await store.command({
    query: `DELETE FROM rederive_queue WHERE requested_at <= {upto:DateTime64(3)}`,
    query_params: { upto },
  });
  log.info({ entities: sent }, 're-derive requests sent');
  return sent;
}

/**
 * Queues for re-derivation every entity with an event that happened at or after `since` (all
 * entities without it), in `families` (default all): a new measure or a fixed rule then applies to
 * history. A running processor picks the queue up within its drain interval; one that starts, at once.
 */
export async function queueRederive(
  store: Store,
  opts: { since?: Date; families?: readonly Family[] } = {},
): Promise<Record<Family, number>> {
  const since = (opts.since ?? new Date(0)).toISOString().replace('T', ' ').replace('Z', '');
  const queued = {} as Record<Family, number>;
  for (const family of opts.families ?? FAMILIES)
    queued[family] = await queueWhere(store, family, 'occurred_at >= {since:DateTime64(3)}', { since });
  return queued;
}

/**
 * Queues for re-derivation the entities with raw events written since the last batch whose
 * derivation completed (freshness): an action's events are answered once on record, before they
 * are derived (PublishOptions `stored`), so a process that died between the two left them
 * underived. Re-deriving more than that changes nothing; run at every start.
 */
export async function queueUnderived(store: Store): Promise<number> {
  // At or after: the batch after the last derived one can carry the same millisecond (both are
  // taken at once when a backlog waits, and appended while the one before is derived).
  const since = "ingested_at >= (SELECT coalesce(max(applied_at), toDateTime64(0, 3, 'UTC')) FROM freshness)";
  let n = 0;
  for (const family of FAMILIES) n += await queueWhere(store, family, since);
  return n;
}

/** Queues a family's entities with a raw event matching `where`; returns how many. */
async function queueWhere(store: Store, family: Family, where: string, params: Record<string, unknown> = {}) {
  const key = RAW_KEY_SQL[family];
  const from = `FROM ${RAW_TABLE[family]} WHERE ${where}`;
  const [{ n }] = await queryRows<{ n: number }>(store, `SELECT uniqExact(${key}) AS n ${from}`, params);
  if (Number(n) > 0)
    await store.command({
      query: `INSERT INTO rederive_queue SELECT {family:String}, ${key}, now64(3) ${from} GROUP BY ${key}`,
      query_params: { ...params, family },
    });
  return Number(n);
}
