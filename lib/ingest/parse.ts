import { MAX_TEXT_NESTING, textNestingExceeds } from '../http/limits';
import { jsonErrorAt } from '../http/jsonError';
import { firstInvalidUtf8 } from '../http/utf8';
import { slices } from '../slices';

/** One item of a request body, with the text it came from (kept verbatim if it is rejected). */
export interface BodyItem {
  index: number;
  /** 1-based line, for NDJSON bodies. */
  line?: number;
  raw: string;
  /** The item's bytes as they came, when they are not valid UTF-8 (kept in its dead letter as base64). */
  rawBytes?: Buffer;
  value?: unknown;
  /** Set when the item itself could not be parsed (an NDJSON line that is not JSON). */
  parseError?: string;
}

/** A body that is no event at all: refused whole (400), and kept as one dead letter with what it was. */
export class BodyError extends Error {
  constructor(
    message: string,
    public readonly details?: Record<string, unknown>,
    public readonly raw?: Buffer,
  ) {
    super(message);
  }
}

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines'];

/** NDJSON lines as bytes: one line's bad bytes are that line's problem, not the body's. */
function linesOf(body: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  for (let start = 0; start <= body.length;) {
    const end = body.indexOf(0x0a, start);
    const stop = end < 0 ? body.length : end;
    lines.push(body.subarray(start, stop > start && body[stop - 1] === 0x0d ? stop - 1 : stop));
    start = stop + 1;
  }
  return lines;
}

/**
 * A large body is parsed in slices that give the event loop back: a 5,000-line request is 20–70 ms
 * of parsing, and health probes, pushes and other requests waited behind each one under load.
 */
async function parseNdjson(body: Buffer): Promise<BodyItem[]> {
  const items: BodyItem[] = [];
  const slice = slices();
  const lines = linesOf(body);
  for (let i = 0; i < lines.length; i++) {
    const pause = slice();
    if (pause) await pause;
    const bytes = lines[i];
    const raw = bytes.toString('utf8');
    if (raw.trim() === '') continue;
    const item: BodyItem = { index: items.length, line: i + 1, raw };
    const bad = firstInvalidUtf8(bytes);
    if (bad >= 0) {
      item.parseError = `line ${i + 1}: not valid UTF-8 (byte ${bad} of the line)`;
      item.rawBytes = Buffer.from(bytes);
    } else if (textNestingExceeds(raw, MAX_TEXT_NESTING))
      item.parseError = `line ${i + 1}: nested deeper than ${MAX_TEXT_NESTING} levels`;
    else
      try {
        item.value = JSON.parse(raw);
      } catch (err) {
        item.parseError = `line ${i + 1}: malformed JSON: ${(err as Error).message}`;
      }
    items.push(item);
  }
  return items;
}

/** A JSON array's elements as items, each with its own text, in slices. */
async function arrayItems(values: unknown[]): Promise<BodyItem[]> {
  const slice = slices();
  const items: BodyItem[] = [];
  for (let index = 0; index < values.length; index++) {
    const pause = slice();
    if (pause) await pause;
    items.push({ index, raw: JSON.stringify(values[index]), value: values[index] });
  }
  return items;
}

/**
 * A body of one event, a JSON array of events, or NDJSON (by content type, or sniffed when the body
 * is several lines that are not one JSON document). A malformed JSON document is a BodyError; a
 * malformed NDJSON line is only that item's problem.
 */
export async function parseEventsBody(input: string | Buffer, contentType: string | null): Promise<BodyItem[]> {
  const body = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (NDJSON_TYPES.includes(type)) return parseNdjson(body);
  const severalLines = () => linesOf(body).filter((l) => l.toString('utf8').trim() !== '').length > 1;
  const bad = firstInvalidUtf8(body);
  if (bad >= 0) {
    if (type !== 'application/json' && severalLines()) return parseNdjson(body);
    throw new BodyError(
      `request body is not valid UTF-8 (byte ${bad}); nothing of it was accepted`,
      { byte: bad },
      body,
    );
  }
  const text = body.toString('utf8');
  if (text.trim() === '') throw new BodyError('request body is empty');
  if (textNestingExceeds(text, MAX_TEXT_NESTING))
    throw new BodyError(`JSON nested deeper than ${MAX_TEXT_NESTING} levels`, undefined, body);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    if (type !== 'application/json' && severalLines()) return parseNdjson(body);
    const at = jsonErrorAt(text);
    throw new BodyError(
      `malformed JSON${at ? ` at line ${at.line}, column ${at.column} (${at.problem})` : ''}: ${(err as Error).message}`,
      at,
      body,
    );
  }
  if (Array.isArray(value)) return arrayItems(value);
  return [{ index: 0, raw: text, value }];
}
