import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example } from '@/lib/events/fixtures';
import { startEmbedded, TEST_TOKENS, type Embedded } from '@/test/embedded';
import { bearer, health, post, publishRuntime } from '@/test/runtime';
import { POST as ingest } from './events/route';
import { GET as ready } from './ready/route';

let stack: Embedded;
beforeAll(async () => {
  // A small bound, and a processor that gathers for 1.5 s, so work stays pending long enough to see.
  stack = await startEmbedded({ env: { OPS_INGEST_MAX_PENDING: '200', OPS_BATCH_WAIT_MS: '1500' } });
  publishRuntime(stack);
});
afterAll(async () => stack?.stop());

const events = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => example('inventory.received', { sku: `${prefix}-${i}` }));
const send = (body: unknown[], token = TEST_TOKENS.admin) =>
  ingest(post('/api/events', JSON.stringify(body), { ...bearer(token), 'content-type': 'application/json' }));
const stored = async (prefix: string) =>
  Number(
    (
      await stack.rows<{ n: number }>('SELECT count() AS n FROM inventory_events WHERE startsWith(sku, {p:String})', {
        p: `${prefix}-`,
      })
    )[0].n,
  );

describe('ingest under overload', () => {
  it('takes a bounded amount of unprocessed work, refuses the rest whole with 503 or 429 and Retry-After, and processes nothing it refused', async () => {
    const first = send(events('A', 150)); // pending until the processor's 1.5 s gathering ends
    await new Promise((r) => setTimeout(r, 100));
    const [other, same] = await Promise.all([send(events('B', 100), TEST_TOKENS.integration), send(events('C', 10))]);
    expect(other.status).toBe(503); // 150 + 100 over the bound of 200
    expect(Number(other.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await other.json()).error.code).toBe('overloaded');
    expect(same.status).toBe(429); // this caller already holds 150 of the 120 it may
    expect(same.headers.get('retry-after')).not.toBeNull();

    // Liveness answers while work is pending (from memory: it never queues behind the store).
    const h = await health();
    expect(h.status).toBe(200);
    expect((await h.json()).ingest).toEqual({ pending: 150, max_pending: 200 });

    expect((await first).status).toBe(200);
    await stack.settled();
    expect([await stored('A'), await stored('B'), await stored('C')]).toEqual([150, 0, 0]);
    // With the work done, the same requests are taken.
    expect((await send(events('B', 100), TEST_TOKENS.integration)).status).toBe(200);
    expect(await stored('B')).toBe(100);
  });

  it('says it is ready when store and bus answer and the processor keeps up', async () => {
    const res = await ready();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ready: true,
      reasons: [],
      pending: 0,
      store: { ok: true },
      bus: { ok: true },
    });
  });
});
