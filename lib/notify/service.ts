import type { Bus } from '../bus/types';
import { now as clockNow } from '../clock';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { StoreHandle } from '../store/client';
import { Notifier } from './notifier';
import { closeTransports } from './send';

/**
 * Alert delivery in this process, if it is the one to send (config.notify.run) and any channel is
 * set: the notifier's consumer, and a pass every OPS_NOTIFY_PASS_SECONDS, each scheduled after the
 * last one finished (a slow endpoint never stacks passes).
 */
export async function startNotifier(deps: {
  metrics?: Metrics;
  store: StoreHandle;
  bus: Bus;
  log: Logger;
  config: Config;
  /** Whether this process runs the stream processor: then it sends, unless OPS_NOTIFY says otherwise. */
  runsProcessor: boolean;
}) {
  const { config, log } = deps;
  const sends = config.notify.run ? config.notify.run === 'on' : deps.runsProcessor;
  // Runs even with no channel yet: an admin may add some in the app, and the next pass uses them.
  if (!sends) return null;
  const notifier = new Notifier(deps.store, deps.bus, log, {
    config: config.notify.settings,
    stored: true,
    publicUrl: config.publicUrl,
    send: { smtpUrl: config.notify.smtpUrl, from: config.notify.from, timeoutMs: config.notify.timeoutMs },
    retry: { baseMs: 2_000, capMs: 5 * 60_000, maxAttempts: config.notify.maxAttempts },
    now: clockNow,
    kpi: {
      tolerance: { units: config.counts.toleranceUnits, pct: config.counts.tolerancePct },
      slaMinutes: config.slaMinutes,
    },
    count: (outcome, kind) => deps.metrics?.notifications.inc({ outcome, channel_kind: kind }),
    queued: () => nudge(),
  });
  // Passes never overlap: the next is scheduled when one ends, at the interval, or at once when a
  // new alert queued deliveries meanwhile (a mail need not wait out the interval).
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running = false;
  let again = false;
  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref();
  };
  const run = () => {
    timer = null;
    running = true;
    again = false;
    notifier
      .pass()
      .catch((err) => log.warn({ err: (err as Error).message }, 'notification pass failed'))
      .finally(() => {
        running = false;
        if (!stopped) schedule(again ? 0 : config.notify.passMs);
      });
  };
  function nudge() {
    if (stopped) return;
    if (running) again = true;
    else schedule(0);
  }
  await notifier.start();
  schedule(config.notify.passMs);
  log.info(
    { channels: config.notify.settings.channels.length, routes: config.notify.settings.routes.length },
    'alert delivery on',
  );
  return {
    notifier,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await notifier.stop();
      closeTransports();
    },
  };
}
