import { describe, expect, it } from 'vitest';
import type { RuleAlertType, Finding, Judgement } from '@/lib/alerts/types';
import { AlertTracker, type RuleSpec } from './tracker';

const MIN = 60_000;
const spec = (type: RuleAlertType, sticky: boolean, expiresAt?: number): RuleSpec => ({
  type,
  sticky,
  grouped: false,
  minUpdateMs: 0,
  clearedReason: 'clear',
  describe: (g) => ({
    severity: g.members.some((m) => m.severity === 'critical') ? 'critical' : 'warning',
    title: `${g.members.length} in ${g.entity.id}`,
    detail: '',
    data: {},
  }),
  signature: (g) => g.members.map((m) => `${m.key}:${m.severity}`).join(','),
  expired: expiresAt === undefined ? undefined : (g, now) => (now >= expiresAt ? 'its time passed' : null),
});
const specs = (expiresAt?: number) =>
  ({
    cutoff_risk: spec('cutoff_risk', true, expiresAt),
    exception_sla_breach: spec('exception_sla_breach', true),
    carrier_exception: spec('carrier_exception', false),
    inventory_accuracy_drop: spec('inventory_accuracy_drop', false),
    return_reason_spike: spec('return_reason_spike', false),
  }) as Record<RuleAlertType, RuleSpec>;
const finding = (
  group: string,
  key: string,
  severity: 'warning' | 'critical' = 'warning',
  type: RuleAlertType = 'cutoff_risk',
): Finding => ({
  type,
  entity: { kind: 'collection', id: group },
  warehouse_id: 'W',
  category: '',
  member: { key, severity, data: { key } },
});
const judgement = (
  found: Finding[],
  judged: Judgement['judged'],
  ok: string[] = [],
  type: RuleAlertType = 'cutoff_risk',
): Judgement => ({ type, judged, found, ok });
const summary = (t: AlertTracker, now: number) =>
  t
    .changes(now)
    .map((c) => [
      c.kind,
      c.stored.alert_id,
      c.stored.resolved_at === null ? c.stored.title : `resolved: ${c.stored.resolve_reason}`,
    ]);

describe('alert tracker', () => {
  it('raises a group once, updates it as members join or worsen, and stays quiet when nothing it says changed', () => {
    const t = new AlertTracker(specs(), { holdMs: 10 * MIN, cooldownMs: 30 * MIN });
    t.judge(judgement([finding('G', 'a'), finding('G', 'b')], ['a', 'b']), 0);
    expect(summary(t, 0)).toEqual([['new', 'cutoff_risk:collection:G', '2 in G']]);
    t.judge(judgement([finding('G', 'a'), finding('G', 'b')], 'all'), MIN);
    expect(summary(t, MIN)).toEqual([]);
    t.judge(judgement([finding('G', 'b', 'critical'), finding('G', 'c')], ['b', 'c'], []), 2 * MIN);
    expect(summary(t, 2 * MIN)).toEqual([['update', 'cutoff_risk:collection:G', '3 in G']]);
  });

  it('a sticky member stays while merely fine; it leaves when it ends; the emptied alert says so and resolves after the hold', () => {
    const t = new AlertTracker(specs(), { holdMs: 10 * MIN, cooldownMs: 30 * MIN });
    t.judge(judgement([finding('G', 'a')], ['a']), 0);
    t.changes(0);
    t.judge(judgement([], ['a'], ['a']), MIN); // back on track: still listed
    expect(summary(t, MIN)).toEqual([]);
    t.judge(judgement([], ['a']), 2 * MIN); // shipped: gone at once
    expect(summary(t, 2 * MIN)).toEqual([['update', 'cutoff_risk:collection:G', '0 in G']]);
    expect(summary(t, 11 * MIN)).toEqual([]);
    expect(summary(t, 12 * MIN)).toEqual([['update', 'cutoff_risk:collection:G', 'resolved: clear']]);
  });

  it('a condition back within the hold keeps the same alert open: no resolve, no new alert', () => {
    const t = new AlertTracker(specs(), { holdMs: 10 * MIN, cooldownMs: 30 * MIN });
    const drop = (at: number, found: boolean) =>
      t.judge(
        judgement(
          found ? [finding('L', 'L', 'warning', 'inventory_accuracy_drop')] : [],
          ['L'],
          found ? [] : ['L'],
          'inventory_accuracy_drop',
        ),
        at,
      );
    drop(0, true);
    expect(summary(t, 0).map((c) => c[0])).toEqual(['new']);
    const kinds: string[] = [];
    for (let m = 1; m <= 30; m++) {
      drop(m * MIN, m % 4 !== 0); // clear for a minute every four minutes
      kinds.push(...summary(t, m * MIN).map((c) => String(c[0])));
    }
    expect(kinds.filter((k) => k === 'new')).toEqual([]);
    expect(t.open()).toHaveLength(1);
  });

  it('raised again within the cool-down it re-opens as an update of the same alert; after it, it is new', () => {
    const t = new AlertTracker(specs(), { holdMs: 0, cooldownMs: 30 * MIN });
    const cycle = (at: number) => {
      t.judge(judgement([finding('G', 'a')], ['a']), at);
      const raised = summary(t, at);
      t.judge(judgement([], ['a']), at + MIN);
      t.changes(at + MIN);
      t.changes(at + MIN);
      return raised.map((c) => c[0]);
    };
    expect(cycle(0)).toEqual(['new']);
    expect(cycle(10 * MIN)).toEqual(['update']);
    expect(cycle(100 * MIN)).toEqual(['new']);
  });

  it('history never raises nor adds a member, but keeps members it still finds and ends what it closes', () => {
    const t = new AlertTracker(specs(), { holdMs: 0, cooldownMs: 0 });
    t.judge(judgement([finding('OLD', 'x')], ['x']), 0, false);
    expect(summary(t, 0)).toEqual([]);
    t.judge(judgement([finding('G', 'a'), finding('G', 'c')], ['a', 'c']), 0);
    t.changes(0);
    // a ended; c is still at risk as history sees it (stays); b is at risk only in history's
    // state, whose later events may still be queued: it does not join the open alert.
    t.judge(judgement([finding('G', 'b'), finding('G', 'c')], ['a', 'b', 'c']), MIN, false);
    expect(summary(t, MIN)).toEqual([['update', 'cutoff_risk:collection:G', '1 in G']]);
    expect(t.membersOf('cutoff_risk')).toEqual(['c']);
  });

  it('a group whose own time has passed resolves at once, members and all', () => {
    const t = new AlertTracker(specs(60 * MIN), { holdMs: 10 * MIN, cooldownMs: 30 * MIN });
    t.judge(judgement([finding('G', 'a')], ['a']), 0);
    t.changes(0);
    expect(summary(t, 60 * MIN)).toEqual([['update', 'cutoff_risk:collection:G', 'resolved: its time passed']]);
    expect(t.membersOf('cutoff_risk')).toEqual([]);
  });

  it('a collection judged after its time, an order still open, resolves saying how many missed it', () => {
    const t = new AlertTracker(specs(60 * MIN), { holdMs: 10 * MIN, cooldownMs: 30 * MIN });
    t.judge(judgement([finding('G', 'a'), finding('G', 'b')], ['a', 'b']), 0);
    t.changes(0);
    // After the cutoff, a sweep of every open order: a shipped (gone), b still open (missed: kept, never found).
    t.judge(judgement([], 'all', ['b']), 60 * MIN);
    expect(t.changes(60 * MIN).map((c) => [c.stored.title, c.stored.resolve_reason])).toEqual([
      ['1 in G', 'its time passed'],
    ]);
    expect(t.membersOf('cutoff_risk')).toEqual([]);
  });

  it('a member that moves (reallocated) leaves its old group for the new one', () => {
    const t = new AlertTracker(specs(), { holdMs: 10 * MIN, cooldownMs: 30 * MIN });
    t.judge(judgement([finding('EAST', 'a'), finding('EAST', 'b')], ['a', 'b']), 0);
    t.changes(0);
    t.judge(judgement([finding('WEST', 'a')], ['a']), MIN);
    expect(summary(t, MIN).sort()).toEqual([
      ['new', 'cutoff_risk:collection:WEST', '1 in WEST'],
      ['update', 'cutoff_risk:collection:EAST', '1 in EAST'],
    ]);
  });

  it('an emptied group stays open for the cool-down: refilled within it, it is the same open alert', () => {
    const grouped = { ...specs(), exception_sla_breach: { ...spec('exception_sla_breach', true), grouped: true } };
    const t = new AlertTracker(grouped, { holdMs: 10 * MIN, cooldownMs: 30 * MIN });
    const queue = (at: number, keys: string[], judged: string[]) =>
      t.judge(
        judgement(
          keys.map((k) => finding('Q', k, 'warning', 'exception_sla_breach')),
          judged,
          [],
          'exception_sla_breach',
        ),
        at,
      );
    queue(0, ['x'], ['x']);
    t.changes(0);
    queue(MIN, [], ['x']);
    t.changes(MIN);
    expect(summary(t, 20 * MIN)).toEqual([]); // past the hold, within the cool-down: still open
    queue(25 * MIN, ['y'], ['y']);
    expect(summary(t, 25 * MIN)).toEqual([['update', 'exception_sla_breach:collection:Q', '1 in Q']]);
    queue(26 * MIN, [], ['y']);
    t.changes(26 * MIN);
    expect(summary(t, 56 * MIN).map((c) => c[2])).toEqual(['resolved: clear']);
  });

  it('a growing group is told at most every minUpdateMs, worse news at once', () => {
    const throttled = { ...specs(), carrier_exception: { ...spec('carrier_exception', false), minUpdateMs: MIN } };
    const t = new AlertTracker(throttled, { holdMs: 10 * MIN, cooldownMs: 30 * MIN });
    const parcels: Finding[] = [];
    const add = (at: number, key: string, severity: 'warning' | 'critical' = 'warning') => {
      parcels.push(finding('C', key, severity, 'carrier_exception'));
      t.judge(judgement([...parcels], 'all', [], 'carrier_exception'), at);
      return summary(t, at).map((c) => c[2]);
    };
    expect(add(0, 'a')).toEqual(['1 in C']);
    expect(add(10_000, 'b')).toEqual([]);
    expect(add(20_000, 'c')).toEqual([]);
    expect(add(30_000, 'd', 'critical')).toEqual(['4 in C']);
    expect(add(40_000, 'e')).toEqual([]);
    expect(summary(t, 95_000).map((c) => c[2])).toEqual(['5 in C']);
  });

  it('after a restart it goes on from the stored alerts: open ones with their members', () => {
    const a = new AlertTracker(specs(), { holdMs: 10 * MIN, cooldownMs: 30 * MIN });
    a.judge(judgement([finding('G', 'a'), finding('G', 'b')], ['a', 'b']), 0);
    const stored = a.changes(0).map((c) => c.stored);
    const b = new AlertTracker(specs(), { holdMs: 10 * MIN, cooldownMs: 30 * MIN });
    b.restore(stored, MIN);
    expect(b.membersOf('cutoff_risk').sort()).toEqual(['a', 'b']);
    b.judge(judgement([finding('G', 'a'), finding('G', 'b')], 'all'), 2 * MIN);
    expect(summary(b, 2 * MIN)).toEqual([]);
  });
});
