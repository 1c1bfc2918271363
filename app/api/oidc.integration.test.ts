import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveUser } from '@/lib/auth/users';
import { startEmbedded, type Embedded } from '@/test/embedded';
import { freePort } from '@/test/processes';
import { publishRuntime } from '@/test/runtime';
import { DEV_CLIENT, startDevProvider } from '@/scripts/oidc-dev-provider';
import * as session from './session/route';
import * as start from './session/oidc/route';
import * as callback from './session/oidc/callback/route';

/**
 * Single sign-on against a real OpenID Connect provider (panva's certified oidc-provider, as
 * scripts/oidc-dev-provider.ts runs it), on a local port: discovery, authorization code with PKCE,
 * ID token and UserInfo, as a company identity provider would.
 */
const REDIRECT = 'http://ops.test/api/session/oidc/callback';

let stack: Embedded;
let idp: Awaited<ReturnType<typeof startDevProvider>>;
beforeAll(async () => {
  idp = await startDevProvider({ port: await freePort(), redirect: REDIRECT });
  stack = await startEmbedded({
    env: {
      OPS_OIDC_ISSUER: idp.issuer,
      OPS_OIDC_CLIENT_ID: DEV_CLIENT.id,
      OPS_OIDC_CLIENT_SECRET: DEV_CLIENT.secret,
      OPS_OIDC_REDIRECT_URL: REDIRECT,
      OPS_OIDC_SCOPES: 'openid email ops',
    },
  });
  publishRuntime(stack);
  // lena@example.com exists as a local password account: SSO must not take it over.
  await saveUser(
    stack.store.client,
    { username: 'lena@example.com', role: 'planner', warehouses: [], disabled: false },
    'lena-password-0123456789',
  );
});
afterAll(async () => {
  await stack?.stop();
  await idp?.close();
});

const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

/** The browser's part at the provider: follow redirects, sign in as `login`, consent, until it sends us back. */
async function atProvider(authUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authUrl;
  let body: string | undefined;
  for (let step = 0; step < 12; step++) {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      body,
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(';');
      jar.set(kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1));
    }
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(REDIRECT)) return next;
      [url, body] = [next.href, undefined];
      continue;
    }
    const prompt = /name="prompt" value="(\w+)"/.exec(await res.text())?.[1];
    if (!prompt) throw new Error(`unexpected answer ${res.status} at ${url}`);
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt }).toString();
  }
  throw new Error('the provider never redirected back');
}

/** Start at Ops Pulse, sign in at the provider, come back: the callback's answer. */
async function signInAs(login: string, next = '/warehouse') {
  const started = await start.GET(
    new Request(`http://ops.test/api/session/oidc?next=${encodeURIComponent(next)}`, {
      headers: { 'x-ops-peer': `203.0.113.${login.length}` },
    }),
  );
  expect(started.status).toBe(303);
  const handover = cookieOf(started, 'ops_oidc')!;
  expect(handover).toMatch(/HttpOnly/);
  expect(handover).toMatch(/Path=\/api\/session\/oidc/);
  const back = await atProvider(started.headers.get('location')!, login);
  return callback.GET(new Request(back.href, { headers: { cookie: handover.split(';')[0] } }));
}

describe('single sign-on (OpenID Connect)', () => {
  it('signs a company user in with the role and warehouses the provider asserts, and returns to where they started', async () => {
    const res = await signInAs('walt');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/warehouse');
    const cookie = cookieOf(res, 'ops_session')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookieOf(res, 'ops_oidc')).toMatch(/Max-Age=0/);
    const me = await session.GET(
      new Request('http://ops.test/api/session', { headers: { cookie: cookie.split(';')[0] } }),
    );
    expect(me.status).toBe(200);
    expect((await me.json()).user).toEqual({
      username: 'walt@example.com',
      role: 'warehouse_manager',
      warehouses: ['DC-EAST'],
      kind: 'user',
    });
    // An SSO user has no password: password sign-in never works for it.
    const pw = await session.POST(
      new Request('http://ops.test/api/session', {
        method: 'POST',
        body: JSON.stringify({ username: 'walt@example.com', password: 'anything-at-all' }),
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(pw.status).toBe(401);
  });

  it('refuses a user the provider gives no Ops Pulse role, and starts no session', async () => {
    const res = await signInAs('nora');
    expect(res.headers.get('location')).toBe('/signin?error=sso_no_role');
    expect(cookieOf(res, 'ops_session')).toBeUndefined();
  });

  it('never takes over a local password account of the same name', async () => {
    const res = await signInAs('lena');
    expect(res.headers.get('location')).toBe('/signin?error=sso_local_user');
    expect(cookieOf(res, 'ops_session')).toBeUndefined();
    const [row] = await stack.rows<{ role: string }>(
      "SELECT role FROM users FINAL WHERE username = 'lena@example.com'",
    );
    expect(row.role).toBe('planner');
  });

  it('a callback without the hand-over cookie, or with a forged state, starts no session', async () => {
    const started = await start.GET(
      new Request('http://ops.test/api/session/oidc', { headers: { 'x-ops-peer': '203.0.113.99' } }),
    );
    const back = await atProvider(started.headers.get('location')!, 'walt');
    const noCookie = await callback.GET(new Request(back.href));
    expect(noCookie.headers.get('location')).toBe('/signin?error=sso_state');
    const forged = new URL(back.href);
    forged.searchParams.set('state', 'forged-state-0123456789');
    const cookie = cookieOf(started, 'ops_oidc')!.split(';')[0];
    const res = await callback.GET(new Request(forged.href, { headers: { cookie } }));
    expect(res.headers.get('location')).toBe('/signin?error=sso_failed');
    expect(cookieOf(res, 'ops_session')).toBeUndefined();
  });

  it('only returns to a path of this app after sign-in', async () => {
    const res = await signInAs('walt', '//evil.example/steal');
    expect(res.headers.get('location')).toBe('/');
  });
});
