'use client';
import { useLiveRefresh } from '../live';

/** Re-reads the page on each kpi:update (every few seconds while events are applied). */
export function LiveRefresh() {
  useLiveRefresh(['kpi:update'], 5000);
  return null;
}
