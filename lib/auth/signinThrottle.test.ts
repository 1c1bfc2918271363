import { describe, expect, it } from 'vitest';
import { SignInThrottle } from './signinThrottle';

describe('sign-in throttle', () => {
  it('limits each (user, client) pair on its own; a success starts that pair over', () => {
    const t = new SignInThrottle(() => 0);
    const attempt = (user: string, client: string) => {
      const g = t.admit(user, client);
      if (g.ok) t.failed(user);
      return g.ok;
    };
    expect(Array.from({ length: 6 }, () => attempt('admin', 'A'))).toEqual([true, true, true, true, true, false]);
    expect(t.admit('admin', 'B').ok).toBe(true);
    t.succeeded('admin', 'B');
    expect(Array.from({ length: 5 }, () => t.admit('admin', 'B').ok)).toEqual([true, true, true, true, true]);
  });

  it('slows a user whose account failed often, from any client, and the delay decays with time', () => {
    let now = 0;
    const t = new SignInThrottle(() => now);
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      const g = t.admit('admin', `client-${i}`);
      expect(g.ok).toBe(true);
      delays.push(g.ok ? g.delayMs : -1);
      t.failed('admin');
    }
    expect(delays.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(delays.slice(6)).toEqual([250, 500, 1000, 2000, 4000, 8000]);
    // Other accounts are untouched.
    expect(t.admit('petra', 'client-0')).toEqual({ ok: true, delayMs: 0 });
    // An hour later (six half-lives) the account is back to normal.
    now += 3_600_000;
    expect(t.admit('admin', 'fresh')).toEqual({ ok: true, delayMs: 0 });
  });

  it('limits one client spraying many usernames', () => {
    const t = new SignInThrottle(() => 0);
    const ok = Array.from({ length: 25 }, (_, i) => {
      const g = t.admit(`user-${i}`, 'sprayer');
      if (g.ok) t.failed(`user-${i}`);
      return g.ok;
    });
    expect(ok.filter(Boolean).length).toBe(20);
  });
});
