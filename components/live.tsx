'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Alert } from '@/lib/alerts/types';
import type { ClientToServerEvents, HandshakeAuth, LiveEvent, ServerToClientEvents } from '@/lib/live/contract';
import { syncServerClock } from './clock';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
let socket: ClientSocket | null = null;
let lastSeq = 0;
/** When this tab last heard from the server (any push, or the heartbeat every few seconds). */
let lastHeard = 0;
/** After this long without a word the indicator turns amber; after SILENT_MS red, and the tab reconnects. */
export const QUIET_MS = 10_000;
export const SILENT_MS = 30_000;

/**
 * One socket.io connection per tab (the session cookie authenticates it). It remembers the
 * newest alert `seq` seen and sends it when it reconnects, so the server replays what it missed.
 */
export function liveSocket(): ClientSocket {
  if (!socket) {
    socket = io({
      path: '/socket.io',
      transports: ['websocket', 'polling'],
      auth: (cb) => cb({ since: lastSeq } satisfies HandshakeAuth),
    });
    socket.onAny(() => (lastHeard = Date.now()));
    socket.on('connect', () => (lastHeard = Date.now()));
    socket.on('heartbeat', (h) => syncServerClock(Number(h?.now)));
    const note = (a: { seq?: number }) => {
      if (a?.seq && a.seq > lastSeq) lastSeq = a.seq;
    };
    socket.on('hello', (h) => syncServerClock(Number(h?.now)));
    // The server closed the socket because the session ended (signed out elsewhere, expired,
    // disabled, role changed): sign in again and come back to this page.
    // A full load, not a client navigation: nothing of the ended session may stay in memory.
    socket.on('session:end', () =>
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign(`/signin?next=${encodeURIComponent(window.location.pathname + window.location.search)}`),
    );
    socket.on('alert:new', note);
    socket.on('alert:update', note);
  }
  return socket;
}

/**
 * Alert changes for a view rendered on the server with alerts up to `seq`: each one pushed, and,
 * once on mount, those made between the server's read and this view listening, read back over
 * HTTP. The tab's socket may be connected before the view is: the header's live indicator hydrates
 * first (the view waits behind its loading boundary), its handshake asks for nothing, and a push
 * with no listener is gone — an expedite's alert update right after a refresh was lost that way on
 * a slow machine. A change older than one already applied to the same alert is dropped.
 */
export function useAlertChanges(seq: number, handler: (a: Alert, kind: 'new' | 'update') => void) {
  const ref = useRef(handler);
  useLayoutEffect(() => {
    ref.current = handler;
  });
  const from = useRef(seq);
  useEffect(() => {
    const s = liveSocket();
    if (from.current > lastSeq) lastSeq = from.current; // a later reconnection replays from here
    const applied = new Map<string, number>();
    const take = (kind: 'new' | 'update') => (a: Alert) => {
      if ((applied.get(a.alert_id) ?? 0) >= a.seq) return;
      applied.set(a.alert_id, a.seq);
      if (a.seq > lastSeq) lastSeq = a.seq;
      ref.current(a, kind);
    };
    const [onNew, onUpdate] = [take('new'), take('update')];
    s.on('alert:new', onNew);
    s.on('alert:update', onUpdate);
    const stop = new AbortController();
    void changedSince(from.current, stop.signal).then((alerts) => alerts.forEach(onUpdate));
    return () => {
      stop.abort();
      s.off('alert:new', onNew);
      s.off('alert:update', onUpdate);
    };
  }, []);
}

/**
 * The alert changes after `seq` that concern this user, oldest first; [] if the read fails (a later
 * push or reconnection catches up) or for a view rendered with no alert at all (`seq` 0 would read
 * every alert ever raised).
 */
function changedSince(seq: number, signal: AbortSignal): Promise<Alert[]> {
  if (seq <= 0) return Promise.resolve([]);
  return fetch(`/api/alerts?since=${seq}&limit=5000`, { signal })
    .then((r) => (r.ok ? (r.json() as Promise<{ alerts: Alert[] }>) : { alerts: [] }))
    .then(({ alerts }) => alerts.sort((x, y) => x.seq - y.seq))
    .catch(() => []);
}

/** Calls `handler` for each `event` pushed to this user. */
export function useLiveEvent<E extends LiveEvent>(event: E, handler: ServerToClientEvents[E]) {
  const ref = useRef(handler);
  useLayoutEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    const s = liveSocket();
    // socket.io's typings cannot narrow a listener for a generic event name; the contract types `handler`.
    const on = ((...args: Parameters<ServerToClientEvents[E]>) =>
      (ref.current as (...a: typeof args) => void)(...args)) as never;
    s.on(event, on);
    return () => void s.off(event, on);
  }, [event]);
}

/**
 * Re-renders the page's server components (fresh data) when any of `events` arrives, at most every
 * `minMs`, and after a reconnection (whatever was pushed meanwhile is caught up by reading again).
 * With `alertsSince` (the newest alert `seq` the page was rendered with), also once on mount if an
 * alert changed between the server's read and this page listening (see useAlertChanges).
 */
export function useLiveRefresh(events: LiveEvent[], minMs = 2000, alertsSince?: number) {
  const router = useRouter();
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const s = liveSocket();
    const on = () => {
      if (pending.current) return;
      const wait = Math.max(0, last.current + minMs - Date.now());
      pending.current = setTimeout(() => {
        pending.current = null;
        last.current = Date.now();
        router.refresh();
      }, wait);
    };
    let connectedBefore = s.connected;
    const reconnected = () => {
      if (connectedBefore) on();
      connectedBefore = true;
    };
    for (const e of events) s.on(e, on);
    s.on('connect', reconnected);
    const stop = new AbortController();
    if (alertsSince !== undefined)
      void changedSince(alertsSince, stop.signal).then((missed) => missed.length > 0 && on());
    return () => {
      stop.abort();
      for (const e of events) s.off(e, on);
      s.off('connect', reconnected);
      if (pending.current) clearTimeout(pending.current);
    };
  }, [router, minMs, events.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps
}

type Live = { state: 'connecting' | 'live' | 'quiet' | 'silent' | 'offline'; silentFor: number };

/**
 * The header's live indicator: green while the server is heard (a heartbeat comes every few
 * seconds), amber after 10 s of silence, red after 30 s — then the tab reconnects, and the server
 * replays the alerts it missed. Each state says why in words.
 */
export function LiveStatus() {
  const [live, setLive] = useState<Live>({ state: 'connecting', silentFor: 0 });
  useEffect(() => {
    const s = liveSocket();
    let kicked = 0;
    const judge = () => {
      if (!s.connected) return setLive({ state: lastHeard ? 'offline' : 'connecting', silentFor: 0 });
      const silentFor = Date.now() - lastHeard;
      if (silentFor >= SILENT_MS && Date.now() - kicked > SILENT_MS) {
        // Connected but silent: the push path is stuck somewhere. Reconnect; `since` replays what was missed.
        kicked = Date.now();
        s.disconnect().connect();
      }
      setLive({ state: silentFor >= SILENT_MS ? 'silent' : silentFor >= QUIET_MS ? 'quiet' : 'live', silentFor });
    };
    judge();
    const t = setInterval(judge, 1000);
    s.on('connect', judge);
    s.on('disconnect', judge);
    s.on('connect_error', judge);
    return () => {
      clearInterval(t);
      s.off('connect', judge);
      s.off('disconnect', judge);
      s.off('connect_error', judge);
    };
  }, []);
  const secs = Math.floor(live.silentFor / 1000);
  // [dot, what is shown, what a screen reader hears: only when the state changes, not every second]
  const view = {
    connecting: ['bg-amber-500', 'Connecting…', 'Connecting'],
    live: ['bg-emerald-600', 'Live', 'Live'],
    quiet: ['bg-amber-500', `No updates for ${secs} s`, 'No updates for over 10 seconds'],
    silent: ['bg-red-600', `No updates for ${secs} s — reconnecting`, 'No updates for over 30 seconds; reconnecting'],
    offline: ['bg-red-600', 'Offline — reconnecting', 'Offline; reconnecting'],
  }[live.state];
  return (
    <span className="inline-flex items-center gap-2 text-sm text-slate-700" data-live={live.state}>
      <span className={`h-2.5 w-2.5 rounded-full ${view[0]}`} aria-hidden="true" />
      <span aria-hidden="true">{view[1]}</span>
      <span role="status" className="sr-only">
        {view[2]}
      </span>
    </span>
  );
}
