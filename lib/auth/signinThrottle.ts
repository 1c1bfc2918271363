import { RateLimiter } from '../http/rateLimit';

/**
 * Password guessing, slowed without locking anyone out (OWASP's advice for authentication):
 * - per (username, client): 5 failed attempts, then one per 12 s (429 with Retry-After); a success
 *   resets it. An attacker at one address cannot lock the owner out at another.
 * - per client: 20 failures, then one per 3 s, whatever the usernames (password spraying).
 * - per username, from every client together: past 5 recent failures each attempt waits before the
 *   password is checked, 0.25 s doubling up to 8 s, decaying with a 10 minute half-life. It slows
 *   a distributed attack on one account; the owner still signs in, only more slowly.
 */
export class SignInThrottle {
  private readonly pair = new RateLimiter(5, 1 / 12);
  private readonly client = new RateLimiter(20, 1 / 3);
  private readonly failures = new Map<string, { n: number; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  private recent(username: string): number {
    const f = this.failures.get(username);
    if (!f) return 0;
    return f.n * 0.5 ** ((this.now() - f.at) / 600_000);
  }

  /** Before checking a password: refuse (429), or admit after `delayMs`. Reserves the attempt. */
  admit(username: string, client: string): { ok: true; delayMs: number } | { ok: false; retryAfterS: number } {
    const pairKey = `${username}\u0000${client}`;
    if (!this.pair.has(pairKey) || !this.client.has(client)) {
      return {
        ok: false,
        retryAfterS: Math.max(
          this.pair.has(pairKey) ? 0 : this.pair.retryAfter(pairKey),
          this.client.has(client) ? 0 : this.client.retryAfter(client),
        ),
      };
    }
    this.pair.take(pairKey);
    this.client.take(client);
    const n = Math.floor(this.recent(username));
    return { ok: true, delayMs: n > 5 ? Math.min(8000, 250 * 2 ** (n - 6)) : 0 };
  }

  failed(username: string) {
    this.failures.set(username, { n: this.recent(username) + 1, at: this.now() });
    if (this.failures.size > 50_000) this.failures.clear();
  }

  /** A correct password does not count against anyone: that client's attempts for that user start over. */
  succeeded(username: string, client: string) {
    this.pair.reset(`${username}\u0000${client}`);
    this.client.give(client);
  }
}
