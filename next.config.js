/**
 * Security headers on every page and API answer. Scripts and styles come from this origin only;
 * 'unsafe-inline' stays for scripts because the App Router streams its payload in inline <script>
 * tags (a per-request nonce would make every page dynamic through a proxy), and for styles because
 * the charts set inline styles. Nothing may frame the dashboard (clickjacking on action buttons).
 */
import SECURITY from './lib/http/security-headers.json' with { type: 'json' };

// One list for Next's answers and the server's own (/api/health, answered before Next: server.ts).
const SECURITY_HEADERS = Object.entries(SECURITY).map(([key, value]) => ({ key, value }));

/** @type {import('next').NextConfig} */
const config = {
  // Native and Node-only packages stay outside the bundle: chDB is a 500 MB native engine, and the
  // route handlers reach the store through the runtime the custom server created, never directly.
  serverExternalPackages: ['chdb', '@clickhouse/client', 'kafkajs', 'prom-client', 'pino'],
  poweredByHeader: false,
  // forbidden(): a view outside the user's role answers 403 with app/forbidden.tsx, not a redirect.
  experimental: { authInterrupts: true },
  reactStrictMode: true,
  // Where people look for the admin pages first.
  async redirects() {
    return ['users', 'audit', 'dead-letters', 'simulator'].map((p) => ({
      source: `/${p}`,
      destination: `/admin/${p}`,
      permanent: false,
    }));
  },
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }];
  },
};
export default config;
