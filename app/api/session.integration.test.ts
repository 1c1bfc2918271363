import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded, type Embedded } from '@/test/embedded';
import { publishRuntime } from '@/test/runtime';
import { saveUser } from '@/lib/auth/users';
import { createSession } from '@/lib/auth/sessions';
import * as session from './session/route';
import * as actions from './actions/route';
import { GET as kpis } from './kpis/route';
import * as oidcStart from './session/oidc/route';
import * as oidcCallback from './session/oidc/callback/route';
import { startClockAt } from '@/lib/clock';

let stack: Embedded;
beforeAll(async () => {
  stack = await startEmbedded();
  publishRuntime(stack);
  await saveUser(
    stack.store.client,
    { username: 'walt', role: 'warehouse_manager', warehouses: ['DC-EAST'], disabled: false },
    'walt-password-0123456789',
  );
});
afterAll(async () => stack?.stop());

const signIn = (username: string, password: string) =>
  session.POST(
    new Request('http://test/api/session', {
      method: 'POST',
      body: JSON.stringify({ username, password }),
      headers: { 'content-type': 'application/json', 'x-ops-peer': `198.51.100.${username.length}` },
    }),
  );
const withCookie = (cookie: string, extra: Record<string, string> = {}) => ({ cookie, ...extra });

describe('sessions: sign-in, CSRF, sign-out, expiry', () => {
  it('signs in with a secure, http-only, same-site cookie; a wrong password is 401 and sets nothing', async () => {
    const bad = await signIn('walt', 'not-the-password');
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
    const res = await signIn('walt', 'walt-password-0123456789');
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^ops_session=[^;]{20,};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=(Lax|Strict)/i);
    expect(setCookie).toMatch(/Secure/i);
    const body = await res.json();
    expect(body.user).toEqual({ username: 'walt', role: 'warehouse_manager', warehouses: ['DC-EAST'] });
    expect(body.csrf).toMatch(/.{16,}/);
  });

  it('a cookie-authenticated write needs the CSRF token; reads do not', async () => {
    const res = await signIn('walt', 'walt-password-0123456789');
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const { csrf } = await res.json();
    expect((await kpis(new Request('http://test/api/kpis', { headers: withCookie(cookie) }))).status).toBe(200);
    const act = (headers: Record<string, string>) =>
      actions.POST(
        new Request('http://test/api/actions', {
          method: 'POST',
          body: JSON.stringify({
            action_id: `csrf-${Object.keys(headers).length}`,
            type: 'alert.acknowledge',
            payload: { alert_id: 'none' },
          }),
          headers: { 'content-type': 'application/json', ...headers },
        }),
      );
    const without = await act(withCookie(cookie));
    expect(without.status).toBe(403);
    expect((await without.json()).error.code).toBe('csrf');
    expect((await act(withCookie(cookie, { 'x-csrf-token': csrf }))).status).toBe(404); // past the guard: no such alert
  });

  it('signing out ends the session at once', async () => {
    const res = await signIn('walt', 'walt-password-0123456789');
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const { csrf } = await res.json();
    expect((await session.GET(new Request('http://test/api/session', { headers: withCookie(cookie) }))).status).toBe(
      200,
    );
    const out = await session.DELETE(
      new Request('http://test/api/session', {
        method: 'DELETE',
        headers: withCookie(cookie, { 'x-csrf-token': csrf }),
      }),
    );
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/ops_session=;.*Max-Age=0/i);
    expect((await session.GET(new Request('http://test/api/session', { headers: withCookie(cookie) }))).status).toBe(
      401,
    );
  });

  it('an expired session is 401', async () => {
    const s = await createSession(stack.store.client, 'walt', 60_000);
    const cookie = `ops_session=${s.token}`;
    expect((await session.GET(new Request('http://test/api/session', { headers: withCookie(cookie) }))).status).toBe(
      200,
    );
    // The process clock, not a sleep: the verdict cannot depend on how fast this machine is.
    startClockAt(s.expiresAt + 1);
    try {
      expect((await session.GET(new Request('http://test/api/session', { headers: withCookie(cookie) }))).status).toBe(
        401,
      );
    } finally {
      startClockAt(null);
    }
  });

  it('a disabled user cannot sign in', async () => {
    await saveUser(
      stack.store.client,
      { username: 'gone', role: 'planner', warehouses: [], disabled: true },
      'gone-password-0123456789',
    );
    expect((await signIn('gone', 'gone-password-0123456789')).status).toBe(401);
  });

  it('single sign-on routes answer 404 when no identity provider is configured', async () => {
    expect((await oidcStart.GET(new Request('http://test/api/session/oidc'))).status).toBe(404);
    expect((await oidcCallback.GET(new Request('http://test/api/session/oidc/callback?code=x&state=y'))).status).toBe(
      404,
    );
  });
});
