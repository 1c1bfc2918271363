import * as oidc from 'openid-client';
import { z } from 'zod';
import { ROLES, type Config } from '../config';
import type { Store } from '../store/client';
import { saveSsoUser, type User } from './users';

type OidcConfig = NonNullable<Config['oidc']>;

/** The short-lived cookie that carries the PKCE verifier, state and nonce from start to callback. */
export const OIDC_COOKIE = 'ops_oidc';
export const OIDC_COOKIE_PATH = '/api/session/oidc';
const pending = z.object({
  v: z.string().min(43).max(128),
  s: z.string().min(16).max(128),
  n: z.string().min(16).max(128),
  next: z.string().max(512),
});

const loopback = (url: string) => ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);

// Discovery once per issuer (and again after a failure): the provider's metadata and keys.
const discovered = new Map<string, Promise<oidc.Configuration>>();
function provider(c: OidcConfig): Promise<oidc.Configuration> {
  const key = `${c.issuer}|${c.clientId}`;
  let p = discovered.get(key);
  if (!p) {
    // Plain HTTP only for a provider on this machine (development and tests).
    const options = loopback(c.issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined;
    p = oidc.discovery(new URL(c.issuer), c.clientId, c.clientSecret, undefined, options);
    p.catch(() => discovered.delete(key));
    discovered.set(key, p);
  }
  return p;
}

/** Only a path of this app (not `//host` or a URL) may be where sign-in returns to. */
export const safeNext = (next: string | null | undefined) =>
  next && /^\/(?![/\\])/.test(next) ? next.slice(0, 512) : '/';

/** Step 1: where to send the browser, and the cookie that must come back with it. */
export async function startSignIn(c: OidcConfig, next: string | null): Promise<{ url: string; cookie: string }> {
  const cfg = await provider(c);
  const v = oidc.randomPKCECodeVerifier();
  const s = oidc.randomState();
  const n = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(cfg, {
    redirect_uri: c.redirectUrl,
    scope: c.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(v),
    code_challenge_method: 'S256',
    state: s,
    nonce: n,
  });
  return {
    url: url.href,
    cookie: Buffer.from(JSON.stringify({ v, s, n, next: safeNext(next) })).toString('base64url'),
  };
}

export class SsoError extends Error {
  constructor(
    readonly code: 'sso_state' | 'sso_failed' | 'sso_no_role' | 'sso_local_user' | 'sso_disabled',
    message: string,
  ) {
    super(message);
  }
}

const claimString = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 64 ? v : null);
const claimList = (v: unknown) =>
  (Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[,\s]+/) : []).filter(
    (x): x is string => typeof x === 'string' && x.length > 0,
  );

/** The Ops Pulse user an identity provider's claims describe, or why there is none. */
export function userFromClaims(c: OidcConfig, claims: Record<string, unknown>): Omit<User, 'disabled'> {
  const username = claimString(claims[c.claims.username]);
  if (!username) throw new SsoError('sso_failed', `the identity provider sent no usable "${c.claims.username}" claim`);
  // An address the provider says it has not verified could be anyone's: it must not name an account.
  if (c.claims.username === 'email' && claims.email_verified === false)
    throw new SsoError('sso_failed', `${username} is not verified at the identity provider`);
  const role = z.enum(ROLES).safeParse(claims[c.claims.role]);
  if (!role.success)
    throw new SsoError(
      'sso_no_role',
      `no Ops Pulse role for ${username}: the "${c.claims.role}" claim must be one of ${ROLES.join(', ')}`,
    );
  const warehouses = role.data === 'warehouse_manager' ? claimList(claims[c.claims.warehouses]) : [];
  if (role.data === 'warehouse_manager' && warehouses.length === 0) {
    throw new SsoError(
      'sso_no_role',
      `${username} is a warehouse manager without warehouses: the "${c.claims.warehouses}" claim is empty`,
    );
  }
  return { username, role: role.data, warehouses };
}

/**
 * Step 2, the callback: checks state, exchanges the code with the PKCE verifier, verifies the ID
 * token (signature, issuer, audience, nonce) through openid-client, then maps the claims (ID token,
 * and UserInfo when the role is not in it) to a user, saved for the session and the audit log.
 */
export async function finishSignIn(
  c: OidcConfig,
  store: Store,
  callbackUrl: URL,
  cookieValue: string | null,
): Promise<{ user: User; next: string }> {
  let p: z.infer<typeof pending>;
  try {
    p = pending.parse(JSON.parse(Buffer.from(cookieValue ?? '', 'base64url').toString('utf8')));
  } catch {
    throw new SsoError('sso_state', 'the sign-in took too long or started in another browser; start again');
  }
  const cfg = await provider(c);
  // The redirect_uri of the token request is the registered one, whatever host the proxy forwarded.
  const current = new URL(c.redirectUrl);
  current.search = callbackUrl.search;
  let claims: Record<string, unknown>;
  try {
    const tokens = await oidc.authorizationCodeGrant(cfg, current, {
      pkceCodeVerifier: p.v,
      expectedState: p.s,
      expectedNonce: p.n,
      idTokenExpected: true,
    });
    claims = { ...tokens.claims() };
    if (claims[c.claims.role] === undefined && cfg.serverMetadata().userinfo_endpoint) {
      Object.assign(claims, await oidc.fetchUserInfo(cfg, tokens.access_token, String(claims.sub)));
    }
  } catch (err) {
    throw new SsoError('sso_failed', `single sign-on failed: ${(err as Error).message}`);
  }
  const saved = await saveSsoUser(store, userFromClaims(c, claims));
  if (!saved.ok) {
    throw saved.reason === 'local_user'
      ? new SsoError(
          'sso_local_user',
          'a local account has this name; ask an admin to remove it or sign in with its password',
        )
      : new SsoError('sso_disabled', 'this account is disabled in Ops Pulse');
  }
  return { user: saved.user, next: p.next };
}
