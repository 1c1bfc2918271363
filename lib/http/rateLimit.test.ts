import { expect, it } from 'vitest';
import { RateLimiter } from './rateLimit';

it('has() looks at a bucket without taking from it; take() empties it; time refills it', () => {
  const l = new RateLimiter(4, 2);
  expect(l.has('a', 4, 0)).toBe(true);
  expect(l.has('a', 5, 0)).toBe(false);
  expect(l.take('a', 4, 0)).toBe(true);
  expect(l.has('a', 1, 0)).toBe(false);
  expect(l.take('a', 1, 0)).toBe(false);
  expect(l.has('a', 1, 500)).toBe(true); // half a second at 2 per second
  expect(l.has('a', 2, 500)).toBe(false);
  expect(l.has('b', 1, 0)).toBe(true);
});
