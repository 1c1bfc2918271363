/** A cell a spreadsheet would run as a formula (OWASP CSV injection): =, +, -, @, tab or CR first. */
const FORMULA = /^[=+\-@\t\r]/;
/** …unless it is just a number, which no spreadsheet evaluates ("-12.5" stays a number). */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * RFC 4180 CSV: fields with a comma, quote or line break are quoted; quotes doubled. Text that would
 * start a formula gets a leading ' (shown as text, never evaluated): exported data comes from event
 * payloads, and a SKU or note of `=HYPERLINK(…)` must not run in the reader's spreadsheet.
 */
export function toCsv(header: string[], rows: unknown[][]): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    if (typeof v !== 'number' && FORMULA.test(s) && !NUMBER.test(s)) s = `'${s}`;
    return /[",\r\n\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
