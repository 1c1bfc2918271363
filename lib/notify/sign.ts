import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The webhook signature (docs/alerts.md): `X-Ops-Signature: t=<unix seconds>,v1=<hex>`, where v1 is
 * HMAC-SHA256 with the endpoint's secret over `<t>.<raw body>`. The timestamp is inside the MAC, so
 * a captured request cannot be replayed later with a new time; receivers refuse old timestamps.
 */
export const SIGNATURE_HEADER = 'X-Ops-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

const mac = (secret: string, t: number, body: string) =>
  createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

/** The header value for `body` sent at `nowMs`. */
export function signBody(secret: string, body: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${mac(secret, t, body)}`;
}

export type Verdict = { ok: true } | { ok: false; reason: 'malformed' | 'stale' | 'mismatch' };

/** A receiver's check: the header parses, its time is within `toleranceS` of now, and the MAC matches. */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  nowMs: number,
  toleranceS = DEFAULT_TOLERANCE_SECONDS,
): Verdict {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowMs / 1000 - t) > toleranceS) return { ok: false, reason: 'stale' };
  const want = Buffer.from(mac(secret, t, body), 'hex');
  return timingSafeEqual(want, Buffer.from(parts.v1, 'hex')) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
