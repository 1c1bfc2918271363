import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded, type Embedded } from '@/test/embedded';
import { bearer, get, post, publishRuntime } from '@/test/runtime';
import { TEST_TOKENS } from '@/test/embedded';
import * as users from './users/route';
import * as user from './users/[username]/route';
import * as password from './session/password/route';
import * as session from './session/route';
import * as audit from './audit/route';
import * as deadLetters from './dead-letters/route';
import * as replay from './dead-letters/replay/route';
import * as discard from './dead-letters/discard/route';
import * as events from './events/route';
import { GET as order } from './orders/[order_id]/route';

let stack: Embedded;
beforeAll(async () => {
  stack = await startEmbedded();
  publishRuntime(stack);
});
afterAll(async () => stack?.stop());

const patch = (name: string, body: unknown) =>
  user.PATCH(
    new Request(`http://test/api/users/${name}`, {
      method: 'PATCH',
      body: JSON.stringify(body),
      headers: { ...bearer(TEST_TOKENS.admin), 'content-type': 'application/json' },
    }),
    { params: Promise.resolve({ username: name }) },
  );
const signIn = (username: string, pw: string) =>
  session.POST(
    new Request('http://test/api/session', {
      method: 'POST',
      body: JSON.stringify({ username, password: pw }),
      headers: { 'content-type': 'application/json', 'x-ops-peer': '198.51.100.77' },
    }),
  );
const auditOf = async (q: string) =>
  ((await (await audit.GET(get(`/api/audit?${q}`))).json()) as { entries: Record<string, unknown>[] }).entries;
const dls = async (status: string) =>
  (
    (await (await deadLetters.GET(get(`/api/dead-letters?status=${status}`))).json()) as {
      dead_letters: {
        dead_letter_id: string;
        event_id: string | null;
        outcome: { outcome: string; by: string } | null;
      }[];
    }
  ).dead_letters;

describe('admin: users, audit, dead letters', () => {
  it('every user change is audited with before and after; a reset password works and the old one does not', async () => {
    const created = await users.POST(
      post('/api/users', JSON.stringify({ username: 'nina', role: 'support', password: 'nina-password-0123' })),
    );
    expect(created.status).toBe(201);
    const changed = await patch('nina', { role: 'warehouse_manager', warehouses: ['DC-EU'] });
    expect(changed.status).toBe(200);
    expect((await changed.json()).user).toEqual({
      username: 'nina',
      role: 'warehouse_manager',
      warehouses: ['DC-EU'],
      disabled: false,
    });
    // The role change kept the password.
    expect((await signIn('nina', 'nina-password-0123')).status).toBe(200);
    const reset = await patch('nina', { reset_password: true });
    const fresh = (await reset.json()).password as string;
    expect(fresh).toMatch(/.{16,}/);
    expect((await signIn('nina', 'nina-password-0123')).status).toBe(401);
    expect((await signIn('nina', fresh)).status).toBe(200);

    const entries = await auditOf('record=nina');
    expect(entries.map((e) => e.type).sort()).toEqual(['user.create', 'user.reset_password', 'user.update']);
    const update = entries.find((e) => e.type === 'user.update')!;
    expect(update.before).toMatchObject({ role: 'support', warehouses: [] });
    expect(update.after).toMatchObject({ role: 'warehouse_manager', warehouses: ['DC-EU'] });
    expect(JSON.stringify(entries)).not.toContain('nina-password-0123');
    expect(JSON.stringify(entries)).not.toContain(fresh);
    // Filtered by action and by who did it.
    expect((await auditOf('type=user.create')).every((e) => e.type === 'user.create')).toBe(true);
    expect((await auditOf('actor=nobody-at-all')).length).toBe(0);
  });

  it('a manager needs a warehouse; an unknown user is 404; a bad body is 400', async () => {
    expect((await patch('nina', { role: 'warehouse_manager', warehouses: [] })).status).toBe(400);
    expect((await patch('ghost', { disabled: true })).status).toBe(404);
    expect((await patch('nina', { role: 'wizard' })).status).toBe(400);
  });

  it('a user changes their own password with the current one; a wrong one is refused and audited', async () => {
    await users.POST(
      post('/api/users', JSON.stringify({ username: 'omar', role: 'planner', password: 'omar-password-0123' })),
    );
    const res = await signIn('omar', 'omar-password-0123');
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const { csrf } = await res.json();
    const change = (current: string, next: string) =>
      password.POST(
        new Request('http://test/api/session/password', {
          method: 'POST',
          body: JSON.stringify({ current, next }),
          headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        }),
      );
    expect((await change('wrong-password-xx', 'omar-new-password-0123')).status).toBe(403);
    expect((await change('omar-password-0123', 'short')).status).toBe(400);
    expect((await change('omar-password-0123', 'omar-new-password-0123')).status).toBe(200);
    expect((await signIn('omar', 'omar-new-password-0123')).status).toBe(200);
    const entries = await auditOf('record=omar&type=user.change_password');
    expect(entries.map((e) => e.result).sort()).toEqual(['done', 'refused']);
  });

  it('replays a dead letter once it is valid (corrected), keeps one still invalid, and discards with a note', async () => {
    const bad = (id: string) => ({
      event_id: id,
      type: 'order.created',
      occurred_at: '2026-11-20T10:00:00Z',
      source: 'shop',
      schema_version: 1,
      data: { order_id: `O-${id}`, channel: 'web' },
    });
    const res = await events.POST(post('/api/events', JSON.stringify([bad('dl-a'), bad('dl-b'), bad('dl-c')])));
    expect(res.status).toBe(422);
    const open = await dls('open');
    const idOf = (e: string) => open.find((d) => d.event_id === e)!.dead_letter_id;
    const [a, b, c] = [idOf('dl-a'), idOf('dl-b'), idOf('dl-c')];

    // As sent, it is still invalid: said so, and it stays the one dead letter it was.
    const again = await (await replay.POST(post('/api/dead-letters/replay', JSON.stringify({ ids: [a] })))).json();
    expect(again.results[0]).toMatchObject({ dead_letter_id: a, status: 'still_invalid' });
    expect((await dls('all')).filter((d) => d.event_id === 'dl-a')).toHaveLength(1);

    const fixed = {
      ...bad('dl-a'),
      data: {
        order_id: 'O-dl-a',
        channel: 'web',
        customer_ref: 'c1',
        ship_by: '2026-11-21T10:00:00Z',
        lines: [{ sku: 'APP-1001', qty: 1, unit_price: 20, unit_cost: 8 }],
        shipping_charged: 0,
        fees: 0,
      },
    };
    const done = await (
      await replay.POST(post('/api/dead-letters/replay', JSON.stringify({ id: a, corrected: JSON.stringify(fixed) })))
    ).json();
    expect(done.results[0]).toMatchObject({ dead_letter_id: a, status: 'replayed', accepted: 1 });
    await stack.settled();
    const o = await order(get('/api/orders/O-dl-a'), { params: Promise.resolve({ order_id: 'O-dl-a' }) });
    expect(o.status).toBe(200);
    // Replayed once: a second replay is refused as already done.
    const twice = await (await replay.POST(post('/api/dead-letters/replay', JSON.stringify({ ids: [a] })))).json();
    expect(twice.results[0].status).toBe('already_done');

    const gone = await (
      await discard.POST(post('/api/dead-letters/discard', JSON.stringify({ ids: [b], note: 'test data' })))
    ).json();
    expect(gone).toEqual({ discarded: [b], skipped: [] });
    const after = await dls('all');
    expect(after.find((d) => d.dead_letter_id === a)!.outcome).toMatchObject({ outcome: 'replayed' });
    expect(after.find((d) => d.dead_letter_id === b)!.outcome).toMatchObject({ outcome: 'discarded' });
    expect((await dls('open')).map((d) => d.dead_letter_id)).toContain(c);
    expect((await dls('open')).map((d) => d.dead_letter_id)).not.toContain(a);
    const trail = await auditOf(`record=${a}`);
    expect(trail.map((e) => `${e.type}:${e.result}`).sort()).toEqual([
      'dead_letter.replay:done',
      'dead_letter.replay:refused',
      'dead_letter.replay:refused',
    ]);
  });
});
