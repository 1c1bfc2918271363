import { hostname } from 'node:os';
import { performAction } from '../actions/perform';
import { historyLoad } from './history';
import type { Alert } from '../alerts/types';
import { authenticate } from '../auth/authenticate';
import type { Revocation } from '../auth/revoke';
import { alertRooms, concerns, exceptionRooms, recordRooms, roomsOf } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { Subscription } from '../bus/types';
import { TOPICS } from '../events';
import { getFreshness, summarizeFreshness } from '../queries/getFreshness';
import { listAlerts } from '../queries/listAlerts';
import type { Runtime } from '../runtime';
import type { AlertChange, AppliedNotice, CommandDone } from '../bus/messages';
import type { ActionAck, HandshakeAuth, LiveServer, LiveSocket } from './contract';
import { credentialsOf, originAllowed, SocketSessions } from './sockets';
import { now as clockNow, nowDate } from '../clock';

/**
 * socket.io for the dashboards. A connection must carry a session cookie or an API token; it joins
 * the rooms of its role (and, for a warehouse manager, its warehouses) and only ever hears what
 * concerns it. Alerts and updates arrive on the bus (ops.alerts, ops.updates) in a consumer group
 * of this process alone, so every web replica delivers them; a client that reconnects with the
 * last `seq` it saw is sent the alerts changed since.
 */
export class LiveHub {
  private subs: Subscription[] = [];
  private kpiTimer: NodeJS.Timeout | null = null;
  private lastKpi = 0;
  private pushingKpi = false;
  private readonly sessions: SocketSessions;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly io: LiveServer,
    private readonly rt: Runtime,
    private readonly kpiIntervalMs = rt.config.kpiPushMs,
  ) {
    this.sessions = new SocketSessions(io, rt, rt.config.socketRecheckMs);
  }

  async start() {
    const { io, rt } = this;
    this.sessions.start();
    // A heartbeat while anyone is connected: a browser that hears nothing for a while knows the push is broken, not quiet.
    this.heartbeat = setInterval(() => {
      if (this.io.sockets.adapter.rooms.get('all')?.size) this.io.to('all').emit('heartbeat', { now: clockNow() });
    }, this.rt.config.heartbeatMs);
    this.heartbeat.unref();
    io.use(async (socket, next) => {
      const h = socket.handshake.headers;
      if (!originAllowed(h.origin, h.host, rt.config.allowedOrigins)) return next(new Error('origin not allowed'));
      const principal = await authenticate(rt, credentialsOf(socket)).catch(() => null);
      if (!principal) return next(new Error('unauthorized'));
      socket.data.principal = principal;
      next();
    });
    io.on('connection', (socket) => void this.connected(socket));
    // One group per subscription: two consumers with different topics in one Kafka group split the
    // partitions of both between them, and the half assigned to the wrong member is never read
    // (bench/alerts delivered 106 of 200 alerts via Kafka before this).
    const group = `ops-pulse-web-${hostname()}-${process.pid}-${Date.now().toString(36)}`;
    // Pushes are best effort: a failed one is logged, never retried into a stalled processor.
    this.subs.push(
      await this.listen<AlertChange>(group, 'alerts', (changes) => this.onAlerts(changes)),
      // Done actions (ops.commands): everyone watching the record sees it at once.
      await this.listen<CommandDone>(group, 'commands', (done) => {
        for (const c of done)
          this.io
            .to(recordRooms(c.warehouse_id))
            .emit('action:done', { type: c.type, payload: c.payload, actor: c.actor, at: c.at });
      }),
      await this.listen<Revocation>(group, 'sessions', (ended) => {
        for (const r of ended) this.sessions.revoked(r);
      }),
      await this.listen<AppliedNotice>(group, 'updates', (notices) => this.onApplied(notices)),
    );
  }

  /** Subscribes this process alone to one of the app's topics; each batch's parsable messages go to `handle`. */
  private listen<T>(
    group: string,
    topic: 'alerts' | 'commands' | 'sessions' | 'updates',
    handle: (values: T[]) => unknown,
  ) {
    const { rt } = this;
    return rt.bus.subscribe({
      groupId: `${group}-${topic}`,
      topics: [TOPICS[topic]],
      fromBeginning: false,
      maxWaitMs: 0,
      onBatch: async (b) => {
        const values: T[] = [];
        for (const m of b.messages) {
          try {
            values.push(JSON.parse(m.value.toString()) as T);
          } catch (err) {
            rt.log.warn({ err: (err as Error).message, topic }, 'unreadable notice skipped');
          }
        }
        try {
          await handle(values);
        } catch (err) {
          rt.log.warn({ err: (err as Error).message, topic }, 'push failed');
        }
        for (const m of b.messages) b.resolveOffset(m.offset);
      },
    });
  }

  private async connected(socket: LiveSocket) {
    const p = socket.data.principal as Principal;
    for (const room of roomsOf(p)) void socket.join(room);
    socket.emit('hello', { user: { name: p.name, role: p.role, warehouses: p.warehouses }, now: clockNow() });
    this.sessions.track(socket);
    // Each action is authenticated like an HTTP write: the session must still be valid, and a
    // signed-in user's action must carry the session's CSRF token (`csrf`), as its HTTP writes do.
    socket.on('action', async (input, ack) => {
      const reply = (r: ActionAck) => typeof ack === 'function' && ack(r);
      // The contract's shape is what a well-behaved client sends; the bytes come from anyone.
      const { csrf, ...action } = ((input as unknown) && typeof input === 'object' ? input : {}) as Record<
        string,
        unknown
      >;
      const refuse = (code: number, message: string) =>
        reply({
          action_id: String(action.action_id ?? ''),
          type: String(action.type ?? ''),
          status: 'refused',
          code,
          message,
          at: nowDate().toISOString(),
        });
      const now = await this.sessions.current(socket);
      if (!now) return refuse(401, 'the session has ended; sign in again');
      if (now.kind === 'user' && csrf !== now.csrf)
        return refuse(403, 'missing or wrong csrf: a signed-in socket action carries the session’s CSRF token');
      reply(
        await performAction(this.rt, now, action).catch((err: Error) => ({
          status: 'failed',
          code: 500,
          message: err.message,
        })),
      );
    });
    const since = Number((socket.handshake.auth as HandshakeAuth | undefined)?.since ?? 0);
    if (since > 0) {
      const missed = await listAlerts(this.rt.store.reader, { since, limit: 5000 }).catch(() => []);
      for (const a of missed.reverse())
        if (concerns(p, { type: a.type, warehouse_id: a.warehouse_id ?? null, category: a.category ?? null }))
          socket.emit('alert:update', a);
    }
  }

  private async onAlerts(changes: AlertChange[]) {
    // New alerts are pushed as raised; updates are re-read, all in one query, so they carry
    // acknowledgements (one read per alert took minutes in a storm and stalled every push).
    const reread = [
      ...new Set(changes.filter((c) => c.kind === 'update').map((c) => c.alert?.alert_id ?? c.alert_id!)),
    ];
    const fresh = new Map<string, Alert>();
    if (reread.length > 0)
      for (const a of await listAlerts(this.rt.store.reader, { ids: reread, limit: reread.length }))
        fresh.set(a.alert_id, a);
    for (const c of changes) {
      const alert = c.kind === 'new' ? c.alert! : fresh.get(c.alert?.alert_id ?? c.alert_id!);
      if (!alert) continue;
      const rooms = alertRooms({
        type: alert.type,
        warehouse_id: alert.warehouse_id ?? null,
        category: alert.category ?? null,
      });
      this.io.to(rooms).emit(c.kind === 'new' ? 'alert:new' : 'alert:update', alert);
    }
  }

  private onApplied(notices: AppliedNotice[]) {
    for (const n of notices) {
      for (const x of n.exceptions) {
        this.io.to(exceptionRooms(x)).emit('exception:update', x);
      }
    }
    this.scheduleKpis();
  }

  /** At most one kpi:update per interval, computed after the inserts that triggered it. */
  private scheduleKpis() {
    if (this.kpiTimer) return;
    const wait = Math.max(0, this.lastKpi + this.kpiIntervalMs - Date.now());
    this.kpiTimer = setTimeout(() => {
      this.kpiTimer = null;
      void this.pushKpis();
    }, wait);
  }

  /**
   * `kpi:update` says the figures changed and how fresh the data is; each view then re-reads its own
   * window and filters within the reader's warehouse scope. It carries no figures: one 24 h board
   * pushed to every socket would show a warehouse manager every warehouse's numbers.
   */
  private async pushKpis() {
    if (this.pushingKpi) return this.scheduleKpis();
    if (!this.io.sockets.adapter.rooms.get('all')?.size) return;
    this.pushingKpi = true;
    this.lastKpi = Date.now();
    try {
      const freshness = summarizeFreshness(await getFreshness(this.rt.store.reader));
      this.io.to('all').emit('kpi:update', { at: nowDate().toISOString(), freshness, history: historyLoad(this.rt) });
    } catch (err) {
      this.rt.log.warn({ err: (err as Error).message }, 'kpi push failed');
    } finally {
      this.pushingKpi = false;
    }
  }

  async close() {
    this.sessions.stop();
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.kpiTimer) clearTimeout(this.kpiTimer);
    await Promise.all(this.subs.map((s) => s.stop()));
  }
}
