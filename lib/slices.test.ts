import { describe, expect, it } from 'vitest';
import { slices } from './slices';

describe('slices', () => {
  it('yields only once a slice has used its budget, then starts a new one', async () => {
    let t = 0;
    const real = performance.now;
    performance.now = () => t;
    try {
      const next = slices(8);
      t = 7;
      expect(next()).toBeUndefined();
      t = 8;
      const y = next();
      expect(y).toBeInstanceOf(Promise);
      t = 20;
      await y;
      t = 27;
      expect(next()).toBeUndefined();
      t = 28;
      expect(next()).toBeInstanceOf(Promise);
    } finally {
      performance.now = real;
    }
  });
});
