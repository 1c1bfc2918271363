import { describe, expect, it } from 'vitest';
import { RowBuffer } from './rowBuffer';

describe('RowBuffer', () => {
  it('holds rows as UTF-8 bytes across growth, and picks any of them back', () => {
    const b = new RowBuffer(8);
    const rows = ['a\tb\n', 'größe\t€\n', '😀\tx\n', `${'long'.repeat(100)}\n`];
    for (const r of rows) b.push(r);
    expect(b.rows).toBe(4);
    expect(b.bytes().toString('utf8')).toBe(rows.join(''));
    expect(b.pick([2, 1]).toString('utf8')).toBe(rows[2] + rows[1]);
    expect(b.pick([]).length).toBe(0);
    expect(b.pick([0, 1, 2, 3]).toString('utf8')).toBe(rows.join(''));
  });
});
