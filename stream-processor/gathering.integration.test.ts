import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { AWAITED_HEADER, REPLAY_HEADER } from '@/lib/ingest/publish';
import type { StoreHandle } from '@/lib/store/client';
import { orderBatch, testProcessor } from '@/test/processor';
import type { StreamProcessor } from './processor';

const GATHER_MS = 4000;
let store: StoreHandle;
let processor: StreamProcessor;
const writes: number[] = [];
beforeAll(async () => {
  ({ store, processor } = await testProcessor('ops-gather-', {
    coalesceMs: GATHER_MS,
    onApplied: (a) => void writes.push(a.events),
  }));
});
afterAll(async () => store?.close());

let offset = 0;
const batchOf = (orderId: string) => orderBatch(0, [orderId], offset++);

/**
 * A processor at duty 0.5 whose every write takes a second of the test's clock (fake timers, set
 * by the caller): `duringWrite` runs inside the next write, before its insert.
 */
async function pacedProcessor(maxBatchEvents: number) {
  const paced: number[] = [];
  const hooks: { duringWrite?: () => void } = {};
  const { processor: p } = await testProcessor('', {
    on: store,
    coalesceMs: 5,
    duty: 0.5,
    maxBatchEvents,
    onWriting: () => {
      vi.setSystemTime(Date.now() + 1000);
      const during = hooks.duringWrite;
      hooks.duringWrite = undefined;
      during?.();
      return () => undefined;
    },
    onApplied: (a) => void paced.push(a.events),
  });
  return { p, paced, hooks };
}

it('writes a lone event after a quiet spell at once, and a trickle no more than once per gathering', async () => {
  // The processor's clock and timers are the test's (the store's I/O is real): no verdict depends on
  // how fast this machine writes.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  try {
    // Idle: the first event is written after a few ms, not held for the gathering.
    const first = processor.handle(batchOf('GATHER-1'));
    await vi.advanceTimersByTimeAsync(5);
    expect(processor.pending()).toBe(0); // taken for a write
    await first;
    expect(writes).toEqual([1]);
    // Right behind a write, the next waits until a gathering after that write started.
    const second = processor.handle(batchOf('GATHER-2'));
    await vi.advanceTimersByTimeAsync(GATHER_MS - 10);
    expect(processor.pending()).toBe(1);
    await vi.advanceTimersByTimeAsync(10);
    await second;
    expect(writes).toEqual([1, 1]);
  } finally {
    vi.useRealTimers();
  }
});

it("after a live trickle's write, leaves the machine an idle spell as long as the write (duty 0.5); not after history, a large write or with a backlog", async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  try {
    const { p, paced } = await pacedProcessor(40);
    const first = p.handle(batchOf('PACED-1'));
    await vi.advanceTimersByTimeAsync(5);
    await first;
    // Behind a write of a second, the next waits a second more, not the 5 ms gathering.
    const second = p.handle(batchOf('PACED-2'));
    await vi.advanceTimersByTimeAsync(990);
    expect(p.pending()).toBe(1);
    await vi.advanceTimersByTimeAsync(20);
    await second;
    expect(paced).toEqual([1, 1]);
    // Not held after history (a back-fill), a large write (a twentieth of a full batch: two events
    // here) or a write with a backlog behind it (a consumer catching up): each a second long too,
    // and the next live event is written after the 5 ms gathering alone.
    const history = batchOf('PACED-3');
    for (const m of history.messages) m.headers[REPLAY_HEADER] = '1';
    const behind = batchOf('PACED-7');
    behind.backlog = () => 2;
    for (const [write, next] of [
      [history, 'PACED-4'],
      [orderBatch(0, ['PACED-5', 'PACED-6'], offset++), 'PACED-8'],
      [behind, 'PACED-9'],
    ] as const) {
      await vi.advanceTimersByTimeAsync(2010); // the spell of the trickle before, if any
      await Promise.all([p.handle(write), vi.advanceTimersByTimeAsync(5)]);
      const live = p.handle(batchOf(next));
      await vi.advanceTimersByTimeAsync(10);
      expect(p.pending()).toBe(0);
      await live;
    }
    expect(paced).toEqual([1, 1, 1, 1, 2, 1, 1, 1]);
  } finally {
    vi.useRealTimers();
  }
});

it("writes an awaited record (an operator's action) without the idle spell, whether it comes after the write or during the spell", async () => {
  // setImmediate too: the write loop yields a turn before taking what queued while it ran.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'setImmediate'] });
  try {
    const { p, paced, hooks } = await pacedProcessor(100);
    const awaited = (orderId: string) => {
      const b = batchOf(orderId);
      for (const m of b.messages) m.headers[AWAITED_HEADER] = '1';
      return b;
    };
    const first = p.handle(batchOf('AWAIT-1'));
    await vi.advanceTimersByTimeAsync(5);
    await first;
    // Right after a trickle's write of a second: written after the gathering, not a second later.
    const action = p.handle(awaited('AWAIT-2'));
    await vi.advanceTimersByTimeAsync(10);
    expect(p.pending()).toBe(0);
    await action;
    // A live event handed in during a write sits out the spell after it, until an action comes.
    await vi.advanceTimersByTimeAsync(2010);
    let live: Promise<void> | undefined;
    hooks.duringWrite = () => void (live = p.handle(batchOf('AWAIT-4')));
    const third = p.handle(batchOf('AWAIT-3'));
    await vi.advanceTimersByTimeAsync(5);
    await third;
    await vi.advanceTimersByTimeAsync(100);
    expect(p.pending()).toBe(1);
    const second = p.handle(awaited('AWAIT-5'));
    await vi.advanceTimersByTimeAsync(10);
    expect(p.pending()).toBe(0);
    await Promise.all([live, second]);
    expect(paced).toEqual([1, 1, 1, 2]);
  } finally {
    vi.useRealTimers();
  }
});

it('ends the idle spell when an awaited record queues in the bus behind a batch it holds', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  try {
    const { p, paced } = await pacedProcessor(100);
    const first = p.handle(batchOf('BEHIND-1'));
    await vi.advanceTimersByTimeAsync(5);
    await first;
    // A live batch handed in after a write of a second sits out the spell; the bus holds the
    // partition's next records (an action among them) until it is written.
    let actionQueued = false;
    const held = batchOf('BEHIND-2');
    held.awaitedBehind = () => actionQueued;
    const live = p.handle(held);
    await vi.advanceTimersByTimeAsync(100);
    expect(p.pending()).toBe(1);
    actionQueued = true;
    await vi.advanceTimersByTimeAsync(30);
    expect(p.pending()).toBe(0);
    await live;
    expect(paced).toEqual([1, 1]);
  } finally {
    vi.useRealTimers();
  }
});

it("appends an operator's action handed in while the batch before it is derived, and answers it before that derivation ends", async () => {
  const derivationEnd = { reached: false, release: () => undefined as void };
  const ended = new Promise<void>((r) => (derivationEnd.release = r));
  const { processor: p } = await testProcessor('', {
    on: store,
    publishDeadLetters: async () => {
      derivationEnd.reached = true;
      await ended;
    },
  });
  // Its dead letter holds the first batch's derivation at its last step, after the rollup.
  const first = batchOf('DURING-1');
  first.messages.push({ ...first.messages[0], offset: String(offset++), value: Buffer.from('{"not":"an event"}') });
  const written = p.handle(first);
  await vi.waitFor(() => expect(derivationEnd.reached).toBe(true), { timeout: 20_000 });
  const action = batchOf('DURING-2');
  for (const m of action.messages) m.headers[AWAITED_HEADER] = '1';
  let stored = false;
  action.stored = () => void (stored = true);
  const answered = p.handle(action);
  await vi.waitFor(() => expect(stored).toBe(true), { timeout: 20_000 });
  expect(first.resolved).toEqual([]);
  derivationEnd.release();
  await Promise.all([written, answered]);
  expect([first.resolved.length, action.resolved]).toEqual([2, [action.messages[0].offset]]);
});
