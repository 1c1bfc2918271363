import { describe, expect, it } from 'vitest';
import { Admission } from './admission';

describe('ingest admission', () => {
  it('takes work up to its bound and refuses the rest whole, with 503 for the process and 429 for a greedy caller', () => {
    const a = new Admission(1000, 0.6);
    const first = a.admit('a', 500);
    expect(first.ok).toBe(true);
    expect(a.admit('a', 200)).toMatchObject({ ok: false, status: 429 }); // 'a' would hold 700 > 600
    const b = a.admit('b', 400);
    expect(b.ok).toBe(true);
    expect(a.admit('c', 200)).toMatchObject({ ok: false, status: 503 }); // 900 + 200 > 1000
    expect(a.inFlight).toBe(900);
    expect(a.full('c')).toBeNull();
    if (first.ok) first.release();
    expect(a.inFlight).toBe(400);
    expect(a.admit('c', 200).ok).toBe(true);
  });

  it('lets one request larger than the bound in alone, so no request is refused forever', () => {
    const a = new Admission(100);
    const big = a.admit('a', 5000);
    expect(big.ok).toBe(true);
    expect(a.full('b')).toMatchObject({ status: 503 });
    if (big.ok) big.release();
    expect(a.full('b')).toBeNull();
  });

  it('says when to come back from the rate work has been draining at', () => {
    let t = 0;
    const a = new Admission(1000, 1, () => t);
    for (let i = 0; i < 5; i++) {
      const r = a.admit('a', 1000);
      t += 1000; // 1,000 events drained per second
      if (r.ok) r.release();
    }
    expect(a.admit('a', 1000).ok).toBe(true);
    expect(a.admit('b', 1)).toMatchObject({ ok: false, status: 503, retryAfterS: 1 });
  });

  it('releases once, however often release is called', () => {
    const a = new Admission(10);
    const r = a.admit('a', 5);
    if (r.ok) {
      r.release();
      r.release();
    }
    expect(a.inFlight).toBe(0);
  });
});
