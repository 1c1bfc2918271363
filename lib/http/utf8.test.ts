import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8 } from './utf8';

describe('firstInvalidUtf8', () => {
  it('finds the first byte that is not well-formed UTF-8', () => {
    const b = (...x: number[]) => Uint8Array.from(x);
    expect(firstInvalidUtf8(Buffer.from('plain, café, 日本, 🚚'))).toBe(-1);
    expect(firstInvalidUtf8(b(0x61, 0xff, 0x62))).toBe(1);
    expect(firstInvalidUtf8(b(0x61, 0x62, 0xe0, 0xa4))).toBe(2); // truncated at the end
    expect(firstInvalidUtf8(b(0xc0, 0xaf))).toBe(0); // overlong '/'
    expect(firstInvalidUtf8(b(0x61, 0xed, 0xa0, 0x80))).toBe(1); // a surrogate
    expect(firstInvalidUtf8(b(0xf4, 0x90, 0x80, 0x80))).toBe(0); // past U+10FFFF
  });
});
