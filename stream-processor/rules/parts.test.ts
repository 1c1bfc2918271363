import { describe, expect, it } from 'vitest';
import type { Judgement } from '@/lib/alerts/types';
import { judgeInParts } from './parts';

const judge = (part: number[]): Judgement => ({
  type: 'cutoff_risk',
  judged: 'all',
  found: part
    .filter((n) => n % 2 === 1)
    .map((n) => ({
      type: 'cutoff_risk',
      entity: { kind: 'collection', id: 'c' },
      warehouse_id: 'W',
      category: '',
      member: { key: String(n), severity: 'warning', data: {} },
    })),
  ok: part.filter((n) => n % 2 === 0).map(String),
});

describe('judgeInParts', () => {
  it('gives the verdict of one judgement over everything, in parts, yielding between them', async () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    let otherWorkRan = false;
    const seen: boolean[] = [];
    setImmediate(() => (otherWorkRan = true));
    const parted = await judgeInParts(items, (part) => (seen.push(otherWorkRan), judge(part)), 3);
    expect(parted).toEqual(judge(items));
    expect(seen).toEqual([false, true, true, true]); // the first part at once, the others after a turn
    expect((await judgeInParts([], judge, 3)).found).toEqual([]);
  });
});
