/** The limiters' clock: the wall clock, which a test holds still so that no bucket refills while it runs. */
export const limiterClock = { now: (): number => Date.now() };

/**
 * Token buckets keyed by caller (IP, user, token). In memory and per process: each web replica
 * limits what it serves, which is what protects it.
 */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
  ) {}

  private refill(key: string, now: number) {
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    b.tokens = Math.min(this.capacity, b.tokens + ((now - b.at) / 1000) * this.refillPerSecond);
    b.at = now;
    return b;
  }

  /** Whether `cost` tokens are there, taking none: a cheap check before expensive work. */
  has(key: string, cost = 1, now = limiterClock.now()): boolean {
    return (this.buckets.has(key) ? this.refill(key, now).tokens : this.capacity) >= cost;
  }

  /** Takes `cost` tokens; false (and nothing taken) when the bucket has too few. */
  take(key: string, cost = 1, now = limiterClock.now()): boolean {
    const b = this.refill(key, now);
    const ok = b.tokens >= cost;
    if (ok) b.tokens -= cost;
    this.buckets.set(key, b);
    if (this.buckets.size > 50_000) this.buckets.clear();
    return ok;
  }

  /** Gives back `cost` tokens taken for work that turned out not to count. */
  give(key: string, cost = 1) {
    const b = this.buckets.get(key);
    if (b) b.tokens = Math.min(this.capacity, b.tokens + cost);
  }

  /** Forgets the key: a full bucket again. */
  reset(key: string) {
    this.buckets.delete(key);
  }

  /** Seconds until `cost` tokens are available again. */
  retryAfter(key: string, cost = 1): number {
    const b = this.buckets.get(key);
    return b ? Math.max(1, Math.ceil((cost - b.tokens) / this.refillPerSecond)) : 1;
  }
}

/** 429 or 503 in the SPEC error shape, with Retry-After: the ingest admission's refusal. */
export function refused(status: 429 | 503, message: string, retryAfterSeconds: number): Response {
  return new Response(JSON.stringify({ error: { code: status === 429 ? 'rate_limited' : 'overloaded', message } }), {
    status,
    headers: {
      'content-type': 'application/json',
      'retry-after': String(retryAfterSeconds),
      'cache-control': 'no-store',
    },
  });
}

/** 429 in the SPEC error shape, with Retry-After. */
export function tooMany(message: string, retryAfterSeconds: number): Response {
  return new Response(JSON.stringify({ error: { code: 'rate_limited', message } }), {
    status: 429,
    headers: {
      'content-type': 'application/json',
      'retry-after': String(retryAfterSeconds),
      'cache-control': 'no-store',
    },
  });
}
