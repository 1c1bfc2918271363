import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  DEFAULT_SLA_MINUTES,
  EXCEPTION_CATEGORIES,
  exceptionCategory,
  RESOLVABLE,
  SUPPORT_CATEGORIES,
} from './categories';
import { CATEGORY_FAMILY_SQL } from '@/stream-processor/rollup/sql';
import { loadConfig } from '../config';

describe('exception categories: one table, everything derived', () => {
  it('the event schemas accept exactly the table’s categories', () => {
    for (const c of EXCEPTION_CATEGORIES) expect(exceptionCategory.safeParse(c).success).toBe(true);
    expect(exceptionCategory.safeParse('made_up').success).toBe(false);
  });

  it('SLA defaults, resolvable and support sets, and the SQL family map come from the rows', () => {
    for (const c of EXCEPTION_CATEGORIES) {
      expect(DEFAULT_SLA_MINUTES[c]).toBe(CATEGORIES[c].slaMinutes);
      expect(RESOLVABLE.has(c)).toBe(CATEGORIES[c].resolvable);
      expect(SUPPORT_CATEGORIES.has(c)).toBe(CATEGORIES[c].support);
      expect(CATEGORY_FAMILY_SQL).toContain(`'${c}'`);
    }
    expect(loadConfig({}).slaMinutes).toEqual(DEFAULT_SLA_MINUTES);
  });

  it('time-driven categories carry their deadline', () => {
    expect(CATEGORIES.inspection_overdue.deadlineMs).toBe(24 * 3_600_000);
    expect(CATEGORIES.refund_overdue.deadlineMs).toBe(48 * 3_600_000);
  });
});
