import { describe, expect, it } from 'vitest';
import { Simulator } from '../simulator/simulator';
import { historyLoad } from './history';

describe('historyLoad: what every view says while the simulator back-fills', () => {
  it('counts the history published so far and its depth, then goes away once live', async () => {
    const now = Date.parse('2026-11-18T12:00:00Z');
    const seen: (ReturnType<typeof historyLoad> & object)[] = [];
    const services = { services: { simulator: { status: () => sim.status(), configure: () => sim.status() } } };
    const sim: Simulator = new Simulator({
      seed: 3,
      rate: 0.5,
      backfillDays: 1,
      backfillEvents: 1_000_000,
      scenario: '',
      now: () => now,
      publish: async () => {
        const h = historyLoad(services);
        if (h) seen.push(h);
      },
    });
    expect(historyLoad(services)).toBeNull();
    expect(historyLoad({ services: {} })).toBeNull();
    await sim.backfill();
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((h) => h.hours === 24)).toBe(true);
    // Counted after each publish resolves: the first says none yet, then it only grows.
    expect(seen[0].events).toBe(0);
    expect(seen.at(-1)!.events).toBeGreaterThan(0);
    expect(seen.every((h, i) => i === 0 || h.events >= seen[i - 1].events)).toBe(true);
    sim.start(60_000);
    expect(historyLoad(services)).toBeNull();
    sim.stop();
  });
});
