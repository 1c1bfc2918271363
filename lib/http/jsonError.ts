import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';

/**
 * Line and column where a JSON document breaks, so a 400 can name it. Node 20's JSON.parse does not
 * say where; jsonc-parser's strict scan does (it only runs on bodies JSON.parse already refused).
 */
export function jsonErrorAt(text: string): { line: number; column: number; problem: string } | undefined {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length === 0) return undefined;
  const pos = errors[0].offset;
  const before = text.slice(0, pos);
  return {
    line: before.split('\n').length,
    column: pos - before.lastIndexOf('\n'),
    problem: printParseErrorCode(errors[0].error),
  };
}
