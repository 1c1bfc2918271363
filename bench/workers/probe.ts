/**
 * A liveness probe in a process of its own, as an orchestrator's would be: probeHealth on URL until
 * stdin closes, then its result as one JSON line. Its own event loop has nothing else to do, so what
 * it measures is the server's answer, not the wait of a load generator's busy loop. Env: URL.
 */
import { probeHealth } from '../lib';

let running = true;
process.stdin.on('end', () => void (running = false)).resume();
console.log(JSON.stringify(await probeHealth(process.env.URL!, () => running)));
