import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from './sign';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const body = JSON.stringify({ alert_id: 'a1', title: 'Cutoff risk' });

describe('webhook signature', () => {
  it('verifies what it signed, within the tolerance', () => {
    const h = signBody('s3cret', body, NOW);
    expect(h).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature('s3cret', h, body, NOW + 299_000)).toEqual({ ok: true });
  });

  it('refuses another secret, a changed body, an old timestamp and a malformed header', () => {
    const h = signBody('s3cret', body, NOW);
    expect(verifySignature('other', h, body, NOW)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature('s3cret', h, `${body} `, NOW)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature('s3cret', h, body, NOW + 301_000)).toEqual({ ok: false, reason: 'stale' });
    expect(verifySignature('s3cret', 'v1=abc', body, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySignature('s3cret', undefined, body, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('puts the timestamp under the MAC: a replay with a fresh time fails', () => {
    const h = signBody('s3cret', body, NOW);
    const v1 = h.split('v1=')[1];
    const replay = `t=${Math.floor(NOW / 1000) + 3600},v1=${v1}`;
    expect(verifySignature('s3cret', replay, body, NOW + 3_600_000)).toEqual({ ok: false, reason: 'mismatch' });
  });
});
