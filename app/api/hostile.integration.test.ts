import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveUser } from '@/lib/auth/users';
import { limiterClock } from '@/lib/http/rateLimit';
import type { Embedded } from '@/test/embedded';
import { ADMIN_TOKEN, bearer, get, health, startScenarioRuntime } from '@/test/runtime';
import { EVENTS } from '@/test/scenario';
import * as events from './events/route';
import * as actions from './actions/route';
import * as session from './session/route';
import { GET as kpis } from './kpis/route';
import { GET as orders } from './orders/route';
import { GET as order } from './orders/[order_id]/route';
import { GET as reasons } from './returns/reasons/route';
import { GET as exceptions } from './exceptions/route';
import { GET as alerts } from './alerts/route';
import { GET as audit } from './audit/route';
import { GET as deadLetters } from './dead-letters/route';

let stack: Embedded;
beforeAll(async () => {
  stack = await startScenarioRuntime({
    env: { OPS_MAX_BODY_MB: '0.1', OPS_INGEST_RATE: '100', OPS_TRUSTED_PROXIES: '10.0.0.0/8' },
  });
});
afterAll(async () => stack?.stop());

const ingest = (body: string | ReadableStream, headers: Record<string, string> = {}) =>
  events.POST(
    new Request('http://test/api/events', {
      method: 'POST',
      body,
      headers: { ...bearer(ADMIN_TOKEN), 'content-type': 'application/json', ...headers },
      duplex: 'half',
    } as RequestInit),
  );
const good = (id: string) => ({
  ...EVENTS.find((e) => e.type === 'order.created')!,
  event_id: id,
  data: { ...(EVENTS.find((e) => e.type === 'order.created')!.data as object), order_id: `H-${id}` },
});
const stored = async (ids: string[]) =>
  (
    await stack.rows<{ n: number }>(
      'SELECT count() AS n FROM order_events FINAL WHERE event_id IN {ids:Array(String)}',
      { ids },
    )
  )[0].n;
const deadLettered = async (needle: string) =>
  (
    await stack.rows<{ n: number }>('SELECT count() AS n FROM dead_letters WHERE position(raw, {needle:String}) > 0', {
      needle,
    })
  )[0].n;

describe('hostile input: clear refusals, the server stays up, no accepted event is lost', () => {
  it('a body over the limit is a 413 (declared or streamed), and nothing of it is stored', async () => {
    const big = JSON.stringify([good('big-1'), { ...good('big-2'), pad: 'x'.repeat(120_000) }]);
    const res = await ingest(big);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatchObject({ code: 'payload_too_large' });
    // No Content-Length: the stream is cut off once it passes the limit.
    const chunk = new TextEncoder().encode(' '.repeat(16_384));
    let sent = 0;
    const stream = new ReadableStream({ pull: (c) => (sent++ < 100 ? c.enqueue(chunk) : c.close()) });
    expect((await ingest(stream)).status).toBe(413);
    expect(sent).toBeLessThan(20);
    expect(await stored(['big-1'])).toBe(0);
  });

  it('malformed JSON is a 400 naming line and column', async () => {
    const res = await ingest('{\n  "event_id": "x",\n  "type": }');
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/line 3, column 11/);
  });

  it('NDJSON: a malformed line is rejected with its number and kept; the other lines are ingested', async () => {
    const body = [JSON.stringify(good('nd-1')), '{"event_id": "nd-broken", ', JSON.stringify(good('nd-2'))].join('\n');
    const res = await ingest(body, { 'content-type': 'application/x-ndjson' });
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r.accepted).toBe(2);
    expect(r.rejected).toEqual([expect.objectContaining({ index: 1, line: 2 })]);
    await stack.settled();
    expect(await stored(['nd-1', 'nd-2'])).toBe(2);
    expect(await deadLettered('nd-broken')).toBe(1);
  });

  it('deep nesting and huge strings are refused per event and kept as dead letters; the rest of the batch lands', async () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const body = JSON.stringify([
      good('ok-1'),
      { ...good('deep-1'), extra: deep },
      { ...good('long-1'), note: 'y'.repeat(70_000).slice(0, 40_000) + 'z'.repeat(30_000) },
      good('ok-2'),
    ]);
    const res = await ingest(body);
    const r = await res.json();
    expect(r.accepted).toBe(2);
    expect(
      r.rejected.map((x: { event_id: string; errors: { message: string }[] }) => [x.event_id, x.errors[0].message]),
    ).toEqual([
      ['deep-1', expect.stringMatching(/nested deeper than 16 levels/)],
      ['long-1', expect.stringMatching(/string of 70000 characters/)],
    ]);
    await stack.settled();
    expect(await stored(['ok-1', 'ok-2', 'deep-1', 'long-1'])).toBe(2);
    expect(await deadLettered('deep-1')).toBe(1);
  });

  it('a JSON document nested 40,000 deep is a clear 400, not a crash', async () => {
    const res = await ingest('['.repeat(40_000) + ']'.repeat(40_000));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/nested deeper than 256 levels/);
    expect((await health()).status).toBe(200);
  });

  it('actions: over 64 KB is a 413, malformed JSON a 400, deep nesting a 400', async () => {
    const post = (body: string) =>
      actions.POST(
        new Request('http://test/api/actions', {
          method: 'POST',
          body,
          headers: { ...bearer(ADMIN_TOKEN), 'content-type': 'application/json' },
        }),
      );
    expect(
      (
        await post(
          JSON.stringify({ action_id: 'a', type: 'alert.acknowledge', payload: { alert_id: 'x'.repeat(70_000) } }),
        )
      ).status,
    ).toBe(413);
    expect((await post('{"action_id": ')).status).toBe(400);
    let deep: unknown = 1;
    for (let i = 0; i < 30; i++) deep = [deep];
    const res = await post(JSON.stringify({ action_id: 'a', type: 'alert.acknowledge', payload: deep }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('body_too_complex');
  });

  it('ingest is rate limited per caller with a 429 and Retry-After; every batch accepted before it is kept', async () => {
    const ids = (k: number) => Array.from({ length: 80 }, (_, i) => `rl-${k}-${i}`);
    const answered: number[] = [];
    let limited: Response | undefined;
    // The buckets' clock stands still: however long each request takes here, none refills meanwhile
    // (on a busy machine, 0.8 s per request refilled its 80 tokens and no request was ever limited).
    const held = Date.now();
    limiterClock.now = () => held;
    try {
      for (let k = 0; k < 8 && !limited; k++) {
        const res = await ingest(JSON.stringify(ids(k).map(good)));
        if (res.status === 429) limited = res;
        else answered.push(k);
      }
    } finally {
      limiterClock.now = () => Date.now();
    }
    expect(answered).toEqual([0, 1]); // 200 tokens: two requests of 80, not a third
    expect(limited).toBeDefined();
    expect((await limited!.json()).error.code).toBe('rate_limited');
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    await stack.settled();
    expect(await stored(answered.flatMap(ids))).toBe(answered.length * 80);
  });

  // The custom server sets x-ops-peer to the TCP peer on every request (overwriting a client's).
  const signIn = (username: string, password: string, peer: string, forwarded?: string) =>
    session.POST(
      new Request('http://test/api/session', {
        method: 'POST',
        body: JSON.stringify({ username, password }),
        headers: {
          'content-type': 'application/json',
          'x-ops-peer': peer,
          ...(forwarded ? { 'x-forwarded-for': forwarded } : {}),
        },
      }),
    );

  it('sign-in is rate limited', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await signIn('mallory', 'wrong-password', '203.0.113.9')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses).toContain(429);
  });

  it('X-Forwarded-For from a peer that is not a trusted proxy changes nothing: rotating it does not escape the limit', async () => {
    // Password spraying: a new username and a new forwarded address each time, from one peer.
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push((await signIn(`sprayed-${i}`, 'wrong-password', '203.0.113.20', `198.51.100.${i}`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual(Array(10).fill(429));
  });

  it('behind a trusted proxy the forwarded client is throttled, each client on its own', async () => {
    const viaProxy = (client: string) =>
      signIn('proxied', 'wrong-password', '10.1.2.3', `6.6.6.6, ${client}, 10.9.9.9`);
    const a: number[] = [];
    for (let i = 0; i < 7; i++) a.push((await viaProxy('198.51.100.7')).status);
    expect(a.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(a.slice(5)).toEqual([429, 429]);
    // Another client behind the same proxy is not the one that failed.
    expect((await viaProxy('198.51.100.8')).status).toBe(401);
  });

  it('failed attempts from one address never lock the owner out at another', async () => {
    await saveUser(
      stack.store.client,
      { username: 'owner', role: 'admin', warehouses: [], disabled: false },
      'the-owner-password-0123',
    );
    const attacker: number[] = [];
    for (let i = 0; i < 12; i++) attacker.push((await signIn('owner', `guess-${i}`, '203.0.113.66')).status);
    expect(attacker).toContain(429);
    // The owner, elsewhere: slowed by the account's recent failures, but let in.
    expect((await signIn('owner', 'the-owner-password-0123', '192.0.2.10')).status).toBe(200);
    // And the owner's right password at the attacker's address is still refused for now (that pair is spent).
    expect((await signIn('owner', 'the-owner-password-0123', '203.0.113.66')).status).toBe(429);
  });

  // Every filter of every read route, fed strings that would break out of a quoted SQL literal or
  // comment the rest out. Bound parameters make them plain values: a 200 (nothing found) or a 400
  // from validation, never a 500, and the tables are all still there afterwards.
  const INJECTIONS = [
    "' OR 1=1 --",
    "x'); DROP TABLE order_events; --",
    '"; SELECT * FROM users; --',
    "\\' OR '1'='1",
    '%27%20OR%201%3D1',
    'O1\u0000',
    '{q:String}',
    '1) UNION SELECT password_hash FROM users --',
  ];
  const READS: [string, (q: string) => Promise<Response>][] = [
    ['kpis channel', (q) => kpis(get(`/api/kpis?channel=${encodeURIComponent(q)}`))],
    ['kpis warehouse', (q) => kpis(get(`/api/kpis?warehouse=${encodeURIComponent(q)}`))],
    ['kpis from', (q) => kpis(get(`/api/kpis?from=${encodeURIComponent(q)}`))],
    ['orders q', (q) => orders(get(`/api/orders?q=${encodeURIComponent(q)}`))],
    [
      'order id',
      (q) => order(get(`/api/orders/${encodeURIComponent(q)}`), { params: Promise.resolve({ order_id: q }) }),
    ],
    ['reasons group_by', (q) => reasons(get(`/api/returns/reasons?group_by=${encodeURIComponent(q)}`))],
    ['reasons reason', (q) => reasons(get(`/api/returns/reasons?group_by=sku&reason=${encodeURIComponent(q)}`))],
    ['reasons category', (q) => reasons(get(`/api/returns/reasons?group_by=sku&category=${encodeURIComponent(q)}`))],
    [
      'reasons channel',
      (q) => reasons(get(`/api/returns/reasons?channel=${encodeURIComponent(q)}&warehouse=${encodeURIComponent(q)}`)),
    ],
    ['exceptions category', (q) => exceptions(get(`/api/exceptions?category=${encodeURIComponent(q)}`))],
    ['exceptions warehouse', (q) => exceptions(get(`/api/exceptions?warehouse=${encodeURIComponent(q)}&status=open`))],
    ['alerts type', (q) => alerts(get(`/api/alerts?type=${encodeURIComponent(q)}&warehouse=${encodeURIComponent(q)}`))],
    ['audit actor', (q) => audit(get(`/api/audit?actor=${encodeURIComponent(q)}&type=${encodeURIComponent(q)}`))],
    ['dead letters reason', (q) => deadLetters(get(`/api/dead-letters?stage=${encodeURIComponent(q)}`))],
  ];
  it('numbers too big for their columns and implausible times are refused up front, with the reason, and kept', async () => {
    const base = good('bounds-ok');
    const data = base.data as Record<string, unknown>;
    const bad = [
      {
        ...good('bounds-huge'),
        data: { ...data, order_id: 'H-bounds-huge', lines: [{ sku: 'A', qty: 1e9, unit_price: 1e12, unit_cost: 1 }] },
      },
      { ...good('bounds-1970'), occurred_at: '1970-01-01T00:00:00Z' },
      { ...good('bounds-1000'), occurred_at: '1000-06-01T00:00:00Z' },
      { ...good('bounds-9999'), occurred_at: '9999-01-01T00:00:00Z' },
      { ...good('bounds-shipby'), data: { ...data, order_id: 'H-bounds-shipby', ship_by: '2031-01-01T00:00:00Z' } },
    ];
    const res = await ingest(JSON.stringify([base, ...bad]));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      accepted: number;
      rejected: { index: number; event_id: string; errors: { path: string }[] }[];
    };
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r) => [r.event_id, r.errors[0].path])).toEqual([
      ['bounds-huge', 'data.lines[0].unit_price'],
      ['bounds-1970', 'occurred_at'],
      ['bounds-1000', 'occurred_at'],
      ['bounds-9999', 'occurred_at'],
      ['bounds-shipby', 'data.ship_by'],
    ]);
    const kept = await stack.rows<{ event_id: string; stage: string }>(
      "SELECT event_id, stage FROM dead_letters WHERE startsWith(event_id, 'bounds-') ORDER BY event_id",
    );
    expect(kept).toEqual(
      bad.map((b) => ({ event_id: b.event_id, stage: 'api' })).sort((a, b) => a.event_id.localeCompare(b.event_id)),
    );
    expect(await stored(['bounds-ok'])).toBe(1);
  });

  it('bytes that are not UTF-8 are refused, never rewritten: the line (or body) is a dead letter holding the exact bytes', async () => {
    const line = (id: string) => Buffer.from(JSON.stringify(good(id)));
    const broken = Buffer.concat([
      Buffer.from(JSON.stringify(good('utf8-bad')).slice(0, -2)),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const nd = await ingest(
      Buffer.concat([
        line('utf8-a'),
        Buffer.from('\n'),
        broken,
        Buffer.from('\n'),
        line('utf8-b'),
      ]) as unknown as string,
      { 'content-type': 'application/x-ndjson' },
    );
    const body = (await nd.json()) as { accepted: number; rejected: { line: number; errors: { message: string }[] }[] };
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r) => [r.line, r.errors[0].message])).toEqual([
      [2, expect.stringMatching(/^line 2: not valid UTF-8/)],
    ]);
    const kept = async (needle: Buffer) =>
      (
        await stack.rows<{ raw: string; raw_encoding: string }>(
          "SELECT raw, raw_encoding FROM dead_letters WHERE raw_encoding = 'base64' AND reason LIKE '%UTF-8%'",
        )
      ).filter((r) => Buffer.from(r.raw, 'base64').equals(needle));
    expect(await kept(broken)).toHaveLength(1);
    expect(await stored(['utf8-a', 'utf8-b'])).toBe(2);
    // One JSON document: nothing of it is accepted, all of it is kept.
    const doc = Buffer.concat([Buffer.from('['), line('utf8-c'), Buffer.from(','), broken, Buffer.from(']')]);
    const res = await ingest(doc as unknown as string);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/not valid UTF-8/);
    expect(await kept(doc)).toHaveLength(1);
    expect(await stored(['utf8-c'])).toBe(0);
  });

  it('a malformed session cookie is a 401 in the SPEC error shape, not a 500', async () => {
    for (const cookie of ['ops_session=%E0%A4%A', 'ops_session=%', 'ops_session=%ZZ; other=1']) {
      const res = await kpis(new Request('http://test/api/kpis', { headers: { cookie } }));
      expect(res.status, cookie).toBe(401);
      expect((await res.json()).error, cookie).toMatchObject({ code: 'unauthorized' });
      // The sign-out route reads the same cookie.
      expect(
        (await session.DELETE(new Request('http://test/api/session', { method: 'DELETE', headers: { cookie } })))
          .status,
        cookie,
      ).toBe(200);
    }
  });

  it('injection strings through every filter are values, not SQL', async () => {
    const bad: string[] = [];
    for (const [name, call] of READS)
      for (const q of INJECTIONS) {
        const res = await call(q);
        if (res.status !== 200 && res.status !== 400 && res.status !== 404)
          bad.push(`${name} ${JSON.stringify(q)}: ${res.status} ${await res.text()}`);
        if (res.status === 200) {
          const text = await res.text();
          if (/password_hash/.test(text)) bad.push(`${name} ${JSON.stringify(q)}: leaked users`);
        }
      }
    expect(bad).toEqual([]);
    expect(await stored(['ok-1'])).toBe(1);
    // The statements the strings tried to smuggle in did nothing: every table is still there.
    const tables = await stack.rows<{ name: string }>(
      "SELECT name FROM system.tables WHERE database = currentDatabase() AND name IN ('users', 'order_events', 'sessions')",
    );
    expect(tables.map((t) => t.name).sort()).toEqual(['order_events', 'sessions', 'users']);
    const k = await (await kpis(get('/api/kpis?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z'))).json();
    expect(k.fulfilment.created).toBeGreaterThanOrEqual(4);
  });

  it('after all of it the server is healthy and every accepted event is there', async () => {
    expect((await health()).status).toBe(200);
    await stack.settled();
    expect(await stored(['ok-1', 'ok-2', 'nd-1', 'nd-2'])).toBe(4);
    expect(
      (await stack.rows<{ n: number }>('SELECT count() AS n FROM order_events FINAL'))[0].n,
    ).toBeGreaterThanOrEqual(EVENTS.filter((e) => e.type.startsWith('order.')).length + 4 + 80);
  });
});
