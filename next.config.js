/**
 * Security headers on every page and API answer. Scripts and styles come from this origin only;
 * 'unsafe-inline' stays for scripts because the App Router streams its payload in inline <script>
 * tags (a per-request nonce would make every page dynamic through a proxy), and for styles because
 * the charts set inline styles. Nothing may frame the dashboard (clickjacking on action buttons).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = [
  { key: 'Content-Security-Policy', value: CSP },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
];

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
