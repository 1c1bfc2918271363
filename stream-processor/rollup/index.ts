import { randomBytes } from 'node:crypto';
import type { Family } from '@/lib/events';
import type { ExceptionChange } from '@/lib/bus/messages';
import { insertTsv, queryRows, type Store } from '@/lib/store/client';
import { fromChTime } from '@/lib/store/time';
import { tsvRow } from '@/lib/store/tsv';
import { carrierExceptionsSql, parcelStateSql, parcelWrites } from './carrier';
import { exceptionChangesSql, exceptionFactsWrite, exceptionsSql, exceptionWrites } from './exceptions';
import { inventoryEventsSql, inventoryExceptionsSql, inventoryWrites } from './inventory';
import { orderExceptionsSql, orderStateSql, orderWrites } from './orders';
import { returnExceptionsSql, returnStateSql, returnWrites } from './returns';

export interface Touched {
  family: Family;
  key: string;
  /**
   * Touched by at least one live event (not replayed history, not a re-derive request): the alert
   * rules may raise alerts for it. A record touched by history alone is judged as history.
   */
  live?: boolean;
}

/** An entity's events, each once (a redelivered event may sit twice in the raw table until parts merge). */
const eventsOf = (table: string, column: string, family: Family, keys: string) =>
  `SELECT * EXCEPT (raw) FROM ${table} WHERE ${column} IN (SELECT key FROM ${keys} WHERE family = '${family}') LIMIT 1 BY event_id`;

const SCRATCH_PREFIX = 'rollup_';

/** Scratch tables a process left behind when it stopped mid-pass (Memory tables keep their definition). */
export async function dropLeftoverScratch(store: Store): Promise<void> {
  const rows = await queryRows<{ name: string }>(
    store,
    `SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, {p:String})`,
    { p: SCRATCH_PREFIX },
  );
  for (const r of rows) await store.command({ query: `DROP TABLE IF EXISTS ${r.name}` });
}

const KEY_COLUMNS: Record<Family, string> = {
  orders: "order_id IN (SELECT key FROM {keys} WHERE family = 'orders')",
  carrier: "order_id IN (SELECT key FROM {keys} WHERE family = 'carrier')",
  returns: "rma_id IN (SELECT key FROM {keys} WHERE family = 'returns')",
  inventory: "(sku, location) IN (SELECT sku, location FROM {keys} WHERE family = 'inventory')",
};
const RAW: Record<Family, string> = {
  orders: 'order_events',
  carrier: 'carrier_events',
  returns: 'return_events',
  inventory: 'inventory_events',
};

/**
 * One pass over a set of entities, with its scratch tables (Memory, dropped on close): which of a
 * batch's events they already have, then their re-derivation. One pass at a time per entity: the
 * caller (the partition's owner) runs passes in sequence.
 */
export class RollupPass {
  private readonly suffix = randomBytes(6).toString('hex');
  private readonly scratch: string[] = [];
  private keys = '';
  private made = 0;

  private constructor(
    private readonly store: Store,
    readonly touched: Touched[],
  ) {}

  static async open(store: Store, touched: Touched[]): Promise<RollupPass> {
    const pass = new RollupPass(store, touched);
    try {
      pass.keys = await pass.make('keys', '(family String, key String, sku String, location String) ENGINE = Memory');
      const body = touched.map((t) => {
        const at = t.family === 'inventory' ? t.key.lastIndexOf('@') : -1;
        return tsvRow([t.family, t.key, at < 0 ? '' : t.key.slice(0, at), at < 0 ? '' : t.key.slice(at + 1)]);
      });
      await insertTsv(store, pass.keys, ['family', 'key', 'sku', 'location'], Buffer.from(body.join('')));
      return pass;
    } catch (err) {
      await pass.close();
      throw err;
    }
  }

  private async make(what: string, definition: string) {
    const name = `${SCRATCH_PREFIX}${what}_${this.suffix}_${this.made++}`;
    this.scratch.push(name);
    await this.store.command({ query: `CREATE TABLE ${name} ${definition}` });
    return name;
  }

  private where(family: Family) {
    return KEY_COLUMNS[family].replace('{keys}', this.keys);
  }

  /** Which of these events the entities already have: a redelivery or a re-send, not to be stored twice. */
  async stored(events: { family: Family; eventId: string }[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const ids = await this.make('ids', '(family String, event_id String) ENGINE = Memory');
    await insertTsv(
      this.store,
      ids,
      ['family', 'event_id'],
      Buffer.from(events.map((e) => tsvRow([e.family, e.eventId])).join('')),
    );
    const families = [...new Set(events.map((e) => e.family))];
    const rows = await queryRows<{ event_id: string }>(
      this.store,
      families
        .map(
          (f) =>
            `SELECT event_id FROM ${RAW[f]} WHERE ${this.where(f)} AND event_id IN (SELECT event_id FROM ${ids} WHERE family = '${f}')`,
        )
        .join(' UNION ALL '),
    );
    return new Set(rows.map((r) => r.event_id));
  }

  /**
   * Re-derives the entities from their raw events, in ClickHouse: state tables replaced, facts and
   * stock corrected by their difference from what is on record, exceptions rewritten where they
   * changed. Every step is "what the events say minus what is recorded", so a pass repeated after a
   * crash changes nothing, and duplicates or arrival order cannot change a result. Returns the
   * exceptions that changed and matter now (open, or closed within the hour).
   */
  async derive(o: { version: number; now: number }): Promise<{ exceptions: ExceptionChange[] }> {
    const keys = this.keys;
    const version = `toUInt64(${o.version})`;
    const make = (what: string, select: string) => this.make(what, `ENGINE = Memory AS ${select}`);
    const families = new Set(this.touched.map((t) => t.family));
    // Each family's events and state are independent of the others': built side by side (on a
    // ClickHouse server, or chDB's two writer connections), gathered in a fixed order.
    type Part = { events: string; causes: string; writes: string[]; parcels?: string };
    const part: Record<Family, () => Promise<Part>> = {
      orders: async () => {
        const ev = await make('ev_orders', eventsOf('order_events', 'order_id', 'orders', keys));
        const state = await make('orders', orderStateSql(ev));
        return { events: ev, causes: orderExceptionsSql(state), writes: orderWrites({ state, events: ev, version }) };
      },
      carrier: async () => {
        const ev = await make('ev_carrier', eventsOf('carrier_events', 'order_id', 'carrier', keys));
        const parcels = await make('parcels', parcelStateSql(ev));
        return { events: ev, causes: carrierExceptionsSql(parcels), writes: [], parcels };
      },
      returns: async () => {
        const ev = await make('ev_returns', eventsOf('return_events', 'rma_id', 'returns', keys));
        const state = await make('returns', returnStateSql(ev));
        return { events: ev, causes: returnExceptionsSql(state), writes: returnWrites({ state, version }) };
      },
      inventory: async () => {
        const ev = await make('ev_inventory', inventoryEventsSql(keys));
        return { events: ev, causes: inventoryExceptionsSql(ev), writes: inventoryWrites({ keys }) };
      },
    };
    // Writes start as soon as what they read exists: the families' own rows once their state is
    // made, side by side with the exceptions (which need every family) and their changes. Each is
    // issued after the statement the pass waits for next, so that one is not queued behind them all.
    // A write can fail while the pass awaits something else (a store gone away drops every
    // statement at once): each gets a handler when issued, or its failure is an unhandled rejection
    // that stops the process; `settled` still sees it fail.
    const writes: Promise<unknown>[] = [];
    const handled = <T>(w: Promise<T>) => {
      w.catch(() => undefined);
      return w;
    };
    const issue = (query: string) => handled(this.store.command({ query }));
    const write = (queries: string[]) => writes.push(...queries.map(issue));
    try {
      const parts = await settled(FAMILY_ORDER.filter((f) => families.has(f)).map((f) => part[f]()));
      const exceptions = make(
        'exceptions',
        exceptionsSql(
          parts.map((p) => p.causes),
          parts.map((p) => p.events),
        ),
      );
      for (const p of parts) write(p.writes);
      const x = await exceptions;
      const changesMade = make('exception_changes', exceptionChangesSql({ exceptions: x, keys }));
      // The facts read the exceptions, not their changes: written while the changes are found.
      const facts = issue(exceptionFactsWrite({ exceptions: x, keys }));
      writes.push(facts);
      const changes = await changesMade;
      const visible = changedNow(this.store, changes, o.now);
      const xw = exceptionWrites({ changes, version });
      const derived = [facts, issue(xw.openSet)];
      writes.push(derived[1], handled(settled(derived).then(() => this.store.command({ query: xw.record }))));
      const parcels = parts.find((p) => p.parcels)?.parcels;
      if (parcels) write(parcelWrites({ state: parcels, exceptions: x, version }));
      writes.push(visible);
      await settled(writes);
      return { exceptions: await visible };
    } catch (err) {
      await Promise.allSettled(writes);
      throw err;
    }
  }

  async close(): Promise<void> {
    if (this.scratch.length > 0)
      await this.store.command({ query: `DROP TABLE IF EXISTS ${this.scratch.join(', ')}` }).catch(() => undefined);
  }
}

const FAMILY_ORDER: Family[] = ['orders', 'carrier', 'returns', 'inventory'];

/** Every promise settled (none left running behind a failure), then the values or the first failure. */
async function settled<T>(all: Promise<T>[]): Promise<T[]> {
  const done = await Promise.allSettled(all);
  const failed = done.find((d) => d.status === 'rejected');
  if (failed) throw failed.reason;
  return done.map((d) => (d as PromiseFulfilledResult<T>).value);
}

/** A whole pass: open, derive, close. */
export async function rollup(
  store: Store,
  touched: Touched[],
  o: { version: number; now: number },
): Promise<{ exceptions: ExceptionChange[] }> {
  if (touched.length === 0) return { exceptions: [] };
  const pass = await RollupPass.open(store, touched);
  try {
    return await pass.derive(o);
  } finally {
    await pass.close();
  }
}

interface ChangeRow {
  exception_id: string;
  category: ExceptionChange['category'];
  entity_kind: string;
  entity_id: string;
  warehouse_id: string;
  opened_at: string;
  closed_at: string | null;
}

/** What the live views hear (exception:update): changes that are visible now, not those due later or long closed. */
async function changedNow(store: Store, changes: string, now: number): Promise<ExceptionChange[]> {
  const rows = await queryRows<ChangeRow>(
    store,
    `SELECT exception_id, category, entity_kind, entity_id, warehouse_id, opened_at, closed_at FROM ${changes}
     WHERE NOT gone AND opened_at <= fromUnixTimestamp64Milli({now:Int64}) AND (closed_at IS NULL OR closed_at >= fromUnixTimestamp64Milli({now:Int64}) - INTERVAL 1 HOUR)
     LIMIT 5000`,
    { now },
  );
  return rows.map((r) => ({
    exception_id: r.exception_id,
    category: r.category,
    entity: { kind: r.entity_kind, id: r.entity_id },
    warehouse_id: r.warehouse_id,
    status: r.closed_at === null ? 'open' : 'closed',
    opened_at: fromChTime(r.opened_at)!,
    closed_at: fromChTime(r.closed_at),
  }));
}
