import type { Config } from '../config';
import { SESSION_COOKIE } from './authenticate';
import { OIDC_COOKIE, OIDC_COOKIE_PATH } from './oidc';

const attrs = (config: Config, path: string, maxAgeS: number) =>
  `; Path=${path}; HttpOnly; SameSite=Lax; Max-Age=${maxAgeS}${config.session.secureCookies ? '; Secure' : ''}`;

/** The session cookie (http-only, same-site, secure unless OPS_COOKIE_SECURE=off); an empty value with 0 clears it. */
export const sessionCookie = (config: Config, value: string, maxAgeS: number) =>
  `${SESSION_COOKIE}=${encodeURIComponent(value)}${attrs(config, '/', maxAgeS)}`;

/** The SSO hand-over cookie: only sent to the OIDC routes, and only for ten minutes. */
export const oidcCookie = (config: Config, value: string, maxAgeS = 600) =>
  `${OIDC_COOKIE}=${value}${attrs(config, OIDC_COOKIE_PATH, maxAgeS)}`;
