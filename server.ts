import { createServer } from 'node:http';
import next from 'next';
import { Server as SocketServer } from 'socket.io';
import type { LiveServer } from '@/lib/live/contract';
import { KafkaBus } from '@/lib/bus/kafka';
import { MEMORY_PARTITIONS, MemoryBus } from '@/lib/bus/memory';
import type { Bus } from '@/lib/bus/types';
import { loadConfigOrExit } from '@/lib/config';
import { closeWhenBodyUnread, stampPeer } from '@/lib/http/client';
import { answerHealth } from '@/lib/http/fastHealth';
import { publishEvents } from '@/lib/ingest/publish';
import { Admission } from '@/lib/ingest/admission';
import { Probes } from '@/lib/health';
import { LiveHub } from '@/lib/live/hub';
import { ensureFirstAdmin } from '@/lib/auth/users';
import { startClockAt, now as clockNow } from '@/lib/clock';
import { createLogger, processLogSink } from '@/lib/log';
import { exitOnSignals } from '@/lib/shutdown';
import { createMetrics } from '@/lib/metrics';
import { setRuntime, type Runtime } from '@/lib/runtime';
import { openStore } from '@/lib/store/client';
import { migrate } from '@/lib/store/migrate';
import { getFreshness } from '@/lib/queries/getFreshness';
import { Simulator } from '@/lib/simulator/simulator';
import { startProcessor, type ProcessorService } from '@/stream-processor/service';
import { setEventTimeBounds } from '@/lib/events/common';
import { startNotifier } from '@/lib/notify/service';

/**
 * One process: Next.js and socket.io on one HTTP server, plus (embedded mode) the in-process bus,
 * the stream processor and the simulator. In distributed mode the processor runs as its own
 * service (`npm run processor`) and this process is the web app only.
 */
async function main() {
  const config = loadConfigOrExit();
  startClockAt(config.clockStartMs);
  setEventTimeBounds(config.eventTime);
  const log = createLogger(config.logLevel, 'ops-pulse');
  const metrics = createMetrics();
  const startedAt = Date.now();

  const store = await openStore(config);
  const { applied } = await migrate(store.client);
  if (applied.length > 0) log.info({ applied }, 'migrations applied');

  let bus: Bus;
  if (config.kafka) {
    bus = await KafkaBus.connect(config.kafka, log);
  } else {
    // The processor gathers topics' batches for OPS_BATCH_WAIT_MS; the bus only needs to hand them over.
    bus = new MemoryBus({
      maxBatch: config.batch.maxEvents,
      batchWaitMs: Math.min(5, config.batch.waitMs),
      partitions: MEMORY_PARTITIONS,
    });
  }

  const dev = process.env.NODE_ENV === 'development';
  const app = next({ dev, dir: process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    if (answerHealth(req, res)) return;
    stampPeer(req);
    closeWhenBodyUnread(req, res);
    void handle(req, res);
  });
  const io: LiveServer = new SocketServer(server, { path: '/socket.io', serveClient: false });

  const runtime: Runtime = {
    config,
    store,
    bus,
    metrics,
    log,
    startedAt,
    admission: new Admission(config.limits.ingestMaxPending),
    probes: new Probes({ store, bus }),
    services: {},
  };
  await runtime.probes.start();
  setRuntime(runtime);
  const hub = new LiveHub(io, runtime);
  await hub.start();

  const first = await ensureFirstAdmin(store.client);
  if (first) {
    // Printed once: no default password exists anywhere.
    processLogSink().write(
      `\n  First start: created user "${first.username}" with password: ${first.password}\n  Sign in and change it, or add users with \`npm run users\`.\n\n`,
    );
  }

  let processor: ProcessorService | undefined;
  if (config.processorInProcess) {
    processor = await startProcessor({ bus, store: store.client, config, metrics, log });
    runtime.services.processor = processor;
  }

  const notifier = await startNotifier({ metrics, store, bus, log, config, runsProcessor: config.processorInProcess });

  let simulator: Simulator | undefined;
  if (config.simulator.enabled) {
    const empty = (await getFreshness(store.reader)).every((f) => f.events === 0);
    simulator = new Simulator({
      ...config.simulator,
      backfillDays: empty ? config.simulator.backfillDays : 0,
      now: clockNow,
      publish: (events, opts) =>
        publishEvents(
          bus,
          events.map((event) => ({ event })),
          opts,
        ),
      onError: (err) => log.error({ err }, 'simulator tick failed'),
    });
    runtime.services.simulator = { status: () => simulator!.status(), configure: (k) => simulator!.configure(k) };
  }

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  log.info({ port: config.port, mode: config.mode, store: store.kind, bus: bus.kind }, 'Ops Pulse listening');

  if (simulator) {
    const sim = simulator;
    void (async () => {
      const t = Date.now();
      await sim.backfill();
      if (sim.stats.backfilled > 0)
        log.info({ events: sim.stats.backfilled, ms: Date.now() - t }, 'simulator back-fill done');
      if (sim.stats.phase !== 'stopped') sim.start();
    })().catch((err) => log.error({ err }, 'simulator failed'));
  }

  exitOnSignals(log, config.shutdownGraceMs, async (signal) => {
    log.info({ signal }, 'shutting down: flushing and stopping');
    simulator?.stop();
    io.close();
    server.closeIdleConnections();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      setTimeout(resolve, 5000).unref();
    });
    await processor?.stop();
    await notifier?.stop();
    await hub.close();
    runtime.probes.stop();
    await bus.close();
    await store.close();
    log.info('stopped');
  });
}

main().catch((err) => {
  console.error('fatal: could not start Ops Pulse:', err);
  process.exit(1);
});
