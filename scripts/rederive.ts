/**
 * Rebuilds derived tables from the raw events, so a new measure or a fixed rule applies to history:
 *
 *   npm run rederive                                   # every entity
 *   npm run rederive -- --since 2026-11-01T00:00:00Z   # entities with an event since then
 *   npm run rederive -- --family orders --family returns
 *
 * It queues the entities; the processor re-derives them through their topics, in order with their
 * live events (at its next start, or within 15 s while running). In embedded mode chDB binds its data
 * directory to one process: stop `npm start` first (it re-derives when it starts again); with
 * CLICKHOUSE_URL the running processor picks the queue up.
 */
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@/lib/config';
import { FAMILIES, type Family } from '@/lib/events';
import { openStore } from '@/lib/store/client';
import { migrate } from '@/lib/store/migrate';
import { queueRederive } from '@/stream-processor/rederive';

const { values } = parseArgs({ options: { since: { type: 'string' }, family: { type: 'string', multiple: true } } });
const since = values.since ? new Date(values.since) : undefined;
if (since && Number.isNaN(since.getTime())) {
  console.error(`--since ${values.since}: not a time (use ISO-8601, e.g. 2026-11-01T00:00:00Z)`);
  process.exit(2);
}
const unknown = (values.family ?? []).filter((f) => !(FAMILIES as readonly string[]).includes(f));
if (unknown.length > 0) {
  console.error(`--family ${unknown.join(', ')}: not one of ${FAMILIES.join(', ')}`);
  process.exit(2);
}
const config = loadConfigOrExit();
const store = await openStore(config).catch((err: Error) => {
  console.error(`cannot open the store (${err.message}); in embedded mode stop the server first`);
  process.exit(1);
});
try {
  await migrate(store.client);
  const queued = await queueRederive(store.client, { since, families: values.family as Family[] | undefined });
  for (const [family, n] of Object.entries(queued)) console.log(`${family}\t${n} entities queued`);
  console.log('the processor re-derives them at its next start, or within 15 s while running');
} finally {
  await store.close();
}
