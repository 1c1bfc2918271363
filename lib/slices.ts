/** One turn of the event loop: what is waiting (I/O callbacks, timers, requests) runs first. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Long loops on the event loop give it back every `budgetMs`: health probes, socket pushes and
 * other requests wait at most one slice, whatever one item costs (a count of items per slice
 * made slices 30 ms on a quiet machine and several times that on a busy one).
 */
export function slices(budgetMs = 8): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < budgetMs) return undefined;
    return nextTurn().then(() => {
      since = performance.now();
    });
  };
}
