import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { queryRows, type Store } from './client';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
  checksum: string;
}

const FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;
/** The schema after every migration, dumped for readers (lib/store/schema.ts): not a migration. */
export const SCHEMA_FILE = 'schema.sql';

/** Splits a migration file into statements: full-line `--` comments dropped, `;` at line end splits. */
export function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((l) => !l.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function readMigrations(dir: string): Migration[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql') && f !== SCHEMA_FILE)
    .sort();
  const seen = new Set<number>();
  return files.map((f) => {
    const m = FILE.exec(f);
    if (!m) throw new Error(`migration file name must be NNN_verb_noun.sql: ${f}`);
    const version = Number(m[1]);
    if (seen.has(version)) throw new Error(`two migrations share version ${m[1]}`);
    seen.add(version);
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    return {
      version,
      name: m[2],
      statements: splitStatements(text),
      checksum: createHash('sha256').update(text).digest('hex').slice(0, 16),
    };
  });
}

export const MIGRATIONS_DIR = path.resolve(process.cwd(), 'clickhouse');

/**
 * Applies pending migrations in order and records each in `schema_migrations`. Forward-only: an
 * applied migration whose file changed stops start-up, since its effect can no longer be known.
 * Statements are written `IF NOT EXISTS`, so two services starting at once, or a run interrupted
 * half-way, simply apply the remainder.
 */
export async function migrate(store: Store, dir = MIGRATIONS_DIR): Promise<{ applied: string[] }> {
  await store.command({
    query: `CREATE TABLE IF NOT EXISTS schema_migrations
      (version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC'))
      ENGINE = ReplacingMergeTree(applied_at) ORDER BY version`,
  });
  const done = new Map(
    (
      await queryRows<{ version: number; checksum: string }>(
        store,
        'SELECT version, any(checksum) AS checksum FROM schema_migrations GROUP BY version',
      )
    ).map((r) => [Number(r.version), r.checksum]),
  );
  const applied: string[] = [];
  for (const m of readMigrations(dir)) {
    const previous = done.get(m.version);
    if (previous !== undefined) {
      if (previous !== m.checksum) {
        throw new Error(
          `migration ${m.version}_${m.name} was changed after it was applied; add a new migration instead`,
        );
      }
      continue;
    }
    for (const statement of m.statements) await store.command({ query: statement });
    await store.insert({
      table: 'schema_migrations',
      values: [{ version: m.version, name: m.name, checksum: m.checksum, applied_at: Date.now() }],
      format: 'JSONEachRow',
    });
    applied.push(`${String(m.version).padStart(3, '0')}_${m.name}`);
  }
  return { applied };
}
