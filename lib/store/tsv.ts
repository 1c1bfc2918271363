/**
 * TabSeparated text for inserts: the cheapest format chDB parses (no JSON object tree on either
 * side), and line-delimited, so a value can never put a raw "\n\n" into the payload (chdb 3.4's raw
 * insert cuts binary payloads there; see tsv.test.ts). Times go as epoch milliseconds, which
 * DateTime64(3) reads with date_time_input_format = 'basic' (TSV_SETTINGS).
 */
export type TsvValue = string | number | boolean | null | undefined | readonly (string | number)[];

const SPECIAL = /[\\\t\n\r\0']/;
const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\0': '\\0',
  "'": "\\'",
};

/** A string as TSV text: backslash, tab, newline, CR, NUL (and the quote, for array elements) escaped. */
export function escapeTsv(s: string): string {
  return SPECIAL.test(s) ? s.replace(/[\\\t\n\r\0']/g, (c) => ESCAPES[c]) : s;
}

/** Numbers as plain decimals: JS prints 1e-7 and 1e21 in exponent form, which Decimal columns refuse. */
export function tsvNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  const s = String(n);
  if (!s.includes('e')) return s;
  // Past 2^53 every double is an integer; below 1e-6 twelve places keep more than a Decimal(18, 4) holds.
  return Number.isInteger(n) ? BigInt(n).toString() : n.toFixed(12);
}

export function tsvField(v: TsvValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return escapeTsv(v);
  if (typeof v === 'number') return tsvNumber(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  return `[${v.map((x) => (typeof x === 'number' ? tsvNumber(x) : `'${escapeTsv(x)}'`)).join(',')}]`;
}

/** One row: fields in column order, tab-separated, newline-terminated. */
export const tsvRow = (fields: readonly TsvValue[]): string => `${fields.map(tsvField).join('\t')}\n`;

/** Settings every TSV insert carries: epoch-millisecond times, and one block per insert (all or nothing). */
export const TSV_SETTINGS = {
  date_time_input_format: 'basic',
  input_format_parallel_parsing: 0,
  max_insert_block_size: '10000000',
  min_insert_block_size_rows: '0',
  min_insert_block_size_bytes: '0',
} as const;
