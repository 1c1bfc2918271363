'use client';
import { createContext, useContext, useSyncExternalStore } from 'react';

const Ctx = createContext<string | undefined>(undefined);

/** The UI's time zone for everything below: the user's choice, or undefined for the browser's own. */
export function TimeZoneProvider({ zone, children }: { zone: string | undefined; children: React.ReactNode }) {
  return <Ctx.Provider value={zone}>{children}</Ctx.Provider>;
}

/** The zone times are shown in (undefined = the browser's). */
export const useUiTimeZone = () => useContext(Ctx);

/** The zone's name as people read it: "Europe/Berlin (CET)". */
export function zoneLabel(z: string): string {
  const short = new Intl.DateTimeFormat('en-US', { timeZone: z, timeZoneName: 'short' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName')?.value;
  return short && short !== z ? `${z} (${short})` : z;
}

const noSubscribe = () => () => undefined;

/** The browser's own zone, read in the browser only ('' while server-rendering: the server cannot know it). */
export const useBrowserZone = () =>
  useSyncExternalStore(
    noSubscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => '',
  );
