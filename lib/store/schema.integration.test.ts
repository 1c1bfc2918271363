import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openStore } from './client';
import { migrate } from './migrate';
import { dumpSchema } from './schema';

it('clickhouse/schema.sql is what the migrations add up to (stale: run `npm run schema`)', async () => {
  const store = await openStore({ clickhouse: null, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'ops-schema-')) });
  try {
    await migrate(store.client);
    const file = fs.readFileSync(new URL('../../clickhouse/schema.sql', import.meta.url), 'utf8');
    expect(await dumpSchema(store.client), 'clickhouse/schema.sql is stale: run `npm run schema` and commit it').toBe(
      file,
    );
  } finally {
    await store.close();
  }
});
