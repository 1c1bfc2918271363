/**
 * Calls started one after another: each begins once the one before has settled (either way). A
 * chDB connection runs one statement at a time, and each async call it has not started yet still
 * holds one of libuv's four worker threads while it waits: the processor's nine parallel writes of
 * a pass took all four, so dashboard reads on the other connection, and file I/O, queued behind
 * them (board p95 797 ms while ingesting at 10M events, 281 ms with a larger pool, 238 ms queued
 * here). Queued in JS, a waiting call holds nothing.
 */
export function oneAtATime(): <T>(start: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(start: () => Promise<T>) => {
    const p = tail.then(start, start);
    tail = p.catch(() => undefined);
    return p;
  };
}
