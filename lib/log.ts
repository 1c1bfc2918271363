import pino from 'pino';

/** Structured JSON logs (one object per line) on stdout. */
export function createLogger(level: string, name: string) {
  return pino({ level, name, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime });
}
export type Logger = ReturnType<typeof createLogger>;
