import { oidcCookie, sessionCookie } from '@/lib/auth/cookies';
import { readCookie } from '@/lib/auth/authenticate';
import { finishSignIn, OIDC_COOKIE, SsoError } from '@/lib/auth/oidc';
import { createSession } from '@/lib/auth/sessions';
import { apiError } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/**
 * Single sign-on, step 2: the identity provider sends the browser back here with a code. Success
 * starts a session exactly like a password sign-in; failure returns to the sign-in page with the
 * reason. Either way the hand-over cookie is cleared.
 */
export async function GET(req: Request) {
  const rt = getRuntime();
  if (!rt.config.oidc) return apiError(404, 'sso_off', 'single sign-on is not configured (OPS_OIDC_ISSUER)');
  const headers = new Headers({ 'cache-control': 'no-store' });
  headers.append('set-cookie', oidcCookie(rt.config, '', 0));
  const url = new URL(req.url);
  try {
    const { user, next } = await finishSignIn(
      rt.config.oidc,
      rt.store.client,
      url,
      readCookie(req.headers.get('cookie'), OIDC_COOKIE),
    );
    const s = await createSession(rt.store.client, user.username, rt.config.session.ttlMs);
    headers.append('set-cookie', sessionCookie(rt.config, s.token, Math.floor(rt.config.session.ttlMs / 1000)));
    headers.set('location', next);
    rt.log.info({ username: user.username, role: user.role }, 'signed in with single sign-on');
    return new Response(null, { status: 303, headers });
  } catch (err) {
    const e = err instanceof SsoError ? err : new SsoError('sso_failed', (err as Error).message);
    rt.log.warn({ code: e.code, reason: e.message }, 'single sign-on refused');
    headers.set('location', `/signin?error=${e.code}`);
    return new Response(null, { status: 303, headers });
  }
}
