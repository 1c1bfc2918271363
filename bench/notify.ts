/**
 * bench/notify: from POSTing an at-risk order (its own collection, so its own alert) to (a) the
 * SMTP server receiving the mail and (b) the webhook receiver receiving the signed POST, p50/p99
 * over 200 alerts, against the embedded server (`server.ts` as `npm start` runs it) at the default
 * pass interval and at 1 s. The ceiling beside it: the same server's event → alert at a socket
 * (the push the notification follows). Writes bench/results/notify.json.
 *
 *   npm run bench:notify        # BENCH_ALERTS=200
 */
import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { io } from 'socket.io-client';
import { verifySignature } from '@/lib/notify/sign';
import { waitFor } from '@/test/processes';
import { atRiskOrder, fmt, percentile } from './lib';
import { BENCH_ADMIN, BENCH_MANAGER, startWeb } from './web';

const alerts = Number(process.env.BENCH_ALERTS ?? 200);
const SECRET = 'bench-notify-secret-0123456789';

/** Receivers in this process: each arrival is stamped with the order it is about (its carrier). */
async function receivers(onMail: (text: string, at: number) => void, onHook: (body: string, ok: boolean) => void) {
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _s, done) {
      // Stamped once read and decoded (quoted-printable may wrap the order's key): a few ms late at most.
      void simpleParser(stream).then((m) => {
        onMail(`${m.subject ?? ''}\n${m.text ?? ''}`, performance.now());
        done();
      }, done);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const http = createServer((req, res) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => {
      onHook(b, verifySignature(SECRET, req.headers['x-ops-signature'] as string, b, Date.now()).ok);
      res.end();
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return {
    smtpPort: (smtp.server.address() as AddressInfo).port,
    hookUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}/hook`,
    close: async () => {
      http.closeAllConnections();
      await new Promise((r) => http.close(r));
      await new Promise((r) => smtp.close(() => r(null)));
    },
  };
}

async function measure(passSeconds: string) {
  const sent = new Map<string, number>();
  const mail: number[] = [];
  const hook: number[] = [];
  const push: number[] = [];
  let badSignatures = 0;
  const run = `B${Date.now().toString(36).toUpperCase()}`;
  const keyOf = (s: string) => new RegExp(`${run}-\\d+`).exec(s)?.[0];
  const stamp = (into: number[], text: string, at = performance.now()) => {
    const k = keyOf(text);
    const t0 = k && sent.get(k);
    if (t0) into.push(at - t0);
  };
  const r = await receivers(
    (text, at) => stamp(mail, text, at),
    (body, ok) => {
      if (!ok) badSignatures++;
      stamp(hook, body);
    },
  );
  const web = await startWeb({
    OPS_PUBLIC_URL: 'https://ops.example.com',
    OPS_NOTIFY_SMTP_URL: `smtp://127.0.0.1:${r.smtpPort}`,
    OPS_NOTIFY_PASS_SECONDS: passSeconds,
    OPS_NOTIFY_CONFIG: JSON.stringify({
      channels: [
        { kind: 'email', id: 'leads', to: ['lead@example.com'] },
        { kind: 'webhook', id: 'wms', url: r.hookUrl, secret: SECRET },
      ],
      routes: [{ types: ['cutoff_risk'], channels: ['leads', 'wms'] }],
    }),
  });
  const socket = io(web.url, { path: '/socket.io', transports: ['websocket'], auth: { token: BENCH_MANAGER } });
  socket.on('alert:new', (a: { title: string }) => stamp(push, a.title));
  await new Promise((res) => socket.once('hello', res));
  try {
    for (let i = 0; i < alerts; i++) {
      // Its own carrier: its own collection, so its own alert (the title names the carrier).
      const key = `${run}-${i}`;
      sent.set(key, performance.now());
      const res = await fetch(`${web.url}/api/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${BENCH_ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify(atRiskOrder(`bn-${key}`, `O-${key}`, { carrier: key })),
      });
      if (!res.ok) throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
      await new Promise((res2) => setTimeout(res2, 100));
    }
    await waitFor(
      'every mail and webhook',
      async () => (mail.length >= alerts && hook.length >= alerts) || undefined,
      120_000,
      200,
    ).catch(() => undefined);
  } finally {
    socket.close();
    await web.stop();
    await r.close();
  }
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s.at(-1) ?? NaN };
  };
  return {
    pass_seconds: Number(passSeconds),
    alerts,
    push: stats(push),
    mail: stats(mail),
    webhook: stats(hook),
    bad_signatures: badSignatures,
  };
}

const results = { default: await measure('5'), fast: await measure('1') };
console.log(
  '\n| pass interval | alert at a socket p50 / p99 ms (ceiling) | mail p50 / p99 ms | signed webhook p50 / p99 ms |\n|---|---|---|---|',
);
for (const r of Object.values(results))
  console.log(
    `| ${r.pass_seconds} s | ${fmt(r.push.p50, 0)} / ${fmt(r.push.p99, 0)} (${r.push.n}) | ${fmt(r.mail.p50, 0)} / ${fmt(r.mail.p99, 0)} (${r.mail.n}) | ${fmt(r.webhook.p50, 0)} / ${fmt(r.webhook.p99, 0)} (${r.webhook.n}, ${r.bad_signatures} bad) |`,
  );
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/notify.json', JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2));
process.exit(0);
