import { z } from 'zod';
import { authenticate, readCookie, SESSION_COOKIE } from '@/lib/auth/authenticate';
import { revoke } from '@/lib/auth/revoke';
import { sessionCookie } from '@/lib/auth/cookies';
import { guard } from '@/lib/auth/guard';
import { createSession, endSession, sessionId } from '@/lib/auth/sessions';
import { checkPassword } from '@/lib/auth/users';
import { apiError, json } from '@/lib/http/respond';
import { readJson, SMALL_BODY_BYTES } from '@/lib/http/body';
import { SignInThrottle } from '@/lib/auth/signinThrottle';
import { clientAddress } from '@/lib/http/client';
import { tooMany } from '@/lib/http/rateLimit';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

const credentials = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
const throttle = new SignInThrottle();

const cookie = (value: string, maxAgeS: number) => sessionCookie(getRuntime().config, value, maxAgeS);

/** Sign in: a session cookie (http-only, same-site, secure) and the CSRF token for writes. */
export async function POST(req: Request) {
  const rt = getRuntime();
  const body = await readJson(req, SMALL_BODY_BYTES);
  if ('response' in body) return body.response;
  const c = credentials.safeParse(body.value);
  if (!c.success) return apiError(400, 'invalid_body', 'username and password are required');
  const client = clientAddress(req, rt.config.trustedProxies);
  const name = c.data.username.toLowerCase();
  const gate = throttle.admit(name, client);
  if (!gate.ok) return tooMany('too many sign-in attempts from here; wait and try again', gate.retryAfterS);
  if (gate.delayMs > 0) await new Promise((r) => setTimeout(r, gate.delayMs));
  const user = await checkPassword(rt.store.reader, c.data.username, c.data.password);
  if (!user) {
    throttle.failed(name);
    rt.log.warn({ username: c.data.username, client }, 'sign-in failed');
    return apiError(401, 'invalid_credentials', 'wrong username or password');
  }
  throttle.succeeded(name, client);
  const s = await createSession(rt.store.client, user.username, rt.config.session.ttlMs);
  const res = json({
    user: { username: user.username, role: user.role, warehouses: user.warehouses },
    csrf: s.csrf,
    expires_at: new Date(s.expiresAt).toISOString(),
  });
  res.headers.set('set-cookie', cookie(s.token, Math.floor(rt.config.session.ttlMs / 1000)));
  return res;
}

/** Who is signed in, and the CSRF token the UI sends with writes. */
export async function GET(req: Request) {
  const g = await guard(req, 'session:get');
  if ('response' in g) return g.response;
  const p = g.principal;
  return json({
    user: { username: p.name, role: p.role, warehouses: p.warehouses, kind: p.kind },
    csrf: p.csrf ?? null,
  });
}

/** Sign out: the session ends now, on every replica's next check. */
export async function DELETE(req: Request) {
  const rt = getRuntime();
  const token = readCookie(req.headers.get('cookie'), SESSION_COOKIE);
  const p = token ? await authenticate(rt, { cookie: req.headers.get('cookie') }) : null;
  if (p?.kind === 'user' && req.headers.get('x-csrf-token') !== p.csrf)
    return apiError(403, 'csrf', 'missing or wrong x-csrf-token');
  if (token) {
    await endSession(rt.store.client, token);
    await revoke(rt, { session: sessionId(token) });
  }
  const res = json({ signed_out: true });
  res.headers.set('set-cookie', cookie('', 0));
  return res;
}
