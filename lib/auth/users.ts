import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import type { Role } from '../config';
import { queryRows, type Store } from '../store/client';
import { toChTime } from '../store/time';
import { now as clockNow } from '../clock';

export interface User {
  username: string;
  role: Role;
  warehouses: string[];
  disabled: boolean;
}
interface Row extends Omit<User, 'disabled'> {
  password_hash: string;
  disabled: number;
}

const version = () => Date.now() * 1000 + Math.floor(Math.random() * 1000);

export async function findUser(store: Store, username: string): Promise<(User & { passwordHash: string }) | null> {
  const [r] = await queryRows<Row>(
    store,
    'SELECT username, password_hash, role, warehouses, disabled FROM users FINAL WHERE username = {u:String}',
    { u: username },
  );
  return r
    ? {
        username: r.username,
        role: r.role,
        warehouses: r.warehouses,
        disabled: r.disabled === 1,
        passwordHash: r.password_hash,
      }
    : null;
}

export async function listUsers(store: Store): Promise<User[]> {
  const rows = await queryRows<Row>(
    store,
    'SELECT username, role, warehouses, disabled FROM users FINAL ORDER BY username',
  );
  return rows.map((r) => ({
    username: r.username,
    role: r.role,
    warehouses: r.warehouses,
    disabled: r.disabled === 1,
  }));
}

async function writeUser(store: Store, u: User, passwordHash: string): Promise<void> {
  const now = toChTime(clockNow());
  await store.insert({
    table: 'users',
    values: [
      {
        username: u.username,
        password_hash: passwordHash,
        role: u.role,
        warehouses: u.warehouses,
        disabled: u.disabled ? 1 : 0,
        created_at: now,
        updated_at: now,
        version: version(),
      },
    ],
    format: 'JSONEachRow',
  });
}

/** Creates or replaces a user; the password is stored only as an argon2id hash. */
export async function saveUser(store: Store, u: User, password: string): Promise<void> {
  await writeUser(store, u, await hash(password));
}

/**
 * Changes a user's role, warehouses or disabled flag, and sets a new password if one is given;
 * otherwise the password stays. Returns the user before and after, or null if there is none.
 */
export async function updateUser(
  store: Store,
  username: string,
  change: Partial<Omit<User, 'username'>>,
  password?: string,
): Promise<{ before: User; after: User } | null> {
  const existing = await findUser(store, username);
  if (!existing) return null;
  const { passwordHash, ...before } = existing;
  const after: User = { ...before, ...change };
  await writeUser(store, after, password === undefined ? passwordHash : await hash(password));
  return { before, after };
}

/** Whether the user signs in with a password here (not single sign-on only). */
export async function hasPassword(store: Store, username: string): Promise<boolean> {
  return ((await findUser(store, username))?.passwordHash ?? '') !== '';
}

/**
 * A single-sign-on user, created or updated at each SSO sign-in with the role and warehouses the
 * identity provider asserts. No password (an empty hash never verifies). A disabled user stays
 * disabled, and a local password user of the same name is never taken over.
 */
export async function saveSsoUser(
  store: Store,
  u: Omit<User, 'disabled'>,
): Promise<{ ok: true; user: User } | { ok: false; reason: 'local_user' | 'disabled' }> {
  const existing = await findUser(store, u.username);
  if (existing && existing.passwordHash !== '') return { ok: false, reason: 'local_user' };
  if (existing?.disabled) return { ok: false, reason: 'disabled' };
  const user = { ...u, disabled: false };
  await writeUser(store, user, '');
  return { ok: true, user };
}

export async function checkPassword(store: Store, username: string, password: string): Promise<User | null> {
  const u = await findUser(store, username);
  // Verify against a throwaway hash when the user is unknown, so timing does not reveal who exists.
  const ok = await verify(u?.passwordHash ?? (await dummyHash()), password).catch(() => false);
  return u && ok && u.passwordHash !== '' && !u.disabled
    ? { username: u.username, role: u.role, warehouses: u.warehouses, disabled: false }
    : null;
}
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hash(randomBytes(16).toString('hex')));

export const randomPassword = () => randomBytes(15).toString('base64url');

/**
 * No default password anywhere: on first start with no users, an admin is created with a random
 * password, returned so the caller prints it once.
 */
export async function ensureFirstAdmin(store: Store): Promise<{ username: string; password: string } | null> {
  const [{ n }] = await queryRows<{ n: number }>(store, 'SELECT count() AS n FROM users');
  if (Number(n) > 0) return null;
  const password = randomPassword();
  await saveUser(store, { username: 'admin', role: 'admin', warehouses: [], disabled: false }, password);
  return { username: 'admin', password };
}
