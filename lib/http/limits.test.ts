import { describe, expect, it } from 'vitest';
import { shapeProblem, textNestingExceeds } from './limits';

describe('request shape limits', () => {
  it('counts nesting outside strings only, escapes included', () => {
    expect(textNestingExceeds('[[[1]]]', 3)).toBe(false);
    expect(textNestingExceeds('[[[[1]]]]', 3)).toBe(true);
    expect(textNestingExceeds('{"a":"[[[[[[\\"{{{{"}', 2)).toBe(false);
    expect(textNestingExceeds('[1],[2],[3],[4]', 1)).toBe(false);
  });

  it('names the path of a value nested too deep or a string too long', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5; i++) deep = { d: deep };
    expect(shapeProblem({ data: deep }, { maxDepth: 4, maxString: 10 })).toMatch(
      /^\$\.data\.d\.d\.d: nested deeper than 4 levels$/,
    );
    expect(shapeProblem({ a: ['ok', 'x'.repeat(11)] }, { maxDepth: 4, maxString: 10 })).toBe(
      '$.a[1]: string of 11 characters (at most 10)',
    );
    expect(shapeProblem({ a: ['ok', { b: 'fine' }] }, { maxDepth: 4, maxString: 10 })).toBeNull();
  });
});
