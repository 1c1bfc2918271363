import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { MAX_TEXT_NESTING, textNestingExceeds } from '../http/shape';

/** One item of a request body, with the text it came from (kept verbatim if it is rejected). */
export interface BodyItem {
  index: number;
  /** 1-based line, for NDJSON bodies. */
  line?: number;
  raw: string;
  value?: unknown;
  /** Set when the item itself could not be parsed (an NDJSON line that is not JSON). */
  parseError?: string;
}

export class BodyError extends Error {
  constructor(
    message: string,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines'];

/**
 * Line and column where a JSON document breaks, so a 400 can name it. Node 20's JSON.parse does not
 * say where; jsonc-parser's strict scan does (it only runs on bodies JSON.parse already refused).
 */
export function where(text: string): { line: number; column: number; problem: string } | undefined {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length === 0) return undefined;
  const pos = errors[0].offset;
  const before = text.slice(0, pos);
  return { line: before.split('\n').length, column: pos - before.lastIndexOf('\n'), problem: printParseErrorCode(errors[0].error) };
}

function parseNdjson(text: string): BodyItem[] {
  const items: BodyItem[] = [];
  text.split('\n').forEach((rawLine, i) => {
    const raw = rawLine.replace(/\r$/, '');
    if (raw.trim() === '') return;
    const item: BodyItem = { index: items.length, line: i + 1, raw };
    if (textNestingExceeds(raw, MAX_TEXT_NESTING)) item.parseError = `line ${i + 1}: nested deeper than ${MAX_TEXT_NESTING} levels`;
    else
      try {
        item.value = JSON.parse(raw);
      } catch (err) {
        item.parseError = `line ${i + 1}: malformed JSON: ${(err as Error).message}`;
      }
    items.push(item);
  });
  return items;
}

/**
 * A body of one event, a JSON array of events, or NDJSON (by content type, or sniffed when the body
 * is several lines that are not one JSON document). A malformed JSON document is a BodyError; a
 * malformed NDJSON line is only that item's problem.
 */
export function parseEventsBody(text: string, contentType: string | null): BodyItem[] {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (NDJSON_TYPES.includes(type)) return parseNdjson(text);
  if (text.trim() === '') throw new BodyError('request body is empty');
  if (textNestingExceeds(text, MAX_TEXT_NESTING)) throw new BodyError(`JSON nested deeper than ${MAX_TEXT_NESTING} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    if (type !== 'application/json' && lines.length > 1) return parseNdjson(text);
    const at = where(text);
    throw new BodyError(`malformed JSON${at ? ` at line ${at.line}, column ${at.column} (${at.problem})` : ''}: ${(err as Error).message}`, at);
  }
  if (Array.isArray(value)) return value.map((v, index) => ({ index, raw: JSON.stringify(v), value: v }));
  return [{ index: 0, raw: text, value }];
}
