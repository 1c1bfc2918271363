'use client';
import { createContext, useContext } from 'react';

const Ctx = createContext<string | undefined>(undefined);

/** The UI's time zone for everything below: the user's choice, or undefined for the browser's own. */
export function TimeZoneProvider({ zone, children }: { zone: string | undefined; children: React.ReactNode }) {
  return <Ctx.Provider value={zone}>{children}</Ctx.Provider>;
}

/** The zone times are shown in (undefined = the browser's). */
export const useUiTimeZone = () => useContext(Ctx);

/** The zone's name as people read it: "Europe/Berlin (CET)". */
export function zoneLabel(zone: string | undefined): string {
  const z = zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const short = new Intl.DateTimeFormat('en-US', { timeZone: z, timeZoneName: 'short' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName')?.value;
  return short && short !== z ? `${z} (${short})` : z;
}
