import { describe, expect, it } from 'vitest';
import { summarizeFreshness, type FamilyFreshness } from './getFreshness';

const fam = (family: FamilyFreshness['family'], appliedAt: string | null, lagMs: number): FamilyFreshness => ({
  family,
  lastEventAt: appliedAt,
  appliedAt,
  lagMs,
  events: appliedAt ? 10 : 0,
});

describe('summarizeFreshness: the processor lag every view shows', () => {
  it("is the lag of the families written lately, not a quiet family's last write", () => {
    const s = summarizeFreshness([
      fam('orders', '2026-12-02T16:31:17.476Z', 800),
      fam('inventory', '2026-12-02T16:30:40.000Z', 1200),
      // Last written by the back-fill, 20 minutes before: its 4.3 s is no lag now.
      fam('returns', '2026-12-02T16:11:17.000Z', 4320),
      fam('carrier', null, 0),
    ]);
    expect(s).toMatchObject({ applied_at: '2026-12-02T16:31:17.476Z', lag_ms: 1200, events_applied: 30 });
  });

  it('counts a family written within a minute of the newest write, and is 0 with no write at all', () => {
    const edge = summarizeFreshness([
      fam('orders', '2026-12-02T16:31:00.000Z', 500),
      fam('returns', '2026-12-02T16:30:00.000Z', 9000),
    ]);
    expect(edge.lag_ms).toBe(9000);
    expect(summarizeFreshness([fam('orders', null, 0)]).lag_ms).toBe(0);
  });
});
