import { EXCEPTION_CATEGORIES, familyOfCategory } from '@/lib/events';

/** ISO-8601 text of a DateTime64(3) value, as JS's toISOString prints it (formatDateTime's %f digits vary by version). */
export const isoSql = (t: string) =>
  `concat(formatDateTime(${t}, '%Y-%m-%dT%H:%i:%S', 'UTC'), '.', leftPad(toString(toUnixTimestamp64Milli(${t}) % 1000), 3, '0'), 'Z')`;

/** Milliseconds from `a` to `b`, both DateTime64(3). */
export const msBetween = (a: string, b: string) =>
  `toInt64(toUnixTimestamp64Milli(${b}) - toUnixTimestamp64Milli(${a}))`;

/** The family an exception category belongs to, in SQL (lib/events is the one home of the mapping). */
export const CATEGORY_FAMILY_SQL = `transform(category, ['${EXCEPTION_CATEGORIES.join("','")}'], ['${EXCEPTION_CATEGORIES.map(familyOfCategory).join("','")}'], '')`;
