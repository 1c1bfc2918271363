import { describe, expect, it } from 'vitest';
import type { AppliedNotice, ExceptionChange } from '@/lib/bus/messages';
import { appliedNotices, NOTICE_MAX_BYTES } from './notices';
import type { AppliedBatch } from './write';

const change = (i: number): ExceptionChange => ({
  exception_id: `exc-${i}-${'x'.repeat(i % 40)}`,
  category: 'late_shipment',
  entity: { kind: 'order', id: `ORD-${i}` },
  warehouse_id: 'DC-EAST',
  status: i % 3 === 0 ? 'closed' : 'open',
  opened_at: '2026-11-30T10:00:00.000Z',
  closed_at: i % 3 === 0 ? '2026-11-30T11:00:00.000Z' : null,
});

const batch = (exceptions: ExceptionChange[]): AppliedBatch => ({
  events: 42,
  families: {},
  duplicates: 0,
  deadLetters: [],
  lastEventAt: Date.UTC(2026, 10, 30, 12),
  touched: [],
  exceptions,
});

describe('the ops.updates notices of a write', () => {
  it('a re-derive that changed 9,000 exceptions: every one once, in order, in messages a broker accepts', () => {
    // A broker refuses a record over message.max.bytes (1 MB): one notice of 9,000 changes was ~2 MB.
    const exceptions = Array.from({ length: 9000 }, (_, i) => change(i));
    const values = appliedNotices(batch(exceptions));
    expect(values.length).toBeGreaterThan(1);
    for (const v of values) expect(Buffer.byteLength(v)).toBeLessThanOrEqual(NOTICE_MAX_BYTES);
    const notices = values.map((v) => JSON.parse(v) as AppliedNotice);
    expect(notices.flatMap((n) => n.exceptions)).toEqual(exceptions);
    expect(notices.reduce((n, x) => n + x.events, 0)).toBe(42);
    expect(new Set(notices.map((n) => n.last_event_at))).toEqual(new Set(['2026-11-30T12:00:00.000Z']));
  });

  it('a usual write is one notice', () => {
    const values = appliedNotices(batch([change(1)]));
    expect(values.map((v) => JSON.parse(v))).toEqual([
      { events: 42, last_event_at: '2026-11-30T12:00:00.000Z', exceptions: [change(1)] },
    ]);
    expect(appliedNotices({ ...batch([]), lastEventAt: null }).map((v) => JSON.parse(v))).toEqual([
      { events: 42, last_event_at: null, exceptions: [] },
    ]);
  });
});
