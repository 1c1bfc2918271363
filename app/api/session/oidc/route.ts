import { oidcCookie } from '@/lib/auth/cookies';
import { startSignIn } from '@/lib/auth/oidc';
import { apiError } from '@/lib/http/respond';
import { clientAddress } from '@/lib/http/client';
import { RateLimiter, tooMany } from '@/lib/http/rateLimit';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

// Each start costs a discovery lookup at most and a redirect; limited like password sign-in.
const byIp = new RateLimiter(10, 1 / 6);

/** Single sign-on, step 1: redirect to the identity provider (GET /api/session/oidc?next=/warehouse). */
export async function GET(req: Request) {
  const rt = getRuntime();
  if (!rt.config.oidc) return apiError(404, 'sso_off', 'single sign-on is not configured (OPS_OIDC_ISSUER)');
  const ip = clientAddress(req, rt.config.trustedProxies);
  if (!byIp.take(ip)) return tooMany('too many sign-in attempts; wait and try again', byIp.retryAfter(ip));
  try {
    const { url, cookie } = await startSignIn(rt.config.oidc, new URL(req.url).searchParams.get('next'));
    return new Response(null, {
      status: 303,
      headers: { location: url, 'set-cookie': oidcCookie(rt.config, cookie), 'cache-control': 'no-store' },
    });
  } catch (err) {
    rt.log.error({ err: (err as Error).message, issuer: rt.config.oidc.issuer }, 'identity provider unreachable');
    return apiError(
      502,
      'sso_unavailable',
      'the identity provider cannot be reached; try again or sign in with a password',
    );
  }
}
