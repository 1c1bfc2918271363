import { describe, expect, it } from 'vitest';
import { clockTime, dayTime, humanDuration } from './duration';

describe('human durations and times', () => {
  it('says durations in at most two whole units', () => {
    const min = 60_000;
    expect(
      [45_000, 12 * min, 60 * min, 13 * 60 * min + 20 * min, 52 * 60 * min, 16024 * min, -244 * 60 * min].map((ms) =>
        humanDuration(ms),
      ),
    ).toEqual(['45 s', '12 min', '1 h', '13 h 20 min', '2 d 4 h', '11 d 3 h', '−10 d 4 h']);
  });

  it('a countdown under an hour ticks in seconds; longer ones read as usual', () => {
    expect(humanDuration(252_000, { seconds: true })).toBe('4 min 12 s');
    expect(humanDuration(-65_000, { seconds: true })).toBe('−1 min 05 s');
    expect(humanDuration(3_900_000, { seconds: true })).toBe('1 h 5 min');
  });

  it('says times in the warehouse’s own zone', () => {
    const t = Date.parse('2026-11-30T22:00:00Z');
    expect(clockTime(t, 'America/New_York')).toBe('17:00 EST');
    expect(dayTime(t, 'Europe/Amsterdam')).toBe('Mon, Nov 30, 23:00 GMT+1');
  });
});
