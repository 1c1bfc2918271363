/**
 * How much accepted-but-unprocessed ingest work a process takes on. Each request reserves its
 * events before anything is published and releases them once they are durable (processed, on the
 * in-process bus; acknowledged, on Kafka). Beyond the bound a request is refused whole, before any
 * of it is processed: 503 when the process as a whole is full, 429 when this caller holds more
 * than its share while others wait. Retry-After is the time the work ahead should take to drain
 * at the rate it has been draining.
 */
export type Admitted =
  { ok: true; release(): void } | { ok: false; status: 429 | 503; retryAfterS: number; reason: string };

export class Admission {
  private pending = 0;
  private readonly byCaller = new Map<string, number>();
  /** Events released per second, smoothed: what Retry-After divides by. */
  private drainRate = 0;
  private lastRelease = 0;

  constructor(
    readonly maxPending: number,
    /** The part of maxPending one caller may hold. */
    readonly callerShare = 0.6,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get inFlight(): number {
    return this.pending;
  }

  /** Whether anything at all could be admitted now: the cheap check before a body is read. */
  full(caller: string): Admitted | null {
    if (this.pending >= this.maxPending)
      return this.refuse(503, 'the server has more ingest work waiting than it takes on', this.pending);
    if ((this.byCaller.get(caller) ?? 0) >= this.callerLimit())
      return this.refuse(429, 'this caller has too many events waiting to be processed', this.byCaller.get(caller)!);
    return null;
  }

  admit(caller: string, events: number): Admitted {
    const mine = this.byCaller.get(caller) ?? 0;
    // A request larger than the whole bound could never fit: it is let in alone, when nothing else waits.
    const fits = this.pending === 0 || this.pending + events <= this.maxPending;
    if (!fits) return this.refuse(503, 'the server has more ingest work waiting than it takes on', this.pending);
    if (mine > 0 && mine + events > this.callerLimit())
      return this.refuse(429, 'this caller has too many events waiting to be processed', mine);
    this.pending += events;
    this.byCaller.set(caller, mine + events);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.pending -= events;
        const left = (this.byCaller.get(caller) ?? events) - events;
        if (left > 0) this.byCaller.set(caller, left);
        else this.byCaller.delete(caller);
        this.noteDrain(events);
      },
    };
  }

  private callerLimit() {
    return Math.max(1, Math.floor(this.maxPending * this.callerShare));
  }

  private noteDrain(events: number) {
    const now = this.clock();
    const dt = Math.max(1, now - (this.lastRelease || now - 1000)) / 1000;
    this.lastRelease = now;
    const rate = events / dt;
    this.drainRate = this.drainRate === 0 ? rate : 0.8 * this.drainRate + 0.2 * rate;
  }

  private refuse(status: 429 | 503, reason: string, ahead: number): Admitted {
    const retryAfterS = this.drainRate > 0 ? Math.min(60, Math.max(1, Math.ceil(ahead / this.drainRate))) : 1;
    return { ok: false, status, retryAfterS, reason };
  }
}
