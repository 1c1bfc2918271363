'use client';
import Link from 'next/link';
import { useEffect, useSyncExternalStore } from 'react';

const noSubscribe = () => () => undefined;
import { apiFetch, useSession } from './session';
import { useUiTimeZone, zoneLabel } from './timezone';

/** Who is signed in, and sign-out. Also records the browser's time zone for "today" windows. */
export function UserMenu() {
  const { user, csrf } = useSession();
  const zone = useUiTimeZone();
  // Read in the browser only: the server does not know the browser's zone.
  const label = useSyncExternalStore(
    noSubscribe,
    () => zoneLabel(zone),
    () => '',
  );
  useEffect(() => {
    // "Today" and custom ranges are read in the zone the times are shown in.
    const tz = zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    document.cookie = `tz=${encodeURIComponent(tz)}; path=/; SameSite=Lax; max-age=31536000`;
  }, [zone]);
  const signOut = async () => {
    await apiFetch(csrf, '/api/session', { method: 'DELETE' });
    // A full load, not a client navigation: nothing of the ended session may stay in memory.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign('/signin');
  };
  return (
    <div className="flex items-center gap-3 text-sm text-slate-700">
      <Link href="/account" className="hover:underline" title="Your account">
        {user.name}{' '}
        <span className="text-slate-600">
          ({user.role.replace('_', ' ')}
          {user.warehouses.length ? `: ${user.warehouses.join(', ')}` : ''})
        </span>
      </Link>
      {label && <span className="hidden text-xs text-slate-600 md:inline">times: {label}</span>}
      <button type="button" onClick={signOut} className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50">
        Sign out
      </button>
    </div>
  );
}
