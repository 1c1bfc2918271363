import { describe, expect, it } from 'vitest';
import { DEFINITIONS } from './definitions';

describe('figure definitions', () => {
  it('every definition says its formula, what counts and what is left out', () => {
    for (const [key, define] of Object.entries(DEFINITIONS)) {
      const d = define({ tolerance: { units: 0, pct: 0 } });
      expect(d.formula.length, key).toBeGreaterThan(40);
      expect(d.includes.length, key).toBeGreaterThan(10);
      expect(d.excludes.length, key).toBeGreaterThan(10);
    }
  });

  it('states the configured count tolerance, not a fixed one', () => {
    expect(DEFINITIONS.inventory_accuracy({ tolerance: { units: 0, pct: 0 } }).formula).toContain('exact');
    expect(DEFINITIONS.inventory_accuracy({ tolerance: { units: 2, pct: 5 } }).formula).toContain(
      'within 2 units or 5% of expected',
    );
  });

  it('the board offers every definition (a figure added without one fails here)', async () => {
    const fs = await import('node:fs');
    const board = fs.readFileSync('components/board/Board.tsx', 'utf8');
    for (const key of Object.keys(DEFINITIONS)) expect(board, key).toContain(`define('${key}'`);
  });
});
