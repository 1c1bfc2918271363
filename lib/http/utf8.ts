import { isUtf8 } from 'node:buffer';

/**
 * Offset of the first byte that is not part of well-formed UTF-8 (overlongs, surrogates and code
 * points past U+10FFFF included), or -1. Decoding would silently turn such bytes into U+FFFD; a
 * body is refused instead, and its bytes kept as they came.
 */
export function firstInvalidUtf8(buf: Uint8Array): number {
  if (isUtf8(buf)) return -1;
  for (let i = 0; i < buf.length;) {
    const b = buf[i];
    const [n, min] =
      b < 0x80
        ? [0, 0]
        : b >= 0xc2 && b <= 0xdf
          ? [1, 0x80]
          : b >= 0xe0 && b <= 0xef
            ? [2, 0x800]
            : b >= 0xf0 && b <= 0xf4
              ? [3, 0x10000]
              : [-1, 0];
    if (n < 0) return i;
    let cp = n === 0 ? b : b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}
