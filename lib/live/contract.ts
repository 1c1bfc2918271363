/**
 * The socket.io contract, in one place: every event the server pushes and the client sends, with
 * its payload. The hub (lib/live/hub.ts, lib/live/sockets.ts) and the browser (components/live.tsx)
 * both type their socket with these interfaces, so a renamed event or a changed payload fails the
 * typecheck on both sides. Type-only imports: the browser bundle takes nothing from the server.
 */
import type { ActionResult } from '../actions/schemas';
import type { Server, Socket } from 'socket.io';
import type { Alert } from '../alerts/types';
import type { Principal } from '../auth/principal';
import type { ExceptionChange } from '../bus/messages';
import type { summarizeFreshness } from '../queries/getFreshness';
import type { HistoryLoad } from './history';

export type Freshness = ReturnType<typeof summarizeFreshness>;

export interface ServerToClientEvents {
  /** On connect: who the socket is, and the server's clock. */
  hello: (h: { user: { name: string; role: string; warehouses: string[] }; now: number }) => void;
  /** Every few seconds while anyone is connected: silence means a broken push, not a quiet store. */
  heartbeat: (h: { now: number }) => void;
  'alert:new': (a: Alert) => void;
  /** Acknowledged, escalated, resolved; also the replay of what a reconnecting socket missed. */
  'alert:update': (a: Alert) => void;
  'exception:update': (x: ExceptionChange) => void;
  /**
   * The figures changed: each view re-reads its own window. Carries no figures (scope), only
   * freshness, and while the simulator back-fills its history, how much of it is in.
   */
  'kpi:update': (u: { at: string; freshness: Freshness; history: HistoryLoad | null }) => void;
  /** An operator action was done, for everyone who may see the record. */
  'action:done': (a: { type: string; payload: Record<string, unknown>; actor: string; at: string }) => void;
  /** The session behind the socket ended (sign-out, expiry, disabled, role change); it is closed next. */
  'session:end': (s: { reason: string }) => void;
}

export type ActionAck = ActionResult | { status: 'failed'; code: number; message: string };

export interface ClientToServerEvents {
  /** An operator action (SPEC actions) with the session's CSRF token. */
  action: (input: Record<string, unknown> & { csrf?: string }, ack?: (r: ActionAck) => void) => void;
}

/** What a client may pass at the handshake: a token (non-browser clients) and the newest alert seq seen. */
export interface HandshakeAuth {
  token?: string;
  since?: number;
}

export type LiveEvent = keyof ServerToClientEvents;

/** What the server keeps on each socket. */
export interface SocketData {
  principal: Principal;
}

/** The server side, typed by the contract (lib/live/hub.ts, lib/live/sockets.ts, server.ts). */
export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
