import { authenticate } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import type { Revocation } from '../auth/revoke';
import { now as clockNow } from '../clock';
import type { Runtime } from '../runtime';
import type { LiveServer, LiveSocket } from './contract';

type Credentials = { authorization: string | null; cookie: string | null };
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The credentials a socket presented at its handshake: a token (auth or header) or the session cookie. */
export function credentialsOf(socket: LiveSocket): Credentials {
  const token = (socket.handshake.auth as { token?: unknown })?.token;
  return {
    authorization: typeof token === 'string' ? `Bearer ${token}` : (socket.handshake.headers.authorization ?? null),
    cookie: socket.handshake.headers.cookie ?? null,
  };
}

/**
 * A browser's socket must come from the app's own pages: an Origin header, when present, must name
 * the host the request was sent to or one of OPS_ALLOWED_ORIGINS (a proxy in front, another UI).
 * Cross-site requests always carry Origin; clients that send none are not browsers and need a token.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}

const sameGrant = (a: Principal, b: Principal) =>
  a.name === b.name && a.role === b.role && a.warehouses.join('\u0000') === b.warehouses.join('\u0000');

/**
 * How long a socket may stay: no longer than the credentials it was opened with. It is closed when
 * its session ends (sign-out, on ops.sessions from any replica), when the session expires, and when
 * its user is disabled or their role or warehouses change; every `recheckMs` each socket is
 * authenticated again as a backstop (a change made straight in the store, a lost notice).
 */
export class SocketSessions {
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly io: LiveServer,
    private readonly rt: Pick<Runtime, 'config' | 'store' | 'log'>,
    private readonly recheckMs: number,
  ) {}

  start() {
    this.timer = setInterval(() => void this.recheck(), this.recheckMs);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
  }

  /** At connection: close the socket when its session expires. */
  track(socket: LiveSocket) {
    const p = socket.data.principal as Principal;
    if (!p.session) return;
    const t = setTimeout(
      () => this.end(socket, 'session expired'),
      Math.min(MAX_TIMER_MS, Math.max(0, p.session.expiresAt - clockNow())),
    );
    t.unref();
    socket.once('disconnect', () => clearTimeout(t));
  }

  /** The principal of the socket as of now: re-authenticated, and the same grant it was opened with; else null (and the socket is closed). */
  async current(socket: LiveSocket): Promise<Principal | null> {
    const p = socket.data.principal as Principal;
    const now = await authenticate(this.rt, credentialsOf(socket)).catch(() => null);
    if (now && sameGrant(p, now)) return now;
    this.end(socket, now ? 'role or warehouses changed' : 'signed out or disabled');
    return null;
  }

  /** A revocation heard on ops.sessions. */
  revoked(r: Revocation) {
    for (const s of this.io.sockets.sockets.values()) {
      const p = s.data.principal as Principal | undefined;
      if (!p) continue;
      if ('session' in r ? p.session?.id === r.session : p.kind === 'user' && p.name === r.user)
        this.end(s, 'session' in r ? 'signed out' : 'account changed');
    }
  }

  private async recheck() {
    if (this.checking) return;
    this.checking = true;
    try {
      for (const s of [...this.io.sockets.sockets.values()]) if (s.connected) await this.current(s);
    } finally {
      this.checking = false;
    }
  }

  private end(socket: LiveSocket, reason: string) {
    if (!socket.connected) return;
    this.rt.log.info({ user: (socket.data.principal as Principal).name, reason }, 'socket closed');
    // Told why first, so the page can say it and send the user to sign in rather than reconnecting blindly.
    socket.emit('session:end', { reason });
    socket.disconnect(true);
  }
}
