/**
 * A liveness probe in a process of its own, as an orchestrator's would be: GET URL every 100 ms
 * (5 s timeout) until stdin closes, then one JSON line: each probe's latency in ms (a failure counts
 * as its timeout) and the failures. Its own event loop has nothing else to do, so what it measures
 * is the server's answer, not the wait of a load generator's busy loop. Env: URL.
 */
export {};

const url = process.env.URL!;
const latencies: number[] = [];
let failures = 0;
let running = true;
let eventLoopP99Ms = 0;
process.stdin.on('end', () => void (running = false)).resume();

while (running) {
  const t0 = performance.now();
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
    const h = (await r.json()) as { event_loop?: { p99_ms: number } };
    latencies.push(performance.now() - t0);
    eventLoopP99Ms = Math.max(eventLoopP99Ms, h.event_loop?.p99_ms ?? 0);
    if (!r.ok) failures++;
  } catch {
    failures++;
    latencies.push(5000);
  }
  await new Promise((r) => setTimeout(r, Math.max(0, 100 - (performance.now() - t0))));
}
console.log(JSON.stringify({ latencies, failures, eventLoopP99Ms }));
