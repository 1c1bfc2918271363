import { describe, expect, it } from 'vitest';
import { oneAtATime } from './oneAtATime';

/** A call whose end the test decides. */
function controlled() {
  let settle!: (ok: boolean) => void;
  const done = new Promise<string>((resolve, reject) => {
    settle = (ok) => (ok ? resolve('ok') : reject(new Error('refused')));
  });
  return { done, settle };
}

describe('oneAtATime', () => {
  it('starts a call only once the one before has settled, in order, failures included', async () => {
    const inTurn = oneAtATime();
    const started: string[] = [];
    const [a, b, c] = [controlled(), controlled(), controlled()];
    const pa = inTurn(() => (started.push('a'), a.done));
    const pb = inTurn(() => (started.push('b'), b.done));
    const pc = inTurn(() => (started.push('c'), c.done));
    await Promise.resolve();
    expect(started).toEqual(['a']);
    a.settle(false);
    await expect(pa).rejects.toThrow('refused');
    expect(started).toEqual(['a', 'b']); // a failure does not stop the queue
    b.settle(true);
    await expect(pb).resolves.toBe('ok');
    expect(started).toEqual(['a', 'b', 'c']);
    c.settle(true);
    await expect(pc).resolves.toBe('ok');
  });
});
