import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performAction } from '@/lib/actions/perform';
import type { OpsEvent } from '@/lib/events';
import { DEFAULT_SLA_MINUTES } from '@/lib/config';
import { startEmbedded, TEST_TOKENS, type Embedded } from '@/test/embedded';
import { publishRuntime } from '@/test/runtime';
import * as settingsRoute from '@/app/api/notifications/settings/route';
import * as deliveriesRoute from '@/app/api/notifications/deliveries/route';
import * as retryRoute from '@/app/api/notifications/deliveries/retry/route';
import { loadSettings } from './settings';
import { saveUserPrefs, UserPrefs } from './prefs';
import { saveUser } from '@/lib/auth/users';
import { EVENTS, NOW } from '@/test/scenario';
import { NotifyConfig } from './config';
import { Notifier, type NotifierOptions } from './notifier';
import { deliveriesById, deliveriesOf } from './outbox';
import { closeTransports } from './send';
import { verifySignature } from './sign';
import { listDeliveries } from '@/lib/queries/listDeliveries';
import { listAlerts } from '@/lib/queries/listAlerts';
import { alertRooms } from '@/lib/auth/policy';
import { acknowledge } from '@/lib/alerts/write';
import { ChannelHealth } from './channelHealth';

/**
 * Delivery against real endpoints: an SMTP server (smtp-server, from the nodemailer project) in this
 * process, HTTP receivers that check the signature, fail on purpose or never answer, and the alert
 * raised by the real rules from a posted at-risk order. The notifier's clock is injected: retries and
 * escalation advance it, never sleep.
 */
const mails: ParsedMail[] = [];
const hits: Record<string, { body: string; verdict: string; sig: string }[]> = { flaky: [], slack: [], hang: [] };
let smtp: SMTPServer;
let http: Server;
let base = '';
let smtpPort = 0;
let s: Embedded;
const SECRET = 'receiver-secret-0123456789';
let clock = Date.now();
let healed = false;

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => resolve(b));
  });

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      void simpleParser(stream).then((m) => {
        mails.push(m);
        done();
      }, done);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  http = createServer(async (req, res) => {
    const body = await read(req);
    const name = req.url!.slice(1);
    const verdict = verifySignature(SECRET, req.headers['x-ops-signature'] as string, body, clock);
    hits[name]?.push({
      body,
      verdict: verdict.ok ? 'ok' : verdict.reason,
      sig: String(req.headers['x-ops-signature']),
    });
    if (name === 'hang' && !healed) return; // never answers, until healed
    // The flaky endpoint fails its first two tries.
    res.statusCode = name === 'flaky' && hits.flaky.length <= 2 ? 503 : 200;
    res.end('');
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  s = await startEmbedded();
});
afterAll(async () => {
  closeTransports();
  await s?.stop();
  http.closeAllConnections();
  await new Promise((r) => http.close(r));
  await new Promise((r) => smtp.close(() => r(null)));
});

const MIN = 60_000;
/** A notifier on the test stack: the test's clock and SMTP server, quick retries; `o` overrides. */
const notifierWith = (settings: unknown, o: Partial<NotifierOptions> = {}) =>
  new Notifier(s.store, s.bus, s.rt.log, {
    config: NotifyConfig.parse(settings),
    publicUrl: 'https://ops.example.com',
    send: { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: 'Ops Pulse <ops@example.com>', timeoutMs: 2000 },
    retry: { baseMs: 1000, capMs: 4000, maxAttempts: 3 },
    kpi: KPI,
    now: () => clock,
    ...o,
  });
/** A user of `role` at `warehouses` who set up alerts by email as `prefs`. */
async function subscriber(username: string, warehouses: string[], prefs: Record<string, unknown>) {
  const user = { username, role: 'warehouse_manager' as const, warehouses, disabled: false };
  await saveUser(s.store.client, user, 'password-0123456789');
  await saveUserPrefs(s.store.client, username, UserPrefs.parse({ enabled: true, ...prefs }));
}
const KPI = { tolerance: { units: 0, pct: 0 }, slaMinutes: DEFAULT_SLA_MINUTES };
const at = (m: number) => new Date(Date.now() + m * MIN).toISOString();
const atRisk = (id: string): OpsEvent[] =>
  [
    {
      event_id: `${id}-1`,
      type: 'order.created',
      occurred_at: at(0),
      source: 'test',
      schema_version: 1,
      data: {
        order_id: id,
        channel: 'web',
        customer_ref: 'c',
        ship_by: at(30),
        lines: [{ sku: 'A', qty: 1, unit_price: 10, unit_cost: 4, category: 'apparel' }],
        shipping_charged: 0,
        fees: 0,
        warehouse_id: 'DC-EAST',
        carrier: `NOTIFY-${id}`,
      },
    },
  ] as OpsEvent[];

describe('alert delivery', () => {
  it('mails, posts signed webhooks with retries, dead-letters a silent endpoint, and escalates until acknowledged', async () => {
    const config = NotifyConfig.parse({
      channels: [
        { kind: 'email', id: 'east-leads', to: ['lead@example.com'], timeZone: 'America/New_York' },
        { kind: 'webhook', id: 'wms', url: `${base}/flaky`, secret: SECRET },
        { kind: 'webhook', id: 'silent', url: `${base}/hang`, secret: SECRET },
        { kind: 'slack', id: 'floor', url: `${base}/slack` },
        { kind: 'email', id: 'director', to: ['director@example.com'] },
      ],
      routes: [{ types: ['cutoff_risk'], warehouses: ['DC-EAST'], channels: ['east-leads', 'wms', 'silent'] }],
      escalation: {
        afterMinutes: 15,
        levels: [
          { name: 'shift lead', channels: ['floor'] },
          { name: 'warehouse manager', channels: ['east-leads'] },
          { name: 'operations director', channels: ['director'] },
        ],
      },
    });
    const notifier = notifierWith(config, {
      send: { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: 'Ops Pulse <ops@example.com>', timeoutMs: 400 },
      count: (outcome, kind) => counted.push(`${outcome}:${kind}`),
    });
    const counted: string[] = [];
    await notifier.start();
    try {
      // A DC-WEST order at the same risk: no route sends its alert anywhere, so it never escalates either.
      const [west] = atRisk('N-W');
      const westOrder = { ...west, data: { ...west.data, warehouse_id: 'DC-WEST' } } as OpsEvent;
      expect((await s.post([...atRisk('N-1'), westOrder])).rejected).toEqual([]);
      await s.settled();
      const alertId = (
        await s.rows<{ alert_id: string }>(
          `SELECT alert_id FROM alerts FINAL WHERE type = 'cutoff_risk' AND position(data, 'N-1') > 0`,
        )
      )[0].alert_id;
      // Three passes, the clock a retry delay further each time.
      for (let i = 0; i < 4; i++) {
        await notifier.pass();
        clock += 5_000;
      }
      const ds = await deliveriesOf(s.store.reader, [alertId]);
      const by = (channel: string) => ds.filter((d) => d.channel_id === channel);
      expect(by('east-leads').map((d) => [d.status, d.attempts])).toEqual([['sent', 1]]);
      expect(by('wms').map((d) => [d.status, d.attempts])).toEqual([['sent', 3]]);
      expect(by('silent').map((d) => [d.status, d.attempts])).toEqual([['dead', 3]]);
      expect(by('silent')[0].last_error).toMatch(/timeout|aborted/i);
      expect(by('floor').map((d) => [d.reason, d.level, d.status])).toEqual([['escalation', 0, 'sent']]);
      const westAlert = (
        await s.rows<{ alert_id: string }>(
          `SELECT alert_id FROM alerts FINAL WHERE type = 'cutoff_risk' AND position(data, 'N-W') > 0`,
        )
      )[0].alert_id;
      expect(await deliveriesOf(s.store.reader, [westAlert])).toEqual([]);
      // The silent endpoint is now a system alert for admins (and only for them).
      const [failing] = await listAlerts(s.store.reader, { id: 'notification_failed:channel:silent', limit: 1 });
      expect(failing).toMatchObject({ type: 'notification_failed', severity: 'critical', status: 'open' });
      expect(failing.detail).toMatch(/^1 notification could not be delivered to 127\.0\.0\.1:\d+ after every try/);
      expect(alertRooms({ type: failing.type, warehouse_id: null, category: null })).toEqual(['role:admin']);

      // The mail: subject, recipient, the recipient's zone, the link to the alert.
      const mail = mails.find((m) => (m.to as { text: string }).text === 'lead@example.com')!;
      expect(mail.subject).toMatch(
        /^\[critical\] 1 order at DC-EAST may miss the NOTIFY-N-1 collection at .* · DC-EAST · \d+ min left$/,
      );
      expect(mail.text).toMatch(/Raised: \w{3}, \w{3} \d+, \d\d:\d\d E[SD]T/);
      expect(mail.text).toContain(`https://ops.example.com/alerts?alert=${encodeURIComponent(alertId)}`);
      expect(mail.html).toContain('Open the alert in Ops Pulse');
      // Every webhook try was signed; the body is the alert with its link.
      expect(hits.flaky.map((h) => h.verdict)).toEqual(['ok', 'ok', 'ok']);
      expect(JSON.parse(hits.flaky[2].body)).toMatchObject({ alert: { alert_id: alertId }, escalation: null });
      expect(hits.slack.map((h) => JSON.parse(h.body).text)).toEqual([
        expect.stringMatching(/^\[escalated: shift lead\] \[critical\]/),
      ]);

      // 15 minutes unacknowledged: the warehouse manager is told.
      clock += 15 * MIN;
      await notifier.pass();
      const mails2 = mails.filter((m) => m.subject?.startsWith('[escalated: warehouse manager]'));
      expect(mails2.map((m) => (m.to as { text: string }).text)).toEqual(['lead@example.com']);

      // Acknowledged: the ladder stops; the director is never told.
      const ack = await performAction(
        s.rt,
        { kind: 'token', name: 'walt', role: 'warehouse_manager', warehouses: ['DC-EAST'] },
        { action_id: 'ack-N-1', type: 'alert.acknowledge', payload: { alert_id: alertId } },
      );
      expect(ack.status).toBe('done');
      clock += 30 * MIN;
      await notifier.pass();
      const after = await deliveriesOf(s.store.reader, [alertId]);
      expect(
        after
          .filter((d) => d.reason === 'escalation')
          .map((d) => d.level)
          .sort(),
      ).toEqual([0, 1]);
      expect(mails.some((m) => (m.to as { text: string }).text === 'director@example.com')).toBe(false);

      // The delivery log as admins read it: where, how it went, how long it took; no secret.
      const log = await listDeliveries(s.store.reader, {
        since: new Date(0),
        status: 'all',
        alert: alertId,
        limit: 100,
      });
      expect(log.find((d) => d.channel.id === 'silent')).toMatchObject({
        status: 'dead',
        attempts: 3,
        channel: { kind: 'webhook', recipient: expect.stringMatching(/^127\.0\.0\.1:\d+$/) },
        latency_ms: null,
      });
      expect(log.find((d) => d.channel.id === 'wms')!.latency_ms).toBeGreaterThanOrEqual(10_000);
      expect(JSON.stringify(log)).not.toContain(SECRET);
      // What Prometheus counts (ops_notifications_total): two retries each for the flaky and the
      // silent endpoint, one dead, two rungs climbed, three mails, a slack post and a webhook sent.
      const tally = counted.reduce<Record<string, number>>((m, k) => ({ ...m, [k]: (m[k] ?? 0) + 1 }), {});
      expect(tally).toEqual({
        'escalated:slack': 1,
        'escalated:email': 1,
        'sent:email': 2,
        'sent:slack': 1,
        'sent:webhook': 1,
        'retried:webhook': 4,
        'failed:webhook': 1,
      });

      // The endpoint answers again. An admin sends the dead delivery again; the next notification
      // gets through too, and the system alert clears.
      healed = true;
      publishRuntime(s);
      const dead = by('silent')[0];
      const retry = await retryRoute.POST(
        new Request('http://test/api/notifications/deliveries/retry', {
          method: 'POST',
          headers: { authorization: `Bearer ${TEST_TOKENS.admin}`, 'content-type': 'application/json' },
          body: JSON.stringify({ ids: [dead.delivery_id, by('wms')[0].delivery_id] }),
        }),
      );
      expect(await retry.json()).toEqual({ retried: [dead.delivery_id], skipped: [by('wms')[0].delivery_id] });
      expect((await s.post(atRisk('N-2'))).rejected).toEqual([]);
      await s.settled();
      await notifier.pass();
      const [cleared] = await listAlerts(s.store.reader, { id: 'notification_failed:channel:silent', limit: 1 });
      const [again] = await deliveriesById(s.store.reader, [dead.delivery_id]);
      expect([again.status, again.attempts]).toEqual(['sent', 1]);
      expect(cleared).toMatchObject({ status: 'resolved', resolve_reason: 'a notification got through again' });
    } finally {
      await notifier.stop();
    }
  }, 60_000);

  it('a failing channel whose alert an admin acknowledged before a restart is still cleared when a notification gets through', async () => {
    const ch = NotifyConfig.parse({
      channels: [{ kind: 'slack', id: 'restarted', url: 'http://127.0.0.1:9/hook' }],
    }).channels[0];
    const id = 'notification_failed:channel:restarted';
    await new ChannelHealth(s.store, s.bus).failed(ch, 'connection refused', clock);
    await acknowledge(s.store.client, id, 'admin', clock + 500); // the test's clock: earlier tests moved it on
    const [acked] = await listAlerts(s.store.reader, { id, limit: 1 });
    expect(acked.status).toBe('acknowledged');
    // The next process: it must know the channel is failing, acknowledged or not.
    const after = new ChannelHealth(s.store, s.bus);
    await after.load();
    await after.delivered('restarted', clock + 1000);
    const [cleared] = await listAlerts(s.store.reader, { id, limit: 1 });
    expect(cleared).toMatchObject({ status: 'resolved', resolve_reason: 'a notification got through again' });
  });

  it('mails the daily digest once a day: the board of the last 24 h against the day before, movers, breached exceptions', async () => {
    // The hand-computed scenario (test/scenario.ts): its day is the 24 h before NOW.
    expect((await s.post(EVENTS)).rejected).toEqual([]);
    await s.settled();
    clock = NOW.getTime(); // the receivers check signatures against this clock too
    const notifier = notifierWith({
      channels: [
        { kind: 'email', id: 'board', to: ['ceo@example.com'], timeZone: 'UTC' },
        { kind: 'webhook', id: 'bi', url: `${base}/digest`, secret: SECRET },
      ],
      digest: { at: '00:00', timeZone: 'UTC', channels: ['board', 'bi'] },
    });
    hits.digest = [];
    await notifier.pass();
    clock += 3_600_000; // an hour later, the same day: not again
    await notifier.pass();
    const digests = mails.filter((m) => (m.to as { text: string }).text === 'ceo@example.com');
    expect(digests).toHaveLength(1);
    const m = digests[0];
    expect(m.subject).toMatch(/^Ops Pulse daily digest, 2026-11-21: /);
    // On time O1 O4 of 3 shipped; margin (72 − 18.2) / 333; refunds R1 6 h, R3 3 h. Nothing
    // shipped or refunded the day before, so those have no change to show.
    expect(m.text).toContain('On-time ship rate: 66.7%\n');
    expect(m.text).toContain('Channel margin: 16.2%');
    expect(m.text).toContain('Refund cycle time (p50, receipt → refund): 4.5 h\n');
    expect(m.text).toContain('Open critical exceptions (past their SLA):\n- Late shipment: 1');
    expect(m.text).toContain(
      'https://ops.example.com/?from=2026-11-20T00%3A00%3A00.000Z&to=2026-11-21T00%3A00%3A00.000Z',
    );
    expect(hits.digest).toHaveLength(1);
    expect(hits.digest[0].verdict).toBe('ok');
    expect(JSON.parse(hits.digest[0].body).digest).toMatchObject({ day: '2026-11-21', timeZone: 'UTC' });
  });

  it('announces a grouped alert once, and again only when the group grows past a step', async () => {
    clock = Date.now();
    const notifier = notifierWith(
      {
        channels: [{ kind: 'slack', id: 'west', url: `${base}/group` }],
        routes: [{ types: ['cutoff_risk'], warehouses: ['DC-WEST'], channels: ['west'] }],
      },
      {
        send: { smtpUrl: null, from: 'x <x@example.com>', timeoutMs: 2000 },
      },
    );
    hits.group = [];
    await notifier.start();
    try {
      // Six orders join one collection (DC-WEST, one carrier, one ship-by), one post at a time.
      const shipBy = at(30);
      for (let i = 1; i <= 6; i++) {
        const [created] = atRisk(`G-${i}`);
        const data = { ...created.data, warehouse_id: 'DC-WEST', carrier: 'GROUPED', ship_by: shipBy };
        expect((await s.post([{ ...created, data } as OpsEvent])).rejected).toEqual([]);
        await s.settled();
        await notifier.pass();
      }
      const texts = hits.group.map((h) => JSON.parse(h.body).text as string);
      expect(texts).toEqual([
        expect.stringMatching(/^\[critical\] 1 order at DC-WEST may miss the GROUPED collection/),
        expect.stringMatching(/^\[critical\] 5 orders at DC-WEST may miss the GROUPED collection/),
      ]);
    } finally {
      await notifier.stop();
    }
  });

  it('takes settings an admin saves in the app: secrets write-only, checked whole, audited, used from the next pass', async () => {
    publishRuntime(s);
    const admin = { authorization: `Bearer ${TEST_TOKENS.admin}`, 'content-type': 'application/json' };
    const put = (body: unknown) =>
      settingsRoute.PUT(
        new Request('http://test/api/notifications/settings', {
          method: 'PUT',
          headers: admin,
          body: JSON.stringify(body),
        }),
      );
    const HOOK_SECRET = 'app-saved-secret-0123456789';
    const first = await put({
      channels: [
        { kind: 'webhook', id: 'ops-hook', url: `${base}/saved`, secret: HOOK_SECRET },
        { kind: 'slack', id: 'chat', url: 'https://hooks.slack.example/T0/B0/very-secret-path' },
      ],
      routes: [{ types: ['cutoff_risk'], warehouses: ['DC-EU'], channels: ['ops-hook'] }],
    });
    expect(first.status).toBe(200);
    const shown = JSON.stringify(await first.json());
    expect(shown).not.toContain(HOOK_SECRET);
    expect(shown).not.toContain('very-secret-path');
    // Saved again as shown (secrets "(kept)"), with one more route: the stored secrets stay.
    const { settings } = (await (
      await settingsRoute.GET(new Request('http://test/api/notifications/settings', { headers: admin }))
    ).json()) as {
      settings: { channels: { secret?: string; url: string }[]; routes: unknown[] };
    };
    expect(settings.channels[0].secret).toBe('(kept)');
    expect(
      (
        await put({
          ...settings,
          routes: [...settings.routes, { severities: ['critical'], channels: ['chat'], mode: 'digest' }],
        })
      ).status,
    ).toBe(200);
    const stored = await loadSettings(s.store.reader, NotifyConfig.parse({}));
    expect(stored.channels).toMatchObject([
      { secret: HOOK_SECRET },
      { url: 'https://hooks.slack.example/T0/B0/very-secret-path' },
    ]);
    expect(stored.routes).toHaveLength(2);
    // The delivery log's API lists the channels in force: the saved ones.
    const log = await deliveriesRoute.GET(new Request('http://test/api/notifications/deliveries', { headers: admin }));
    expect(((await log.json()) as { channels: { id: string }[] }).channels.map((c) => c.id)).toEqual([
      'ops-hook',
      'chat',
    ]);
    // Checked whole: a route to a channel that does not exist is refused, naming it; nothing is saved.
    const bad = await put({ ...settings, routes: [{ channels: ['nowhere'] }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('routes.0.channels.0');
    expect((await loadSettings(s.store.reader, NotifyConfig.parse({}))).routes).toHaveLength(2);
    // Audited, without a secret.
    const audit = await s.rows<{ payload: string; type: string }>(
      "SELECT type, toString(payload) AS payload FROM audit_log WHERE type = 'notify.configure'",
    );
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(HOOK_SECRET);

    // A sender started with no settings of its own (the environment's) uses the saved ones.
    clock = Date.now();
    hits.saved = [];
    const notifier = notifierWith(
      {},
      {
        stored: true,
        send: { smtpUrl: null, from: 'x <x@example.com>', timeoutMs: 2000 },
      },
    );
    await notifier.start();
    try {
      const [created] = atRisk('EU-1');
      expect(
        (await s.post([{ ...created, data: { ...created.data, warehouse_id: 'DC-EU' } } as OpsEvent])).rejected,
      ).toEqual([]);
      await s.settled();
      await notifier.pass();
      expect(hits.saved).toHaveLength(1);
      // Signed with the secret saved in the app (the receiver's own check uses another one).
      expect(verifySignature(HOOK_SECRET, hits.saved[0].sig, hits.saved[0].body, clock)).toEqual({ ok: true });
      expect(JSON.parse(hits.saved[0].body).alert.warehouse_id).toBe('DC-EU');
    } finally {
      await notifier.stop();
    }
  });

  it('mails each user the alerts they asked for, if those concern them, in their own zone', async () => {
    await subscriber('east-lead', ['DC-EAST'], {
      email: 'east@example.com',
      timeZone: 'America/Chicago',
      types: ['cutoff_risk'],
    });
    await subscriber('east-digest', ['DC-EAST'], {
      email: 'east-digest@example.com',
      types: ['cutoff_risk'],
      mode: 'digest',
      digestAt: '00:00',
    });
    // West asks for everything, but a DC-EAST alert is not theirs to see.
    await subscriber('west-lead', ['DC-WEST'], { email: 'west@example.com' });
    clock = Date.now();
    const notifier = notifierWith({});
    await notifier.start();
    try {
      const [created] = atRisk('U-1');
      expect((await s.post([created])).rejected).toEqual([]);
      await s.settled();
      await notifier.pass();
      const mine = mails.filter((m) => m.subject?.includes('NOTIFY-U-1'));
      expect(mine.map((m) => (m.to as { text: string }).text)).toEqual(['east@example.com']);
      expect(mine[0].text).toMatch(/Raised: \w{3}, \w{3} \d+, \d\d:\d\d C[SD]T/);
      // The digest reader got no mail per alert, but one mail of the day's DC-EAST cutoff alerts, once.
      await notifier.pass();
      const daily = mails.filter((m) => (m.to as { text: string }).text === 'east-digest@example.com');
      expect(daily).toHaveLength(1);
      expect(daily[0].subject).toMatch(/^Your Ops Pulse alerts, \d{4}-\d\d-\d\d: \d+$/);
      expect(daily[0].text).toContain('NOTIFY-U-1');
      expect(daily[0].text).toContain('NOTIFY-N-1');
      expect(daily[0].text).not.toContain('GROUPED'); // DC-WEST's
    } finally {
      await notifier.stop();
    }
  });
});
