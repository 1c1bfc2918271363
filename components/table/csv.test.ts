import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes what needs quoting and nothing else', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x', 1],
          ['he said "hi"', 'c,d'],
          [null, 'line\nbreak'],
        ],
      ),
    ).toBe('a,b\r\nx,1\r\n"he said ""hi""","c,d"\r\n,"line\nbreak"\r\n');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const cells = ['=HYPERLINK("http://evil","x")', '+1+cmd|/C calc', '-2+3', '@SUM(A1)', '\t=1', '\r=1', "=1'"];
    expect(
      toCsv(
        ['v'],
        cells.map((c) => [c]),
      )
        .split('\r\n')
        .slice(1, -1),
    ).toEqual([
      `"'=HYPERLINK(""http://evil"",""x"")"`,
      "'+1+cmd|/C calc",
      "'-2+3",
      "'@SUM(A1)",
      `"'\t=1"`,
      `"'\r=1"`,
      "'=1'",
    ]);
  });

  it('leaves numbers numbers, negative ones included', () => {
    expect(toCsv(['n'], [[-5], ['-12.5'], ['+3'], ['-1e3'], [0]])).toBe('n\r\n-5\r\n-12.5\r\n+3\r\n-1e3\r\n0\r\n');
  });
});
