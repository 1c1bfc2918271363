import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FullConfig } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import { DEV_CLIENT, startDevProvider } from '../scripts/oidc-dev-provider';
import { E2E } from './env';

/**
 * Starts the real server (embedded defaults, simulator at a fixed seed), signs in as the admin it
 * created on first start (its password is read from the server's output, as an operator would),
 * creates one user per role through the API, and saves each user's signed-in browser state.
 */
export default async function globalSetup(_config: FullConfig) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-pulse-e2e-'));
  // A company identity provider on another site (localhost vs 127.0.0.1), for the single sign-on test.
  const redirect = `${E2E.baseURL}/api/session/oidc/callback`;
  const idp = await startDevProvider({ port: E2E.idpPort, redirect });
  const smtp = await startMailbox();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env: {
      ...process.env,
      PORT: String(E2E.port),
      HOST: '127.0.0.1',
      OPS_CLOCK_START: E2E.now,
      OPS_DATA_DIR: dataDir,
      OPS_SIMULATOR: 'on',
      OPS_SIMULATOR_SEED: '7',
      OPS_SIMULATOR_RATE: '0.05',
      OPS_SIMULATOR_BACKFILL_DAYS: E2E.backfill.days,
      OPS_SIMULATOR_BACKFILL_EVENTS: E2E.backfill.events,
      OPS_LOG_LEVEL: 'warn',
      NEXT_TELEMETRY_DISABLED: '1',
      OPS_API_TOKENS: `e2e:admin:${E2E.adminToken}`,
      OPS_OIDC_ISSUER: idp.issuer,
      OPS_OIDC_CLIENT_ID: DEV_CLIENT.id,
      OPS_OIDC_CLIENT_SECRET: DEV_CLIENT.secret,
      OPS_OIDC_REDIRECT_URL: redirect,
      OPS_OIDC_SCOPES: 'openid email ops',
      OPS_PUBLIC_URL: E2E.baseURL,
      OPS_NOTIFY_CONFIG: JSON.stringify(E2E.notify),
      OPS_NOTIFY_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      OPS_NOTIFY_PASS_SECONDS: '1',
      OPS_RULES_SLOW_SECONDS: '5', // a return-reason spike shows in seconds, not at the next minute
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  fs.writeFileSync(E2E.pidFile, `${proc.pid}\n${dataDir}`);
  const until = Date.now() + 180_000;
  let password: string | undefined;
  for (;;) {
    password ??= /password: (\S+)/.exec(out)?.[1];
    const up = await fetch(`${E2E.baseURL}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (up && password) break;
    if (Date.now() > until || proc.exitCode !== null) throw new Error(`server did not start:\n${out.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const admin = await signIn('admin', password!);
  for (const u of E2E.users) {
    const res = await fetch(`${E2E.baseURL}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      body: JSON.stringify({ username: u.username, role: u.role, warehouses: u.warehouses, password: E2E.password }),
    });
    if (res.status !== 201) throw new Error(`could not create ${u.username}: ${res.status} ${await res.text()}`);
  }
  fs.mkdirSync(E2E.authDir, { recursive: true });
  for (const u of [
    { username: 'admin', password: password! },
    ...E2E.users.map((x) => ({ username: x.username, password: E2E.password })),
  ]) {
    const s = await signIn(u.username, u.password);
    const value = /ops_session=([^;]+)/.exec(s.cookie)![1];
    fs.writeFileSync(
      path.join(E2E.authDir, `${u.username}.json`),
      JSON.stringify({
        cookies: [
          {
            name: 'ops_session',
            value,
            domain: '127.0.0.1',
            path: '/',
            expires: Math.floor(Date.now() / 1000) + 3600,
            httpOnly: true,
            secure: true,
            sameSite: 'Lax',
          },
        ],
        origins: [],
      }),
    );
  }
  // Let the back-fill land so every view has data.
  await waitForBackfill(proc);
  // Specs (in worker processes, which inherit this environment) stamp events on the server's clock.
  const h = (await fetch(`${E2E.baseURL}/api/health`).then((r) => r.json())) as { now: string };
  process.env.E2E_CLOCK_OFFSET_MS = String(Date.parse(h.now) - Date.now());
  return async () => {
    await idp.close();
    await smtp.close();
  };
}

/** A real SMTP server (smtp-server) that keeps every message as an .eml file for the specs to read. */
async function startMailbox() {
  fs.rmSync(E2E.mailDir, { recursive: true, force: true });
  fs.mkdirSync(E2E.mailDir, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        fs.writeFileSync(path.join(E2E.mailDir, `${String(++n).padStart(5, '0')}.eml`), Buffer.concat(chunks));
        done();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function signIn(username: string, password: string) {
  const res = await fetch(`${E2E.baseURL}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${username} failed: ${res.status}`);
  const body = (await res.json()) as { csrf: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0], csrf: body.csrf };
}

/**
 * Until the back-fill is over. Its pace is the machine's (two other suites may share the cores), so
 * only a back-fill that stops moving fails: no event back-filled in a minute, or the server gone.
 */
async function waitForBackfill(proc: ChildProcess) {
  let last = -1;
  let movedAt = Date.now();
  for (;;) {
    const h = (await fetch(`${E2E.baseURL}/api/health`).then((r) => r.json())) as {
      simulator?: { phase?: string; backfilled?: number };
    };
    if (h.simulator?.phase === 'live') return;
    const done = h.simulator?.backfilled ?? 0;
    if (done !== last) [last, movedAt] = [done, Date.now()];
    if (proc.exitCode !== null) throw new Error('the server exited during the simulator back-fill');
    if (Date.now() - movedAt > 60_000)
      throw new Error(`the simulator back-fill stopped moving at ${last} events (phase ${h.simulator?.phase})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
