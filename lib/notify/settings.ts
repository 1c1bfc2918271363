import { nextVersion } from '../alerts/write';
import { queryRows, type Store } from '../store/client';
import { toChTime } from '../store/time';
import { NotifyConfig, type Channel } from './config';

/** A secret as pages and APIs show it: present, never its value. */
export const KEPT = '(kept)';

/** The settings in force: as an admin last saved them, else the environment's (OPS_NOTIFY_CONFIG). */
export async function loadSettings(store: Store, fallback: NotifyConfig): Promise<NotifyConfig> {
  const [row] = await queryRows<{ settings: string }>(
    store,
    "SELECT settings FROM notify_settings FINAL WHERE id = 'current' LIMIT 1",
  );
  if (!row) return fallback;
  const parsed = NotifyConfig.safeParse(JSON.parse(row.settings));
  return parsed.success ? parsed.data : fallback;
}

/**
 * The settings as an admin edits them: every webhook secret replaced by KEPT, and a Slack/Teams
 * URL (which is its own secret) kept as its host only. Saving KEPT (or a URL left as shown) keeps
 * the stored value.
 */
export function forEditing(s: NotifyConfig): NotifyConfig {
  return {
    ...s,
    channels: s.channels.map((c): Channel => {
      if (c.kind === 'webhook') return { ...c, secret: KEPT };
      if (c.kind === 'slack' || c.kind === 'teams') return { ...c, url: `https://${new URL(c.url).host}/${KEPT}` };
      return c;
    }),
  };
}

/** Puts back the stored secrets an edit left as shown; a new channel must bring its own. */
export function withKeptSecrets(edited: unknown, current: NotifyConfig): unknown {
  if (!edited || typeof edited !== 'object' || !Array.isArray((edited as { channels?: unknown }).channels))
    return edited;
  const before = new Map(current.channels.map((c) => [c.id, c]));
  return {
    ...edited,
    channels: (edited as { channels: Record<string, unknown>[] }).channels.map((c) => {
      const old = before.get(String(c.id));
      if (!old || old.kind !== c.kind) return c;
      if (old.kind === 'webhook' && c.secret === KEPT) return { ...c, secret: old.secret };
      if ((old.kind === 'slack' || old.kind === 'teams') && typeof c.url === 'string' && c.url.endsWith(`/${KEPT}`))
        return { ...c, url: old.url };
      return c;
    }),
  };
}

export async function saveSettings(store: Store, s: NotifyConfig, by: string, now: number): Promise<void> {
  await store.insert({
    table: 'notify_settings',
    values: [
      { id: 'current', settings: JSON.stringify(s), saved_by: by, saved_at: toChTime(now), version: nextVersion() },
    ],
    format: 'JSONEachRow',
  });
}
