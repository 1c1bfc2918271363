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
    const p = bus
      .publish('t', [
        { key: 'k', value: 'a' },
        { key: 'k', value: 'b' },
      ])
      .then(() => (done = true));
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
    await bus.publish(
      't',
      ['a', 'b', 'c'].map((value) => ({ key: null, value })),
    );
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(failures).toBe(2);
    await sub.stop();
  });

  it('does not wait when nobody consumes the topic', async () => {
    const bus = new MemoryBus({ maxBatch: 10, batchWaitMs: 0 });
    await expect(bus.publish('ops.commands', [{ key: null, value: 'x' }])).resolves.toBeUndefined();
  });
});

describe('MemoryBus partitions', () => {
  it('keeps each key in order on its own partition and spreads keys over partitions', async () => {
    const bus = new MemoryBus({ maxBatch: 7, batchWaitMs: 0, partitions: 4 });
    const seen = new Map<string, string[]>();
    const partitionsOf = new Map<string, Set<number>>();
    const sub = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      onBatch: async (b: Batch) => {
        await new Promise((r) => setTimeout(r, Math.random() * 5));
        for (const m of b.messages) {
          seen.set(m.key!, [...(seen.get(m.key!) ?? []), m.value.toString()]);
          partitionsOf.set(m.key!, (partitionsOf.get(m.key!) ?? new Set()).add(m.partition));
          b.resolveOffset(m.offset);
        }
      },
    });
    const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
    await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        bus.publish(
          't',
          keys.map((k) => ({ key: k, value: String(n) })),
        ),
      ),
    );
    for (const k of keys) {
      expect(seen.get(k)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
      expect(partitionsOf.get(k)!.size).toBe(1);
    }
    expect(new Set(keys.map((k) => [...partitionsOf.get(k)!][0])).size).toBeGreaterThan(1);
    await sub.stop();
  });
});
