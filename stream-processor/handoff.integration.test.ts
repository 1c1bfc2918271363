import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StoreHandle } from '@/lib/store/client';
import { orderBatch, testProcessor } from '@/test/processor';
import type { StreamProcessor } from './processor';

let store: StoreHandle;
let processor: StreamProcessor;
/** What the hook after the next write hands in, and after how many turns. */
let handOff: { turns: number; written: Promise<void> | null; order: string } | null = null;
beforeAll(async () => {
  ({ store, processor } = await testProcessor('ops-handoff-', {
    coalesceMs: 0,
    // As the rules do on the in-process bus: a write's hook publishes, and the processor is handed
    // the new batch a few turns later, while the write that ran the hook may still be ending.
    onApplied: async () => {
      const h = handOff;
      if (!h || h.written) return;
      for (let i = 0; i < h.turns; i++) await null;
      h.written = processor.handle(orderBatch(1, [h.order]));
    },
  }));
});
afterAll(async () => store?.close());

const within = (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => 'written'), new Promise((r) => setTimeout(() => r('never written'), ms))]);

it('a batch handed in while the write before it ends is written, however few turns apart', async () => {
  const verdicts: string[] = [];
  for (let turns = 0; turns <= 12; turns++) {
    handOff = { turns, written: null, order: `HANDOFF-B-${turns}` };
    await processor.handle(orderBatch(0, [`HANDOFF-A-${turns}`]));
    while (!handOff.written) await new Promise((r) => setTimeout(r, 1));
    verdicts.push(`${turns} turns: ${await within(handOff.written, 60_000)}`);
  }
  expect(verdicts).toEqual(Array.from({ length: 13 }, (_, t) => `${t} turns: written`));
});
