import { describe, expect, it } from 'vitest';
import { escapeTsv, tsvField, tsvNumber, tsvRow } from './tsv';

describe('TabSeparated encoding', () => {
  it('escapes what would end a field or a row, so a payload never holds a raw blank line', () => {
    const row = tsvRow(['a\n\nb', 'tab\there', 'back\\slash', "quote'd", 'cr\r', 'nul\0']);
    expect(row).toBe("a\\n\\nb\ttab\\there\tback\\\\slash\tquote\\'d\tcr\\r\tnul\\0\n");
    expect(row.slice(0, -1)).not.toContain('\n');
    expect(escapeTsv('plain')).toBe('plain');
  });

  it('writes numbers as decimals Decimal columns accept, and refuses what no column holds', () => {
    expect([tsvNumber(1e-7), tsvNumber(1e21), tsvNumber(-2.5), tsvNumber(42)]).toEqual([
      '0.000000100000',
      '1000000000000000000000',
      '-2.5',
      '42',
    ]);
    expect(() => tsvNumber(Number.NaN)).toThrow(/finite/);
  });

  it('writes nulls, booleans and arrays in ClickHouse text form', () => {
    expect([tsvField(null), tsvField(undefined), tsvField(true), tsvField(false)]).toEqual(['\\N', '\\N', '1', '0']);
    expect(tsvField(['a', "b'c", 'd\\e'])).toBe("['a','b\\'c','d\\\\e']");
    expect(tsvField([1.5, 2])).toBe('[1.5,2]');
  });
});
