import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes what needs quoting and nothing else', () => {
    expect(toCsv(['a', 'b'], [['x', 1], ['he said "hi"', 'c,d'], [null, 'line\nbreak']])).toBe('a,b\r\nx,1\r\n"he said ""hi""","c,d"\r\n,"line\nbreak"\r\n');
  });
});
