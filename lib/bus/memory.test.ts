import { describe, expect, it } from 'vitest';
import { MemoryBus } from './memory';
import type { Batch } from './types';

describe('MemoryBus', () => {
  it('resolves publish only after the consumer committed the records', async () => {
    const bus = new MemoryBus({ maxBatch: 100, batchWaitMs: 0 });
    const seen: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const sub = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      onBatch: async (b: Batch) => {
        await gate;
        for (const m of b.messages) {
          seen.push(m.value.toString());
          b.resolveOffset(m.offset);
        }
      },
    });
    let done = false;
    const p = bus.publish('t', [{ key: 'k', value: 'a' }, { key: 'k', value: 'b' }]).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    release();
    await p;
    expect(seen).toEqual(['a', 'b']);
    await sub.stop();
  });

  it('redelivers what a failed batch did not resolve, in order', async () => {
    const bus = new MemoryBus({ maxBatch: 10, batchWaitMs: 0 });
    const seen: string[] = [];
    let failures = 0;
    const sub = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      onBatch: async (b) => {
        for (const m of b.messages) {
          if (m.value.toString() === 'b' && failures++ === 0) throw new Error('store down');
          seen.push(m.value.toString());
          b.resolveOffset(m.offset);
        }
      },
    });
    await bus.publish('t', ['a', 'b', 'c'].map((value) => ({ key: null, value })));
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(failures).toBe(2);
    await sub.stop();
  });

  it('does not wait when nobody consumes the topic', async () => {
    const bus = new MemoryBus({ maxBatch: 10, batchWaitMs: 0 });
    await expect(bus.publish('ops.commands', [{ key: null, value: 'x' }])).resolves.toBeUndefined();
  });
});
