import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example } from '@/lib/events/fixtures';
import { AVAILABLE_SQL, busyPosition, shuffled } from '@/test/busy';
import { startEmbedded, type Embedded } from '@/test/embedded';

let stack: Embedded;
beforeAll(async () => {
  stack = await startEmbedded();
});
afterAll(async () => stack?.stop());

describe('embedded ingest on real chDB', () => {
  it('stores every SPEC field, the raw JSON and unknown extras', async () => {
    const e = example('order.created', { order_id: 'IT-1', gift_note: 'happy birthday' });
    const r = await stack.post(e);
    expect(r).toEqual({ accepted: 1, rejected: [] });
    const [row] = await stack.rows<Record<string, unknown>>("SELECT * FROM order_events WHERE order_id = 'IT-1'");
    expect(row).toMatchObject({
      event_id: e.event_id,
      type: 'order.created',
      channel: 'web',
      customer_ref: 'C-1',
      warehouse_id: 'DC-EAST',
      shipping_charged: 4.95,
      fees: 1.2,
      'lines.sku': ['APP-1001'],
      'lines.qty': [2],
      'lines.unit_price': [25.5],
    });
    expect(row.ship_by).toBe('2026-11-20 22:00:00.000');
    expect(JSON.parse(String(row.raw)).data.gift_note).toBe('happy birthday');
  });

  it('counts a duplicate event_id once, within one request and across requests', async () => {
    const e = example('inventory.received', { sku: 'DUP-1' });
    expect((await stack.post([e, e])).accepted).toBe(2);
    await stack.post(e);
    const [{ n }] = await stack.rows<{ n: number }>("SELECT count() AS n FROM inventory_events WHERE sku = 'DUP-1'");
    expect(n).toBe(1);
  });

  it('rejects a malformed event with its reason, keeps it as a dead letter, and ingests the rest', async () => {
    const good = example('return.requested', { rma_id: 'RMA-IT-2' });
    const bad = { ...example('return.requested', { rma_id: 'RMA-IT-3' }), occurred_at: 'yesterday' };
    const r = await stack.post([good, bad]);
    expect(r.accepted).toBe(1);
    expect(r.rejected).toEqual([
      { index: 1, event_id: bad.event_id, errors: [{ path: 'occurred_at', message: expect.any(String) }] },
    ]);
    const dl = await stack.rows<{ reason: string; raw: string; stage: string }>(
      'SELECT reason, raw, stage FROM dead_letters WHERE event_id = {id:String}',
      { id: bad.event_id },
    );
    expect(dl).toHaveLength(1);
    expect(dl[0].stage).toBe('api');
    expect(dl[0].reason).toContain('occurred_at');
    expect(JSON.parse(dl[0].raw).occurred_at).toBe('yesterday');
    expect(await stack.rows("SELECT 1 FROM return_events WHERE rma_id = 'RMA-IT-2'")).toHaveLength(1);
  });

  it('dead-letters a malformed NDJSON line by line number and ingests the other lines', async () => {
    const a = example('carrier.delivered', { order_id: 'ND-1' });
    const b = example('carrier.delivered', { order_id: 'ND-2' });
    const r = await stack.post(
      `${JSON.stringify(a)}\n{"event_id": "broken"\n${JSON.stringify(b)}\n`,
      'application/x-ndjson',
    );
    expect(r.accepted).toBe(2);
    expect(r.rejected).toMatchObject([{ index: 1, line: 2 }]);
    expect(await stack.rows('SELECT 1 FROM dead_letters WHERE raw = \'{"event_id": "broken"\'')).toHaveLength(1);
    expect(await stack.rows("SELECT order_id FROM carrier_events WHERE order_id IN ('ND-1','ND-2')")).toHaveLength(2);
  });

  it('keeps data and duplicate detection across a restart', async () => {
    const e = example('order.picked', { order_id: 'RS-1' });
    await stack.post(e);
    const dir = stack.dir;
    await stack.stop();
    stack = await startEmbedded({ dir });
    await stack.post(e);
    const [{ n }] = await stack.rows<{ n: number }>("SELECT count() AS n FROM order_events WHERE order_id = 'RS-1'");
    expect(n).toBe(1);
    expect(await stack.rows("SELECT 1 FROM order_events WHERE order_id = 'IT-1'")).toHaveLength(1);
  });

  it('counts each event of a busy position once: 1,200 with tied times, resent twice, and again after a restart', async () => {
    const events = busyPosition('BUSY-1', 1200);
    const available = async () =>
      Number((await stack.rows<{ n: number }>(AVAILABLE_SQL, { sku: 'BUSY-1', location: 'DC-EAST' }))[0].n);
    const stored = async () =>
      Number(
        (await stack.rows<{ n: number }>("SELECT count() AS n FROM inventory_events FINAL WHERE sku = 'BUSY-1'"))[0].n,
      );
    // The reported case first: 450 at one instant, then the same 450 again.
    await stack.post(events.slice(0, 450));
    await stack.post(events.slice(0, 450));
    expect(await available()).toBe(450);
    for (let i = 450; i < events.length; i += 250) await stack.post(events.slice(i, i + 250));
    await stack.post(shuffled(events, 3));
    for (const [i, e] of shuffled(events, 5).entries())
      if (i % 97 === 0) await stack.post(shuffled(events, i).slice(0, 300).concat(e));
    expect([await available(), await stored()]).toEqual([1200, 1200]);
    const dir = stack.dir;
    await stack.stop();
    stack = await startEmbedded({ dir });
    await stack.post(shuffled(events, 11));
    expect([await available(), await stored()]).toEqual([1200, 1200]);
  });

  it('records freshness: newest event applied and event counts per family', async () => {
    const rows = await stack.rows<{ family: string; events: number }>(
      'SELECT family, sum(events) AS events FROM freshness GROUP BY family ORDER BY family',
    );
    expect(rows.find((r) => r.family === 'orders')?.events).toBe(2);
  });
});
