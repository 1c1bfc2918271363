/** Writes clickhouse/schema.sql: the schema after every migration, on a fresh temporary chDB. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '@/lib/store/client';
import { migrate } from '@/lib/store/migrate';
import { dumpSchema } from '@/lib/store/schema';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-schema-'));
const store = await openStore({ clickhouse: null, dataDir: dir });
try {
  await migrate(store.client);
  fs.writeFileSync(new URL('../clickhouse/schema.sql', import.meta.url), await dumpSchema(store.client));
  console.log('clickhouse/schema.sql written');
} finally {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
