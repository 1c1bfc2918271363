import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, readMigrations, splitStatements } from './migrate';

describe('migrations', () => {
  it('splits statements and drops comment lines', () => {
    expect(splitStatements('-- a; comment\nCREATE TABLE a (x UInt8) ENGINE = Memory;\n\nSELECT 1;')).toEqual([
      'CREATE TABLE a (x UInt8) ENGINE = Memory',
      'SELECT 1',
    ]);
  });

  it('are numbered NNN_verb_noun without gaps, views are *_mv with an explicit TO', () => {
    const all = readMigrations(MIGRATIONS_DIR);
    expect(all.map((m) => m.version)).toEqual(all.map((_, i) => i + 1));
    for (const m of all) {
      for (const s of m.statements.filter((x) => /MATERIALIZED VIEW/.test(x))) {
        expect(s).toMatch(/MATERIALIZED VIEW IF NOT EXISTS \w+_mv TO \w+/);
      }
    }
  });
});
