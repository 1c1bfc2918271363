'use client';
import Link from 'next/link';
import { useEffect } from 'react';
import { apiFetch, useSession } from './session';
import { useBrowserZone, useUiTimeZone, zoneLabel } from './timezone';

/** Who is signed in, and sign-out. Also records the browser's time zone for "today" windows. */
export function UserMenu() {
  const { user, csrf } = useSession();
  const zone = useUiTimeZone();
  const browser = useBrowserZone();
  const shown = zone ?? browser;
  const label = shown ? zoneLabel(shown) : '';
  useEffect(() => {
    // "Today" and custom ranges are read in the zone the times are shown in.
    if (shown) document.cookie = `tz=${encodeURIComponent(shown)}; path=/; SameSite=Lax; max-age=31536000`;
  }, [shown]);
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
