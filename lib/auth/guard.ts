import { apiError } from '../http/respond';
import { getRuntime } from '../runtime';
import { authenticate } from './authenticate';
import { mayCall, type RouteKey } from './policy';
import type { Principal } from './principal';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The check every /api route makes first: 401 without valid credentials, 403 when the role may
 * not call the route (lib/auth/policy.ts), and for cookie sessions a CSRF token on writes (the
 * `x-csrf-token` header must match the session's). Bearer tokens are not sent by browsers on their
 * own, so they need no CSRF token.
 */
export async function guard(req: Request, route: RouteKey): Promise<{ principal: Principal } | { response: Response }> {
  const rt = getRuntime();
  const principal = await authenticate(rt, {
    authorization: req.headers.get('authorization'),
    cookie: req.headers.get('cookie'),
  });
  if (!principal)
    return {
      response: apiError(401, 'unauthorized', 'sign in, or send a valid API token as `Authorization: Bearer <token>`'),
    };
  if (!mayCall(principal, route))
    return { response: apiError(403, 'forbidden', `role ${principal.role} may not do this (${route})`) };
  if (principal.kind === 'user' && !SAFE.has(req.method) && req.headers.get('x-csrf-token') !== principal.csrf) {
    return { response: apiError(403, 'csrf', 'missing or wrong x-csrf-token for a signed-in write') };
  }
  return { principal };
}
