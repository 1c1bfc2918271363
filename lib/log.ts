import pino from 'pino';

/**
 * Where log lines go: process.stdout, never waited on. pino's default destination flushes
 * synchronously at exit and, when the pipe is full (a log reader that stopped reading or went
 * away), retries in an Atomics.wait loop forever: SIGTERM then froze the server for good. Here a
 * line is handed to the stream (asynchronous on a pipe); once more than `maxBufferBytes` wait for a
 * slow reader, lines are dropped and counted rather than queued without bound, and after an error
 * (EPIPE: the reader is gone) nothing more is written.
 */
export class LogSink {
  dropped = 0;
  private broken = false;

  constructor(
    private readonly out: NodeJS.WriteStream | (NodeJS.WritableStream & { writableLength: number }) = process.stdout,
    private readonly maxBufferBytes = 4 * 1024 * 1024,
  ) {
    out.on('error', () => {
      this.broken = true;
    });
  }

  write(line: string): void {
    if (this.broken || this.out.writableLength > this.maxBufferBytes) {
      this.dropped++;
      return;
    }
    this.out.write(line);
  }

  /** Resolves when what is queued has reached the reader, or after `ms`: a graceful exit waits this long at most. */
  flush(ms = 1000): Promise<void> {
    if (this.broken || this.out.writableLength === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      t.unref();
      this.out.once('drain', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

let stdoutSink: LogSink | undefined;
/** The one sink on process.stdout that every logger of the process shares. */
export const processLogSink = () => (stdoutSink ??= new LogSink());

/** Structured JSON logs (one object per line) on stdout, through a sink that never blocks. */
export function createLogger(level: string, name: string, sink: LogSink = processLogSink()) {
  return pino({ level, name, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, sink);
}
export type Logger = ReturnType<typeof createLogger>;
