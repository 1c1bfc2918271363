import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { TEST_TOKENS, type Embedded } from '@/test/embedded';
import { bearer, health, startScenarioRuntime } from '@/test/runtime';
import * as actions from './actions/route';
import * as alerts from './alerts/route';
import * as audit from './audit/route';
import * as deadLetters from './dead-letters/route';
import * as events from './events/route';
import * as exceptions from './exceptions/route';
import * as kpis from './kpis/route';
import * as order from './orders/[order_id]/route';
import * as orders from './orders/route';
import * as reasons from './returns/reasons/route';
import * as session from './session/route';
import * as simulator from './simulator/route';
import * as users from './users/route';
import * as user from './users/[username]/route';
import * as password from './session/password/route';
import * as replay from './dead-letters/replay/route';
import * as discard from './dead-letters/discard/route';
import * as deliveries from './notifications/deliveries/route';
import * as retryDeliveries from './notifications/deliveries/retry/route';
import * as notifySettings from './notifications/settings/route';
import * as myNotifications from './session/notifications/route';

/**
 * The access matrix of SPEC sections 1 and 6, written out by hand (not read from lib/auth/policy):
 * every route as every role and as nobody. `y` = the role may call it (any answer but 401/403),
 * `-` = 403, and nobody always gets 401 except on health.
 */
const ROLES = ['integration', 'executive', 'warehouse_manager', 'planner', 'support', 'admin'] as const;
type Role = (typeof ROLES)[number];
const TOKEN: Record<Role, string> = {
  integration: TEST_TOKENS.integration,
  executive: TEST_TOKENS.executive,
  warehouse_manager: TEST_TOKENS.east,
  planner: TEST_TOKENS.planner,
  support: TEST_TOKENS.support,
  admin: TEST_TOKENS.admin,
};

type Call = (headers: Record<string, string>) => Promise<Response>;
const url = (p: string) => `http://test${p}`;
const getOf =
  (h: { GET: (r: Request) => Promise<Response> }, p: string): Call =>
  (headers) =>
    h.GET(new Request(url(p), { headers }));
const postOf =
  (h: { POST: (r: Request) => Promise<Response> }, p: string, body: unknown): Call =>
  (headers) =>
    h.POST(
      new Request(url(p), {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...headers },
      }),
    );

//                                                   integ exec  wm  plan supp admin
const MATRIX: [string, Call, string][] = [
  ['POST /api/events', postOf(events, '/api/events', []), 'y - - - - y'],
  ['GET /api/kpis', getOf(kpis, '/api/kpis'), '- y y y y y'],
  ['GET /api/orders?q=', getOf(orders, '/api/orders?q=O1'), '- y y y y y'],
  [
    'GET /api/orders/{id}',
    (h) =>
      order.GET(new Request(url('/api/orders/O1'), { headers: h }), { params: Promise.resolve({ order_id: 'O1' }) }),
    '- y y y y y',
  ],
  ['GET /api/returns/reasons', getOf(reasons, '/api/returns/reasons'), '- y y y - y'],
  ['GET /api/exceptions', getOf(exceptions, '/api/exceptions'), '- y y - y y'],
  ['GET /api/alerts', getOf(alerts, '/api/alerts'), '- y y y y y'],
  ['POST /api/actions', postOf(actions, '/api/actions', {}), '- - y y y y'],
  ['GET /api/audit', getOf(audit, '/api/audit'), '- - - - - y'],
  ['GET /api/dead-letters', getOf(deadLetters, '/api/dead-letters'), '- - - - - y'],
  ['GET /api/users', getOf(users, '/api/users'), '- - - - - y'],
  ['POST /api/users', postOf(users, '/api/users', {}), '- - - - - y'],
  ['GET /api/simulator', getOf(simulator, '/api/simulator'), '- - - - - y'],
  ['POST /api/simulator', postOf(simulator, '/api/simulator', {}), '- - - - - y'],
  ['GET /api/session', getOf(session, '/api/session'), '- y y y y y'],
  [
    'PATCH /api/users/{username}',
    (h) =>
      user.PATCH(
        new Request(url('/api/users/nobody'), {
          method: 'PATCH',
          body: '{}',
          headers: { 'content-type': 'application/json', ...h },
        }),
        { params: Promise.resolve({ username: 'nobody' }) },
      ),
    '- - - - - y',
  ],
  ['POST /api/session/password', postOf(password, '/api/session/password', {}), '- y y y y y'],
  ['POST /api/dead-letters/replay', postOf(replay, '/api/dead-letters/replay', {}), '- - - - - y'],
  ['POST /api/dead-letters/discard', postOf(discard, '/api/dead-letters/discard', {}), '- - - - - y'],
  ['GET /api/notifications/deliveries', getOf(deliveries, '/api/notifications/deliveries'), '- - - - - y'],
  ['GET /api/session/notifications', getOf(myNotifications, '/api/session/notifications'), '- y y y y y'],
  [
    'POST /api/notifications/deliveries/retry',
    postOf(retryDeliveries, '/api/notifications/deliveries/retry', {}),
    '- - - - - y',
  ],
  ['GET /api/notifications/settings', getOf(notifySettings, '/api/notifications/settings'), '- - - - - y'],
  [
    'PUT /api/notifications/settings',
    (h) =>
      notifySettings.PUT(
        new Request(url('/api/notifications/settings'), {
          method: 'PUT',
          body: '{}',
          headers: { 'content-type': 'application/json', ...h },
        }),
      ),
    '- - - - - y',
  ],
];

let stack: Embedded;
beforeAll(async () => {
  stack = await startScenarioRuntime({ live: true });
});
afterAll(async () => stack?.stop());

describe('access matrix: every route as every role and as nobody', () => {
  for (const [name, call, row] of MATRIX) {
    it(name, async () => {
      const allowed = row.split(' ');
      const got: Record<string, number> = {};
      const want: Record<string, string> = {};
      got.nobody = (await call({})).status;
      want.nobody = '401';
      for (const [i, role] of ROLES.entries()) {
        got[role] = (await call(bearer(TOKEN[role]))).status;
        want[role] = allowed[i] === 'y' ? 'allowed' : '403';
      }
      const seen = Object.fromEntries(
        Object.entries(got).map(([k, s]) => [k, s === 401 || s === 403 ? String(s) : 'allowed']),
      );
      expect(seen).toEqual(want);
    });
  }

  it('health needs no credentials', async () => {
    expect((await health()).status).toBe(200);
  });

  it('a wrong or malformed token is 401, not a role', async () => {
    expect((await kpis.GET(new Request(url('/api/kpis'), { headers: bearer('nope-0123456789-nope') }))).status).toBe(
      401,
    );
    expect((await kpis.GET(new Request(url('/api/kpis'), { headers: { authorization: 'Basic abc' } }))).status).toBe(
      401,
    );
  });
});

describe('socket.io: connection and the action event by role', () => {
  const connect = (auth: Record<string, string>) =>
    new Promise<{ ok: boolean; socket: ReturnType<typeof io>; error?: string }>((resolve) => {
      const socket = io(stack.url, {
        path: '/socket.io',
        transports: ['websocket'],
        auth,
        reconnection: false,
        forceNew: true,
      });
      socket.once('hello', () => resolve({ ok: true, socket }));
      socket.once('connect_error', (e) => resolve({ ok: false, socket, error: e.message }));
    });

  it('refuses a connection without credentials or with a wrong token', async () => {
    for (const auth of [{}, { token: 'wrong-token-0123456789' }] as Record<string, string>[]) {
      const c = await connect(auth);
      expect(c).toMatchObject({ ok: false, error: 'unauthorized' });
      c.socket.close();
    }
  });

  // Acknowledging an alert that does not exist: 404 for roles that may acknowledge, 403 for the others.
  const ACK: Record<Role, number> = {
    integration: 403,
    executive: 403,
    warehouse_manager: 404,
    planner: 404,
    support: 404,
    admin: 404,
  };
  for (const role of ROLES) {
    it(`${role}: the action event answers ${ACK[role]}`, async () => {
      const c = await connect({ token: TOKEN[role] });
      expect(c.ok).toBe(true);
      const result = await c.socket.timeout(10_000).emitWithAck('action', {
        action_id: `matrix-${role}`,
        type: 'alert.acknowledge',
        payload: { alert_id: 'no-such-alert' },
      });
      c.socket.close();
      expect(result).toMatchObject({ status: 'refused', code: ACK[role] });
    });
  }
});
