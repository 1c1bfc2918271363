import { describe, expect, it } from 'vitest';
import type { Alert } from '@/lib/alerts/types';
import { mergeRisks, riskTotal, type Risk } from './risks';

const alert = { alert_id: 'cutoff_risk:collection:DC-EAST|UPS|x' } as Alert;
const row = (orderId: string, extra: Partial<Risk> = {}): Risk => ({
  alert,
  orderId,
  stage: 'picking',
  shipBy: '2026-11-30T17:00:00.000Z',
  neededMs: 600_000,
  severity: 'warning',
  basis: 'default',
  ...extra,
});

describe('mergeRisks', () => {
  it('keeps an expedite told by action:done when an alert update judged before it arrives later', () => {
    const shown = [row('A', { expeditedBy: 'walt', expeditedAt: '2026-11-30T16:02:00.000Z' }), row('B')];
    const merged = mergeRisks([row('A', { stage: 'packed' }), row('B', { stage: 'packed' })], shown);
    expect(merged[0]).toMatchObject({ orderId: 'A', stage: 'packed', expeditedBy: 'walt' });
    expect(merged[1].expeditedBy).toBeUndefined();
  });

  it("takes the alert's own word once it says who expedited, and leaves a row in flight as it is", () => {
    const shown = [row('A', { expeditedBy: 'walt' }), row('B', { pending: 'expediting…' })];
    const merged = mergeRisks([row('A', { expeditedBy: 'erin' }), row('B', { stage: 'packed' })], shown);
    expect(merged[0].expeditedBy).toBe('erin');
    expect(merged[1]).toMatchObject({ pending: 'expediting…', stage: 'picking' });
  });
});

describe('riskTotal', () => {
  it('counts every order an alert is about, not only the rows it keeps; a row shown beyond a stale count still counts', () => {
    const big = { alert_id: 'cutoff_risk:collection:DC-EU|DPD|x', data: { count: 1594 } } as unknown as Alert;
    const small = { alert_id: 'cutoff_risk:collection:DC-EU|DHL|y', data: { count: 1 } } as unknown as Alert;
    const rows = [
      row('A', { alert: big }),
      row('B', { alert: big }),
      row('C', { alert: small }),
      row('D', { alert: small }),
    ];
    expect(riskTotal(rows)).toBe(1594 + 2);
    expect(riskTotal([])).toBe(0);
  });
});
