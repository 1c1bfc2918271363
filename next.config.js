/** @type {import('next').NextConfig} */
const config = {
  // Native and Node-only packages stay outside the bundle: chDB is a 500 MB native engine, and the
  // route handlers reach the store through the runtime the custom server created, never directly.
  serverExternalPackages: ['chdb', '@clickhouse/client', 'kafkajs', 'prom-client', 'pino'],
  poweredByHeader: false,
  reactStrictMode: true,
};
export default config;
