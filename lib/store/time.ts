/** ClickHouse DateTime64(3, 'UTC') text form, from epoch milliseconds. */
export function toChTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
}

/** ISO-8601 (UTC, `Z`) from a ClickHouse DateTime64 text value; null stays null. */
export function fromChTime(value: string | null | undefined): string | null {
  if (!value) return null;
  if (value.startsWith('1970-01-01 00:00:00')) return null;
  return `${value.replace(' ', 'T')}${value.length === 19 ? '.000' : ''}Z`;
}

export const chTimeToMs = (value: string) => Date.parse(`${value.replace(' ', 'T')}Z`);
