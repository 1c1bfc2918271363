'use client';
import { createContext, useContext } from 'react';

export interface SessionUser {
  name: string;
  role: string;
  warehouses: string[];
  timeZones: Record<string, string>;
}
interface Session {
  user: SessionUser;
  csrf: string | null;
}

const Ctx = createContext<Session | null>(null);

export function SessionProvider({ value, children }: { value: Session; children: React.ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): Session {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** fetch for the app's API: same-origin cookies, JSON, and the CSRF token on writes. */
export async function apiFetch<T>(
  csrf: string | null,
  url: string,
  init: RequestInit = {},
): Promise<{ ok: boolean; status: number; body: T }> {
  const res = await fetch(url, {
    ...init,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}), ...init.headers },
  });
  const body = (await res.json().catch(() => ({}))) as T;
  return { ok: res.ok, status: res.status, body };
}
