import { waitFor } from '@/test/processes';
import { chunks, peakRssMb } from './lib';
import { applied, BENCH_ADMIN, startWeb } from './web';

/**
 * POST /api/events as integrators send: `clients` clients, each sending 5,000-line NDJSON bodies
 * one after another, honouring 429/503 Retry-After (the same body again), until GET /api/kpis
 * shows every event applied. The server is `npm start`'s (heap cap, embedded), simulator off.
 */
export async function postPath(file: string, n: number, clients = 2, lines = 5000) {
  const web = await startWeb();
  try {
    const source = chunks(file, lines);
    const refused = { 429: 0, 503: 0 };
    let requests = 0;
    let waitedMs = 0;
    const started = performance.now();
    const client = async (c: number) => {
      const token = c === 0 ? BENCH_ADMIN : `${BENCH_ADMIN}-2`;
      for (let next = await source.next(); !next.done; next = await source.next()) {
        const body = next.value.map((l) => l.json).join('\n');
        for (;;) {
          const r = await fetch(`${web.url}/api/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
            body,
          });
          requests++;
          if (r.status === 429 || r.status === 503) {
            refused[r.status]++;
            const wait = Number(r.headers.get('retry-after') ?? 1) * 1000;
            waitedMs += wait;
            await r.arrayBuffer();
            await new Promise((res) => setTimeout(res, wait));
            continue;
          }
          if (!r.ok) throw new Error(`POST /api/events: ${r.status} ${await r.text()}`);
          await r.arrayBuffer();
          break;
        }
      }
    };
    await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
    const answered = performance.now();
    await waitFor(
      'every event on /api/kpis',
      async () => ((await applied(web.url)) >= n ? true : undefined),
      3_600_000,
      250,
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      events: n,
      clients,
      linesPerRequest: lines,
      requests,
      refused,
      waitedMs,
      seconds,
      perSecond: n / seconds,
      answeredSeconds: (answered - started) / 1000,
      peakRssMb: peakRssMb(web.proc.pid),
    };
  } finally {
    await web.stop();
  }
}
