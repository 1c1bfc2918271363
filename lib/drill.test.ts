import { describe, expect, it } from 'vitest';
import { backTo, chooseAt, drillOf } from './drill';

describe('returns drill', () => {
  it('starts at reasons and goes reason → category → SKU', () => {
    expect(drillOf({}).level).toBe('reason');
    const d = drillOf({ reason: 'too_small' });
    expect([d.level, d.steps]).toEqual(['category', [{ level: 'reason', value: 'too_small' }]]);
    expect(chooseAt(d, 'apparel')).toEqual({ category: 'apparel' });
    const leaf = drillOf({ reason: 'too_small', category: 'apparel' });
    expect([leaf.level, leaf.reason, leaf.category]).toEqual(['sku', 'too_small', 'apparel']);
    expect(chooseAt(leaf, 'A')).toBeNull();
    expect(backTo(leaf, 1)).toEqual({ category: null });
    expect(backTo(leaf, 0)).toEqual({ reason: null, category: null });
  });

  it('can start from category, then reason', () => {
    const d = drillOf({ by: 'category', category: 'home' });
    expect([d.start, d.level]).toEqual(['category', 'reason']);
    // A reason chosen before the category is not a step of this path until its turn.
    const early = drillOf({ by: 'category', reason: 'damaged_in_transit' });
    expect([early.level, early.reason]).toEqual(['category', undefined]);
  });

  it('can start from channel, whose choice is the window channel filter', () => {
    expect(drillOf({ by: 'channel' }).level).toBe('channel');
    const d = drillOf({ by: 'channel', channel: 'amazon', reason: 'too_small' });
    expect([d.level, d.steps.map((s) => s.value)]).toEqual(['category', ['amazon', 'too_small']]);
    expect(backTo(d, 0)).toEqual({ channel: null, reason: null });
  });

  it('ignores an unknown start', () => {
    expect(drillOf({ by: 'warehouse' }).start).toBe('reason');
  });
});
