import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { safeNext, SsoError, userFromClaims } from './oidc';

const c = loadConfig({
  OPS_OIDC_ISSUER: 'https://idp.example.com',
  OPS_OIDC_CLIENT_ID: 'ops',
  OPS_OIDC_CLIENT_SECRET: 's',
  OPS_OIDC_REDIRECT_URL: 'https://ops.example.com/api/session/oidc/callback',
}).oidc!;
const refusal = (claims: Record<string, unknown>) => {
  try {
    userFromClaims(c, claims);
  } catch (err) {
    return (err as SsoError).code;
  }
  return 'accepted';
};

describe('single sign-on claims', () => {
  it('maps the role and warehouse claims to a user', () => {
    expect(
      userFromClaims(c, { email: 'a@x.io', email_verified: true, ops_role: 'planner', ops_warehouses: ['DC-EAST'] }),
    ).toEqual({ username: 'a@x.io', role: 'planner', warehouses: [] });
    expect(
      userFromClaims(c, { email: 'w@x.io', ops_role: 'warehouse_manager', ops_warehouses: 'DC-EAST DC-EU' }),
    ).toEqual({ username: 'w@x.io', role: 'warehouse_manager', warehouses: ['DC-EAST', 'DC-EU'] });
  });

  it('refuses what would let the wrong person in, or with the wrong rights', () => {
    expect(refusal({ email: 'a@x.io', email_verified: false, ops_role: 'admin' })).toBe('sso_failed');
    expect(refusal({ ops_role: 'admin' })).toBe('sso_failed');
    expect(refusal({ email: 'a@x.io', ops_role: 'root' })).toBe('sso_no_role');
    expect(refusal({ email: 'a@x.io' })).toBe('sso_no_role');
    expect(refusal({ email: 'a@x.io', ops_role: 'warehouse_manager' })).toBe('sso_no_role');
  });

  it('returns only to a path of this app', () => {
    expect(
      ['/warehouse?x=1', '//evil.example', '/\\evil.example', 'https://evil.example', '', null].map(safeNext),
    ).toEqual(['/warehouse?x=1', '/', '/', '/', '/', '/']);
  });
});
