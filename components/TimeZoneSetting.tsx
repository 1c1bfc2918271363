'use client';
import { UI_ZONE_COOKIE } from '@/lib/text/zone';
import { useBrowserZone, useUiTimeZone } from './timezone';
import { Card } from './ui';

const zones = () =>
  (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? ['UTC'];

/**
 * The time zone every time in the UI is shown in, and "today" and custom ranges are read in: the
 * browser's by default. Warehouse-local times stay in their warehouse's zone and say so.
 */
export function TimeZoneSetting() {
  const zone = useUiTimeZone();
  const browser = useBrowserZone();
  const choose = (z: string) => {
    const year = 'path=/; SameSite=Lax; max-age=31536000';
    document.cookie = `${UI_ZONE_COOKIE}=${encodeURIComponent(z)}; ${z ? year : 'path=/; max-age=0'}`;
    document.cookie = `tz=${encodeURIComponent(z || browser)}; ${year}`;
    // A full load: server-rendered windows ("today") are read in the new zone too.
    window.location.reload();
  };
  return (
    <Card title="Time zone">
      <label className="flex flex-col gap-1 text-sm">
        Show times in
        <select
          className="rounded border border-slate-300 px-2 py-1"
          value={zone ?? ''}
          onChange={(e) => choose(e.target.value)}
        >
          <option value="">Your browser&apos;s zone{browser ? ` (${browser})` : ''}</option>
          {zones().map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
      <p className="mt-2 text-xs text-slate-700">
        Every time on screen is in this zone, and so are &quot;today&quot; and custom ranges; times labelled
        &quot;warehouse time&quot; are in the warehouse&apos;s own zone.
      </p>
    </Card>
  );
}
