import { describe, expect, it } from 'vitest';
import type { Alert } from '../alerts/types';
import { NotifyConfig, redact } from './config';
import { alertLink, renderEmail, renderSlack, renderTeams } from './render';
import { inQuietHours, quietAllows, routeAlert } from './route';
import { digestDay, escalationDue, nextEscalationAt, retryDelayMs } from './schedule';

const NOW = Date.parse('2026-11-30T21:30:00Z'); // 16:30 in New York, 22:30 in Amsterdam
const alert = (over: Partial<Alert> = {}): Alert => ({
  alert_id: 'cutoff_risk:collection:DC-EAST|UPS|2026-11-30T22:00:00.000Z',
  type: 'cutoff_risk',
  severity: 'critical',
  entity: { kind: 'collection', id: 'DC-EAST|UPS|2026-11-30T22:00:00.000Z' },
  warehouse_id: 'DC-EAST',
  title: '12 orders at DC-EAST may miss the UPS collection at 17:00 EST',
  detail: '30 min left. 3 orders cannot make it at the usual pace.',
  created_at: '2026-11-30T21:25:00.000Z',
  updated_at: '2026-11-30T21:25:00.000Z',
  status: 'open',
  data: { ship_by: '2026-11-30T22:00:00.000Z' },
  seq: 1,
  ...over,
});
const config = NotifyConfig.parse({
  channels: [
    { kind: 'email', id: 'east-leads', to: ['lead@example.com'], timeZone: 'America/New_York' },
    { kind: 'slack', id: 'floor', url: 'https://hooks.slack.example/T1/B2/xyz' },
    { kind: 'webhook', id: 'wms', url: 'https://wms.example/hooks/ops', secret: 'a-secret-of-16-chars' },
    { kind: 'teams', id: 'directors', url: 'https://teams.example/webhook/abc' },
  ],
  routes: [
    { types: ['cutoff_risk'], warehouses: ['DC-EAST'], channels: ['east-leads', 'floor'] },
    { severities: ['critical'], channels: ['wms'] },
    { channels: ['directors'], mode: 'digest' },
  ],
  escalation: {
    afterMinutes: 15,
    levels: [
      { name: 'shift lead', channels: ['floor'] },
      { name: 'warehouse manager', channels: ['east-leads'] },
      { name: 'operations director', channels: ['directors'] },
    ],
  },
});

describe('notification settings', () => {
  it('refuses a route to a channel that does not exist, and a channel id used twice, naming the place', () => {
    const r = NotifyConfig.safeParse({
      channels: [
        { kind: 'slack', id: 'a', url: 'https://x.example/1' },
        { kind: 'slack', id: 'a', url: 'https://x.example/2' },
      ],
      routes: [{ channels: ['b'] }],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['channels.1.id', '"a" is used twice'],
      ['routes.0.channels.0', 'no channel "b"'],
    ]);
    expect(
      NotifyConfig.safeParse({ channels: [{ kind: 'webhook', id: 'w', url: 'https://x.example', secret: 'short' }] })
        .success,
    ).toBe(false);
  });

  it('never shows a secret or a webhook path', () => {
    const shown = JSON.stringify(config.channels.map(redact));
    expect(shown).not.toContain('a-secret-of-16-chars');
    expect(shown).not.toContain('/hooks/ops');
    expect(shown).not.toContain('T1/B2');
    expect(config.channels.map(redact)[2]).toEqual({
      id: 'wms',
      kind: 'webhook',
      where: 'wms.example',
      hasSecret: true,
    });
  });
});

describe('routing', () => {
  it('sends by type × severity × warehouse, each channel once, digest-only channels held back', () => {
    expect(routeAlert(config, alert())).toEqual({ immediate: ['east-leads', 'floor', 'wms'], digest: ['directors'] });
    expect(routeAlert(config, alert({ severity: 'warning' }))).toEqual({
      immediate: ['east-leads', 'floor'],
      digest: ['directors'],
    });
    expect(routeAlert(config, alert({ warehouse_id: 'DC-WEST', severity: 'warning' }))).toEqual({
      immediate: [],
      digest: ['directors'],
    });
  });

  it('reads quiet hours in their own zone, across midnight, and lets critical alerts through if allowed', () => {
    const q = { start: '22:00', end: '06:00', timeZone: 'Europe/Amsterdam', criticalOverrides: true };
    expect(inQuietHours(q, NOW)).toBe(true); // 22:30 in Amsterdam
    expect(inQuietHours({ ...q, timeZone: 'America/New_York' }, NOW)).toBe(false); // 16:30
    expect(inQuietHours(q, Date.parse('2026-12-01T04:59:00Z'))).toBe(true); // 05:59
    expect(inQuietHours(q, Date.parse('2026-12-01T05:00:00Z'))).toBe(false); // 06:00
    expect(quietAllows(q, 'warning', NOW)).toBe(false);
    expect(quietAllows(q, 'critical', NOW)).toBe(true);
    expect(quietAllows({ ...q, criticalOverrides: false }, 'critical', NOW)).toBe(false);
    expect(quietAllows(undefined, 'info', NOW)).toBe(true);
  });
});

describe('retries and escalation', () => {
  it('backs off exponentially up to a cap', () => {
    expect([1, 2, 3, 4, 10, 30].map((n) => retryDelayMs(n, 1000, 10_000))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it('climbs one level per wait while a critical alert stays open, and stops when it is acknowledged or clears', () => {
    const p = config.escalation!;
    const raised = Date.parse('2026-11-30T21:25:00Z');
    expect(escalationDue(p, alert(), raised)).toBe(0);
    expect(escalationDue(p, alert(), raised + 14 * 60_000)).toBe(0);
    expect(escalationDue(p, alert(), raised + 15 * 60_000)).toBe(1);
    expect(escalationDue(p, alert(), raised + 300 * 60_000)).toBe(2);
    expect(escalationDue(p, alert({ status: 'acknowledged' }), raised + 15 * 60_000)).toBeNull();
    expect(escalationDue(p, alert({ status: 'resolved' }), raised + 15 * 60_000)).toBeNull();
    expect(escalationDue(p, alert({ severity: 'warning' }), raised + 15 * 60_000)).toBeNull();
    expect(escalationDue(null, alert(), raised)).toBeNull();
    expect(nextEscalationAt(p, alert(), 0)).toBe(raised + 15 * 60_000);
    expect(nextEscalationAt(p, alert(), 2)).toBeNull();
  });
});

describe('messages', () => {
  const n = { kind: 'alert' as const, alert: alert(), link: alertLink('https://ops.example.com/', alert().alert_id) };

  it('an email says what, where, how long left, when (in the recipient zone) and links to the alert', () => {
    const m = renderEmail(n, NOW, 'America/New_York');
    expect(m.subject).toBe(
      '[critical] 12 orders at DC-EAST may miss the UPS collection at 17:00 EST · DC-EAST · 30 min left',
    );
    expect(m.text).toContain('Raised: Mon, Nov 30, 16:25 EST');
    expect(m.text).toContain('Time left: 30 min left');
    expect(m.text).toContain(
      'Open it: https://ops.example.com/alerts?alert=cutoff_risk%3Acollection%3ADC-EAST%7CUPS%7C2026-11-30T22%3A00%3A00.000Z',
    );
    expect(m.html).toContain('<a href="https://ops.example.com/alerts?alert=');
    expect(renderEmail(n, NOW, 'Europe/Amsterdam').text).toContain('Raised: Mon, Nov 30, 22:25 GMT+1');
  });

  it('escapes HTML from alert text', () => {
    const m = renderEmail({ ...n, alert: alert({ detail: '<script>x</script>' }) }, NOW, 'UTC');
    expect(m.html).not.toContain('<script>');
  });

  it('chat messages are one compact line with the link', () => {
    expect(renderSlack({ ...n, escalation: 'warehouse manager' }, NOW).text).toMatch(
      /^\[escalated: warehouse manager\] \[critical\] 12 orders .* · DC-EAST · 30 min left · <https:\/\/ops\.example\.com\/alerts\?alert=.*\|open>$/,
    );
    const t = renderTeams(n, NOW);
    expect(t.potentialAction[0].targets[0].uri).toBe(n.link);
    expect(t.themeColor).toBe('B91C1C');
  });
});

describe('the daily digest', () => {
  it('is due from its local time on, for its local day', () => {
    const d = { at: '07:00', timeZone: 'Europe/Berlin' };
    expect(digestDay(d, Date.parse('2026-11-30T05:59:00Z'))).toBeNull(); // 06:59 in Berlin
    expect(digestDay(d, Date.parse('2026-11-30T06:00:00Z'))).toBe('2026-11-30');
    expect(digestDay(d, Date.parse('2026-11-30T23:30:00Z'))).toBeNull(); // 00:30 on the next day: not yet
  });
});
