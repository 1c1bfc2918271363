import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { createSession } from '@/lib/auth/sessions';
import { saveUser } from '@/lib/auth/users';
import { startClockAt } from '@/lib/clock';
import { startEmbedded, TEST_TOKENS, type Embedded } from '@/test/embedded';
import { waitFor } from '@/test/processes';
import { bearer, publishRuntime } from '@/test/runtime';
import * as session from './session/route';
import * as users from './users/route';

/**
 * A socket lives no longer than the credentials it was opened with: sign-out, expiry, a disabled
 * user or a changed role close it; its handshake must come from the app's own origin (or one
 * allowed); its actions carry the session's CSRF token like HTTP writes.
 */
let stack: Embedded;
const ALLOWED = 'https://ops.example.com';
beforeAll(async () => {
  stack = await startEmbedded({ live: true, env: { OPS_SOCKET_RECHECK_SECONDS: '0.2', OPS_ALLOWED_ORIGINS: ALLOWED } });
  publishRuntime(stack);
});
afterAll(async () => stack?.stop());

const PASSWORD = 'a-long-test-password-0123';
async function signedIn(username: string, role: 'admin' | 'warehouse_manager' = 'admin') {
  await saveUser(
    stack.store.client,
    { username, role, warehouses: role === 'admin' ? [] : ['DC-EAST'], disabled: false },
    PASSWORD,
  );
  const res = await session.POST(
    new Request('http://test/api/session', {
      method: 'POST',
      body: JSON.stringify({ username, password: PASSWORD }),
      headers: { 'content-type': 'application/json', 'x-ops-peer': `203.0.113.${username.length}` },
    }),
  );
  expect(res.status).toBe(200);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0], csrf: ((await res.json()) as { csrf: string }).csrf };
}

/** A socket as a browser page opens it: the session cookie, and the page's Origin. */
function open(headers: Record<string, string>) {
  return new Promise<{ socket: Socket; hello?: { user: { role: string } }; error?: string }>((resolve) => {
    const socket = io(stack.url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: headers,
      reconnection: false,
      forceNew: true,
    });
    socket.once('hello', (hello) => resolve({ socket, hello }));
    socket.once('connect_error', (e) => resolve({ socket, error: e.message }));
  });
}
const host = () => new URL(stack.url).host;
const own = (cookie: string) => ({ cookie, origin: `http://${host()}` });
const closed = (s: Socket) => waitFor('the server to close the socket', async () => !s.connected, 10_000);
const ack = (s: Socket, body: Record<string, unknown>) => s.timeout(10_000).emitWithAck('action', body);
const acknowledge = (id: string) => ({
  action_id: id,
  type: 'alert.acknowledge',
  payload: { alert_id: 'no-such-alert' },
});

describe('socket sessions', () => {
  it('sign-out closes the session’s socket at once, and it cannot come back', async () => {
    const c = await signedIn('sam-admin');
    const { socket, hello } = await open(own(c.cookie));
    expect(hello?.user.role).toBe('admin');
    const ended: string[] = [];
    socket.on('session:end', (e: { reason: string }) => ended.push(e.reason));
    const out = await session.DELETE(
      new Request('http://test/api/session', {
        method: 'DELETE',
        headers: { cookie: c.cookie, 'x-csrf-token': c.csrf },
      }),
    );
    expect(out.status).toBe(200);
    await closed(socket);
    expect(ended).toEqual(['signed out']);
    expect((await open(own(c.cookie))).error).toBe('unauthorized');
  });

  it('a socket action needs the session’s CSRF token; a token client needs none', async () => {
    const c = await signedIn('csrf-admin');
    const { socket } = await open(own(c.cookie));
    expect(await ack(socket, acknowledge('sock-csrf-1'))).toMatchObject({ status: 'refused', code: 403 });
    expect(await ack(socket, { ...acknowledge('sock-csrf-2'), csrf: 'not-it' })).toMatchObject({
      status: 'refused',
      code: 403,
    });
    // With the token the action is performed: the alert does not exist, a 404 from the action itself.
    expect(await ack(socket, { ...acknowledge('sock-csrf-3'), csrf: c.csrf })).toMatchObject({
      status: 'refused',
      code: 404,
    });
    socket.close();
    const machine = await open({ authorization: `Bearer ${TEST_TOKENS.admin}` });
    expect(await ack(machine.socket, acknowledge('sock-csrf-4'))).toMatchObject({ status: 'refused', code: 404 });
    machine.socket.close();
  });

  it('disabling the user or changing their role closes their sockets; the new role reconnects with its own rooms', async () => {
    const c = await signedIn('wendy', 'warehouse_manager');
    const first = await open(own(c.cookie));
    expect(first.hello?.user.role).toBe('warehouse_manager');
    const change = (body: Record<string, unknown>) =>
      users.POST(
        new Request('http://test/api/users', {
          method: 'POST',
          body: JSON.stringify({ username: 'wendy', password: PASSWORD, ...body }),
          headers: { 'content-type': 'application/json', ...bearer(TEST_TOKENS.admin) },
        }),
      );
    expect((await change({ role: 'planner' })).status).toBe(201);
    await closed(first.socket);
    const second = await open(own(c.cookie));
    expect(second.hello?.user.role).toBe('planner');
    expect((await change({ role: 'planner', disabled: true })).status).toBe(201);
    await closed(second.socket);
    expect((await open(own(c.cookie))).error).toBe('unauthorized');
  });

  it('an expired session’s socket is closed (re-checked on the process clock)', async () => {
    await saveUser(
      stack.store.client,
      { username: 'eve-admin', role: 'admin', warehouses: [], disabled: false },
      PASSWORD,
    );
    const s = await createSession(stack.store.client, 'eve-admin', 3_600_000);
    const { socket, hello } = await open(own(`ops_session=${s.token}`));
    expect(hello).toBeDefined();
    startClockAt(s.expiresAt + 1000);
    try {
      await closed(socket);
    } finally {
      startClockAt(null);
    }
  });

  it('the handshake must come from the app’s own origin or an allowed one', async () => {
    const c = await signedIn('olga-admin');
    expect((await open({ cookie: c.cookie, origin: 'https://evil.example' })).error).toBe('origin not allowed');
    expect((await open({ cookie: c.cookie, origin: `http://${host()}.evil.example` })).error).toBe(
      'origin not allowed',
    );
    for (const origin of [`http://${host()}`, ALLOWED]) {
      const ok = await open({ cookie: c.cookie, origin });
      expect(ok.hello, origin).toBeDefined();
      ok.socket.close();
    }
  });
});
