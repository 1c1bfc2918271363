import { describe, expect, it } from 'vitest';
import { DAY_MS, parseWindow, windowOf } from './window';

const now = new Date('2026-11-30T06:00:00Z');

describe('parseWindow', () => {
  it('defaults to the last 24 hours, with the previous 24 hours for trends', () => {
    const r = parseWindow({}, now);
    expect(r.ok && r.window).toMatchObject({
      range: '24h',
      from: new Date(now.getTime() - DAY_MS),
      to: now,
      channel: '',
      warehouse: '',
    });
    expect(r.ok && r.window.previous).toEqual({
      from: new Date(now.getTime() - 2 * DAY_MS),
      to: new Date(now.getTime() - DAY_MS),
    });
  });

  it('reads presets, and today starts at midnight in the given zone', () => {
    const week = parseWindow({ range: '7d' }, now);
    expect(week.ok && week.window.from).toEqual(new Date('2026-11-23T06:00:00Z'));
    const today = parseWindow({ range: 'today' }, now, 'America/New_York');
    expect(today.ok && today.window.from).toEqual(new Date('2026-11-30T05:00:00Z'));
  });

  it('reads from/to as a custom window; from alone ends now', () => {
    const r = parseWindow({ from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00+01:00' }, now);
    expect(r.ok && [r.window.range, r.window.from.toISOString(), r.window.to.toISOString()]).toEqual([
      'custom',
      '2026-11-01T00:00:00.000Z',
      '2026-11-01T23:00:00.000Z',
    ]);
    const open = parseWindow({ from: '2026-11-29T00:00:00Z' }, now);
    expect(open.ok && open.window.to).toEqual(now);
  });

  it.each([
    [{ range: 'forever' }, 'range'],
    [{ from: '2026-11-01' }, 'from'],
    [{ from: 'yesterday' }, 'from'],
    [{ to: '2026-11-01T00:00:00' }, 'to'],
    [{ from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 'from'],
    [{ from: '2025-01-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 'from'],
    [{ channel: "web' OR 1=1" }, 'channel'],
    [{ warehouse: 'x'.repeat(129) }, 'warehouse'],
  ])('refuses %j, naming %s', (input, path) => {
    const r = parseWindow(input, now);
    expect(r.ok ? null : r.issue.path).toBe(path);
  });

  it('a page falls back to the last 24 hours and says why', () => {
    const w = windowOf({ from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z', channel: 'web' }, now);
    expect([w.range, w.to, w.invalid?.message]).toEqual(['24h', now, 'from must be before to']);
  });
});
