/**
 * A development OpenID Connect provider (panva's certified oidc-provider with its built-in login
 * and consent pages), to try single sign-on without a company identity provider, and used by the
 * tests. Any login name listed in ACCOUNTS signs in with any password; others are unknown.
 *
 *   node --import tsx scripts/oidc-dev-provider.ts --port 4000 --redirect http://localhost:3000/api/session/oidc/callback
 *   OPS_OIDC_ISSUER=http://localhost:4000 OPS_OIDC_CLIENT_ID=ops-pulse OPS_OIDC_CLIENT_SECRET=ops-pulse-dev-secret \
 *   OPS_OIDC_REDIRECT_URL=http://localhost:3000/api/session/oidc/callback OPS_OIDC_SCOPES='openid email ops' npm start
 */
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import Provider from 'oidc-provider';

export const DEV_CLIENT = { id: 'ops-pulse', secret: 'ops-pulse-dev-secret' };

/** Who the provider knows, and the Ops Pulse claims it asserts for them. */
export const ACCOUNTS: Record<string, Record<string, unknown>> = {
  olga: { email: 'olga@example.com', ops_role: 'executive' },
  walt: { email: 'walt@example.com', ops_role: 'warehouse_manager', ops_warehouses: ['DC-EAST'] },
  nora: { email: 'nora@example.com' }, // no Ops Pulse role
  lena: { email: 'lena@example.com', ops_role: 'executive' },
};

export async function startDevProvider(opts: {
  port: number;
  host?: string;
  redirect: string;
}): Promise<{ issuer: string; close(): Promise<void> }> {
  const host = opts.host ?? 'localhost';
  const issuer = `http://${host}:${opts.port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: DEV_CLIENT.id,
        client_secret: DEV_CLIENT.secret,
        redirect_uris: [opts.redirect],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    // Role claims in their own scope: a company provider would release them to this client only.
    claims: { openid: ['sub'], email: ['email'], ops: ['ops_role', 'ops_warehouses'] },
    findAccount: async (_ctx, sub) =>
      ACCOUNTS[sub] ? { accountId: sub, claims: async () => ({ sub, ...ACCOUNTS[sub] }) } : undefined,
    cookies: { keys: ['ops-pulse-dev-provider-only'] },
    features: { devInteractions: { enabled: true } },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
  });
  // No host: "localhost" may resolve to 127.0.0.1 or ::1 depending on the machine; listen on both.
  const server: Server = provider.listen(opts.port);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  return { issuer, close: () => new Promise<void>((r) => server.close(() => r())) };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '4000' }, redirect: { type: 'string' } },
  });
  if (!values.redirect)
    throw new Error('--redirect is required: the app callback, e.g. http://localhost:3000/api/session/oidc/callback');
  const { issuer } = await startDevProvider({ port: Number(values.port), redirect: values.redirect });
  console.log(
    `dev OIDC provider at ${issuer} (client ${DEV_CLIENT.id} / ${DEV_CLIENT.secret}); logins: ${Object.keys(ACCOUNTS).join(', ')}`,
  );
}
