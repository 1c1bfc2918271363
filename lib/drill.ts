import type { GroupBy } from './queries/getReturnReasons';

/**
 * The returns analysis drill: where it starts (reason, category or channel) fixes the path of its
 * levels; each level's choice becomes a filter and the first level without one is what the table
 * groups by. The channel level's choice is the window's own channel filter, so the filter bar and
 * the drill never disagree.
 */
export const DRILL_STARTS = ['reason', 'category', 'channel'] as const;
export type DrillStart = (typeof DRILL_STARTS)[number];
type Level = Extract<GroupBy, 'reason' | 'category' | 'channel' | 'sku'>;

const PATHS: Record<DrillStart, readonly Level[]> = {
  reason: ['reason', 'category', 'sku'],
  category: ['category', 'reason', 'sku'],
  channel: ['channel', 'reason', 'category', 'sku'],
};
export const LEVEL_NAMES: Record<Level, string> = {
  reason: 'Reason',
  category: 'Category',
  channel: 'Channel',
  sku: 'SKU',
};

export interface Drill {
  start: DrillStart;
  /** The reason and category chosen on the path so far: the returns slice every figure follows. */
  reason?: string;
  category?: string;
  /** The level the table shows now. */
  level: Level;
  /** The choices made so far, in path order: the breadcrumb. */
  steps: { level: Level; value: string }[];
}

/** The drill a page's search params describe (`by`, `reason`, `category`, `channel`). */
export function drillOf(q: Record<string, string | undefined>): Drill {
  const start = (DRILL_STARTS as readonly string[]).includes(q.by ?? '') ? (q.by as DrillStart) : 'reason';
  const chosen = { reason: q.reason || undefined, category: q.category || undefined, channel: q.channel || undefined };
  const path = PATHS[start];
  const steps: Drill['steps'] = [];
  const done = (level: Level): Drill => {
    const at = (l: Level) => steps.find((s) => s.level === l)?.value;
    return { start, level, steps, reason: at('reason'), category: at('category') };
  };
  for (const level of path) {
    const value = level === 'sku' ? undefined : chosen[level];
    if (!value) return done(level);
    steps.push({ level, value });
  }
  return done('sku');
}

/** The search-param changes that choose `value` at the drill's current level (none at the SKU leaf). */
export function chooseAt(d: Drill, value: string): Record<string, string> | null {
  return d.level === 'sku' ? null : { [d.level]: value };
}

/** The changes that go back to just before `index`'s step (0 = the start, every choice undone). */
export function backTo(d: Drill, index: number): Record<string, string | null> {
  return Object.fromEntries(d.steps.slice(index).map((s) => [s.level, null]));
}
