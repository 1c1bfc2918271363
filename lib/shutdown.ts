import { processLogSink, type Logger } from './log';

/**
 * SIGTERM and SIGINT run `stop` once, then exit. Whatever `stop` waits on, the process is gone
 * after `graceMs`: a supervisor's own kill deadline should never be what ends it. A second signal
 * exits at once.
 */
export function exitOnSignals(log: Logger, graceMs: number, stop: (signal: string) => Promise<void>) {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    // SIGKILL rather than process.exit: exit joins libuv's worker threads, and one stuck in a
    // native call (a chDB query) would hold it.
    setTimeout(() => {
      log.error({ grace_ms: graceMs }, 'shutdown outlasted its grace period; killing the process');
      process.kill(process.pid, 'SIGKILL');
    }, graceMs).unref();
    stop(signal).then(
      async () => {
        await processLogSink().flush(500);
        process.exit(0);
      },
      async (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        await processLogSink().flush(500);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}
