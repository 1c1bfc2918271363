/**
 * User administration from the command line (the store must not be in use by another process in
 * embedded mode — chDB binds its data directory to one process — so stop `npm start` first, or
 * point CLICKHOUSE_URL at the server):
 *
 *   npm run users -- list
 *   npm run users -- add <username> <role> [--warehouses DC-EAST,DC-WEST] [--password …]
 *   npm run users -- reset-password <username> [--password …]
 *   npm run users -- disable <username>
 *
 * Without --password a random one is generated and printed once.
 */
import { parseArgs } from 'node:util';
import { loadConfigOrExit, ROLES, type Role } from '@/lib/config';
import { findUser, listUsers, randomPassword, saveUser } from '@/lib/auth/users';
import { openStore } from '@/lib/store/client';
import { migrate } from '@/lib/store/migrate';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { warehouses: { type: 'string' }, password: { type: 'string' } },
});
const [cmd, username, role] = positionals;
const config = loadConfigOrExit();
const store = await openStore(config).catch((err: Error) => {
  console.error(`cannot open the store (${err.message}); in embedded mode stop the server first`);
  process.exit(1);
});
await migrate(store.client);
try {
  if (cmd === 'list') {
    for (const u of await listUsers(store.client))
      console.log(`${u.username}\t${u.role}\t${u.warehouses.join(',')}${u.disabled ? '\tdisabled' : ''}`);
  } else if (cmd === 'add' && username && role) {
    if (!ROLES.includes(role as Role)) throw new Error(`role must be one of ${ROLES.join(', ')}`);
    const password = values.password ?? randomPassword();
    await saveUser(
      store.client,
      {
        username,
        role: role as Role,
        warehouses: values.warehouses?.split(',').filter(Boolean) ?? [],
        disabled: false,
      },
      password,
    );
    console.log(`user ${username} (${role}) saved${values.password ? '' : `; password: ${password}`}`);
  } else if ((cmd === 'reset-password' || cmd === 'disable') && username) {
    const u = await findUser(store.client, username);
    if (!u) throw new Error(`no user ${username}`);
    const password = values.password ?? randomPassword();
    await saveUser(
      store.client,
      { ...u, disabled: cmd === 'disable' },
      cmd === 'disable' ? randomPassword() : password,
    );
    console.log(
      cmd === 'disable'
        ? `user ${username} disabled`
        : `password of ${username} reset${values.password ? '' : `: ${password}`}`,
    );
  } else {
    console.error(
      'usage: npm run users -- list | add <username> <role> [--warehouses A,B] [--password P] | reset-password <username> [--password P] | disable <username>',
    );
    process.exitCode = 2;
  }
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await store.close();
}
