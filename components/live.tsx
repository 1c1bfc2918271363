'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { syncServerClock } from './clock';

let socket: Socket | null = null;
let lastSeq = 0;

/**
 * One socket.io connection per tab (the session cookie authenticates it). It remembers the
 * newest alert `seq` seen and sends it when it reconnects, so the server replays what it missed.
 */
export function liveSocket(): Socket {
  if (!socket) {
    socket = io({ path: '/socket.io', transports: ['websocket', 'polling'], auth: (cb) => cb({ since: lastSeq }) });
    const note = (a: { seq?: number }) => {
      if (a?.seq && a.seq > lastSeq) lastSeq = a.seq;
    };
    socket.on('hello', (h: { now?: number }) => syncServerClock(Number(h?.now)));
    // The server closed the socket because the session ended (signed out elsewhere, expired,
    // disabled, role changed): sign in again and come back to this page.
    socket.on('session:end', () => window.location.assign(`/signin?next=${encodeURIComponent(window.location.pathname + window.location.search)}`));
    socket.on('alert:new', note);
    socket.on('alert:update', note);
  }
  return socket;
}

/** Calls `handler` for each `event` pushed to this user. */
export function useLiveEvent<T>(event: string, handler: (payload: T) => void) {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const s = liveSocket();
    const on = (p: T) => ref.current(p);
    s.on(event, on);
    return () => void s.off(event, on);
  }, [event]);
}

/** Re-renders the page's server components (fresh data) when any of `events` arrives, at most every `minMs`. */
export function useLiveRefresh(events: string[], minMs = 2000) {
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
    for (const e of events) s.on(e, on);
    return () => {
      for (const e of events) s.off(e, on);
      if (pending.current) clearTimeout(pending.current);
    };
  }, [router, minMs, events.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps
}

/** Connection state for the header: live, reconnecting, offline. */
export function LiveStatus() {
  const [state, setState] = useState<'connecting' | 'live' | 'offline'>('connecting');
  useEffect(() => {
    const s = liveSocket();
    const up = () => setState('live');
    const down = () => setState('offline');
    if (s.connected) up();
    s.on('connect', up);
    s.on('disconnect', down);
    s.on('connect_error', down);
    return () => {
      s.off('connect', up);
      s.off('disconnect', down);
      s.off('connect_error', down);
    };
  }, []);
  const color = state === 'live' ? 'bg-emerald-600' : state === 'offline' ? 'bg-red-600' : 'bg-amber-500';
  return (
    <span className="inline-flex items-center gap-2 text-sm text-slate-700" role="status" aria-live="polite">
      <span className={`h-2.5 w-2.5 rounded-full ${color}`} aria-hidden="true" />
      {state === 'live' ? 'Live' : state === 'offline' ? 'Offline — reconnecting' : 'Connecting…'}
    </span>
  );
}
