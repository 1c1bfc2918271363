'use client';
import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';

let socket: Socket | null = null;

/** One socket.io connection per tab, shared by every live component. */
export function liveSocket(): Socket {
  socket ??= io({ path: '/socket.io', transports: ['websocket', 'polling'] });
  return socket;
}

/** The latest payload of a live event, starting from what the server rendered. */
export function useLive<T>(event: string, initial: T): T {
  const [value, setValue] = useState(initial);
  useEffect(() => {
    const s = liveSocket();
    const on = (payload: T) => setValue(payload);
    s.on(event, on);
    return () => {
      s.off(event, on);
    };
  }, [event]);
  return value;
}
