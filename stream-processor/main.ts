import { createServer } from 'node:http';
import { KafkaBus } from '@/lib/bus/kafka';
import { loadConfigOrExit } from '@/lib/config';
import { startClockAt } from '@/lib/clock';
import { createLogger } from '@/lib/log';
import { exitOnSignals } from '@/lib/shutdown';
import { createMetrics } from '@/lib/metrics';
import { openStore } from '@/lib/store/client';
import { migrate } from '@/lib/store/migrate';
import { startProcessor } from './service';
import { Probes } from '@/lib/health';
import { setEventTimeBounds } from '@/lib/events/common';
import { startNotifier } from '@/lib/notify/service';

/**
 * `npm run processor`: the stream processor as its own service (distributed mode), one member of
 * the consumer group; run several for throughput. Serves /metrics and /health on
 * OPS_PROCESSOR_PORT. SIGTERM finishes the batch in hand, commits and leaves the group.
 */
async function main() {
  const config = loadConfigOrExit();
  startClockAt(config.clockStartMs);
  setEventTimeBounds(config.eventTime);
  const log = createLogger(config.logLevel, 'ops-pulse-processor');
  if (!config.kafka) {
    log.fatal(
      'KAFKA_BROKERS is not set: the standalone processor consumes from Kafka (embedded mode runs it inside `npm start`)',
    );
    process.exit(78);
  }
  const metrics = createMetrics();
  const store = await openStore(config);
  await migrate(store.client);
  const bus = await KafkaBus.connect(config.kafka, log);
  const service = await startProcessor({ bus, store: store.client, config, metrics, log });
  const probes = new Probes({ store, bus });
  await probes.start();
  const notifier = await startNotifier({ metrics, store, bus, log, config, runsProcessor: true });

  const http = createServer(async (req, res) => {
    if (req.url === '/metrics') {
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      return res.end(await metrics.registry.metrics());
    }
    // Liveness from memory (a probe must not wait behind a batch); readiness from the background probes.
    if (req.url === '/health') {
      const ok = service.running();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({ status: ok ? 'ok' : 'stopping', pending: service.pending(), ...probes.snapshot() }),
      );
    }
    if (req.url === '/ready') {
      const p = probes.snapshot();
      const ok = service.running() && p.store.ok && p.bus.ok;
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ ready: ok, pending: service.pending(), ...p }));
    }
    res.writeHead(404).end();
  });
  http.listen(config.processorPort, config.host);

  exitOnSignals(log, config.shutdownGraceMs, async (signal) => {
    log.info({ signal }, 'stopping: finishing the batch in hand');
    await service.stop();
    await notifier?.stop();
    probes.stop();
    await bus.close();
    await store.close();
    http.close();
  });
}

main().catch((err) => {
  console.error('fatal: processor could not start:', err);
  process.exit(1);
});
