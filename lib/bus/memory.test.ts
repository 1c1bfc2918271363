import { describe, expect, it, vi } from 'vitest';
import { MemoryBus } from './memory';
import type { Batch } from './types';

/** A handler's stand-in for a write still running: `wait` settles once `release` is called. */
function gate() {
  let release!: () => void;
  const wait = new Promise<void>((r) => (release = r));
  return { wait, release };
}

/**
 * Subscribes a handler that marks each batch stored at once and holds the first one's derivation
 * until `release` (then fails it, with `fail`); `handed` lists each batch's values.
 */
async function holdFirst(bus: MemoryBus, fail = false) {
  const derivation = gate();
  const handed: string[][] = [];
  const sub = await bus.subscribe({
    groupId: 'g',
    topics: ['t'],
    onBatch: async (b: Batch) => {
      handed.push(b.messages.map((m) => m.value.toString()));
      b.stored?.(b.messages[b.messages.length - 1].offset);
      if (handed.length === 1) {
        await derivation.wait;
        if (fail) throw new Error('derivation failed');
      }
      for (const m of b.messages) b.resolveOffset(m.offset);
    },
  });
  return { handed, release: derivation.release, sub };
}

describe('MemoryBus', () => {
  it('resolves publish only after the consumer committed the records', async () => {
    const bus = new MemoryBus({ maxBatch: 100, batchWaitMs: 0 });
    const seen: string[] = [];
    const write = gate();
    const sub = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      onBatch: async (b: Batch) => {
        await write.wait;
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
    write.release();
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

  it("answers an ack 'stored' publisher once the consumer has the records on record, others only once committed", async () => {
    const bus = new MemoryBus({ maxBatch: 100, batchWaitMs: 0 });
    const derivation = gate();
    const sub = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      onBatch: async (b: Batch) => {
        b.stored?.(b.messages[b.messages.length - 1].offset);
        await derivation.wait;
        for (const m of b.messages) b.resolveOffset(m.offset);
      },
    });
    const heard: string[] = [];
    const action = bus.publish('t', [{ key: 'k', value: 'a' }], { ack: 'stored' }).then(() => heard.push('action'));
    const plain = bus.publish('t', [{ key: 'k', value: 'b' }]).then(() => heard.push('plain'));
    await action;
    expect(heard).toEqual(['action']);
    derivation.release();
    await plain;
    expect(heard).toEqual(['action', 'plain']);
    await sub.stop();
  });

  it("tells the batch being handled when an ack 'stored' record queues behind it", async () => {
    const bus = new MemoryBus({ maxBatch: 100, batchWaitMs: 0 });
    const write = gate();
    const seen: boolean[] = [];
    let first: Batch | undefined;
    const sub = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      onBatch: async (b: Batch) => {
        first ??= b;
        if (b === first) {
          seen.push(b.awaitedBehind!());
          await write.wait;
        }
        for (const m of b.messages) b.resolveOffset(m.offset);
      },
    });
    const held = bus.publish('t', [{ key: 'k', value: 'live' }]);
    await vi.waitFor(() => expect(seen).toEqual([false]));
    const plain = bus.publish('t', [{ key: 'k', value: 'more live' }]);
    expect(first!.awaitedBehind!()).toBe(false);
    const action = bus.publish('t', [{ key: 'k', value: 'action' }], { ack: 'stored' });
    expect(first!.awaitedBehind!()).toBe(true);
    write.release();
    await Promise.all([held, plain, action]);
    await sub.stop();
  });

  it('hands the next batch early once the one being handled is on record and an action queues behind it', async () => {
    const bus = new MemoryBus({ maxBatch: 100, batchWaitMs: 0 });
    const { handed, release, sub } = await holdFirst(bus);
    const heard: string[] = [];
    const held = bus.publish('t', [{ key: 'k', value: 'live' }]).then(() => heard.push('live'));
    await vi.waitFor(() => expect(handed).toHaveLength(1));
    // A plain record behind a stored batch waits for its commit, as before.
    const plain = bus.publish('t', [{ key: 'k', value: 'more live' }]).then(() => heard.push('more live'));
    await new Promise((r) => setTimeout(r, 20));
    expect(handed).toHaveLength(1);
    // An action behind it is handed at once (with the plain record before it), stored and answered
    // while the first batch's derivation still runs; nothing is committed out of order.
    await bus.publish('t', [{ key: 'k', value: 'action' }], { ack: 'stored' });
    expect(handed).toEqual([['live'], ['more live', 'action']]);
    expect(heard).toEqual([]);
    release();
    await Promise.all([held, plain]);
    expect(heard).toEqual(['live', 'more live']);
    await sub.stop();
  });

  it('redelivers the early batch too when the batch before it fails', async () => {
    const bus = new MemoryBus({ maxBatch: 100, batchWaitMs: 0 });
    const { handed, release, sub } = await holdFirst(bus, true);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const held = bus.publish('t', [{ key: 'k', value: 'live' }]);
    await vi.waitFor(() => expect(handed).toHaveLength(1));
    await bus.publish('t', [{ key: 'k', value: 'action' }], { ack: 'stored' });
    release();
    await held;
    // As Kafka would after a failure: from the first uncommitted offset on, the action included.
    expect(handed).toEqual([['live'], ['action'], ['live', 'action']]);
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
    await sub.stop();
  });

  it('gathers records for the batch wait counted from the oldest one, not from when the consumer looks', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const bus = new MemoryBus({ maxBatch: 100, batchWaitMs: 200 });
      const taken: number[] = [];
      const sub = await bus.subscribe({
        groupId: 'g',
        topics: ['t'],
        onBatch: async (b: Batch) => {
          taken.push(Date.now());
          if (taken.length === 1) await new Promise((r) => setTimeout(r, 400)); // a slow write
          for (const m of b.messages) b.resolveOffset(m.offset);
        },
      });
      const one = bus.publish('t', [{ key: 'k', value: 'a' }]);
      await vi.advanceTimersByTimeAsync(250); // the first batch (taken at 200) is being written
      const two = bus.publish('t', [{ key: 'k', value: 'b' }]);
      await vi.advanceTimersByTimeAsync(1000);
      await Promise.all([one, two]);
      // 'b' waited 350 ms behind the write: taken when it ended (600), not another 200 ms later.
      expect(taken).toEqual([200, 600]);
      await sub.stop();
    } finally {
      vi.useRealTimers();
    }
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
