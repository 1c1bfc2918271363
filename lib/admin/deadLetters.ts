import type { Principal } from '../auth/principal';
import { ingestItems } from '../ingest/accept';
import { BodyError, parseEventsBody } from '../ingest/parse';
import { formatIssues } from '../events';
import type { Runtime } from '../runtime';
import { queryRows, type Store } from '../store/client';
import { toChTime } from '../store/time';
import { now as clockNow } from '../clock';
import { auditChange } from './audit';

export type Outcome = 'replayed' | 'discarded';

/** What became of one dead letter on replay. */
export interface ReplayResult {
  dead_letter_id: string;
  status: 'replayed' | 'still_invalid' | 'not_found' | 'already_done';
  accepted?: number;
  reason?: string;
}

async function rawOf(store: Store, ids: string[]) {
  const rows = await queryRows<{ dead_letter_id: string; raw: string; raw_encoding: string; outcome: string }>(
    store,
    `SELECT d.dead_letter_id AS dead_letter_id, d.raw AS raw, d.raw_encoding AS raw_encoding, o.outcome AS outcome
     FROM dead_letters AS d LEFT JOIN (SELECT dead_letter_id, outcome FROM dead_letter_outcomes FINAL) AS o USING (dead_letter_id)
     WHERE d.dead_letter_id IN {ids:Array(String)}
     LIMIT 1 BY dead_letter_id`,
    { ids },
  );
  return new Map(rows.map((r) => [r.dead_letter_id, r]));
}

async function mark(store: Store, p: Principal, ids: string[], outcome: Outcome, note: string) {
  if (ids.length === 0) return;
  const at = toChTime(clockNow());
  const version = Date.now() * 1000;
  await store.insert({
    table: 'dead_letter_outcomes',
    values: ids.map((id, i) => ({
      dead_letter_id: id,
      outcome,
      decided_by: p.name,
      decided_at: at,
      note,
      version: version + i,
    })),
    format: 'JSONEachRow',
  });
}

/**
 * Replays dead letters through ingest, as they arrived or (one at a time) as an admin corrected
 * them: what is valid now is published like any posted event; what is still invalid stays the dead
 * letter it was (no second copy), with today's reason. Each replay and its result is audited.
 */
export async function replayDeadLetters(
  rt: Pick<Runtime, 'bus' | 'store' | 'metrics'>,
  p: Principal,
  req: { ids: string[]; corrected?: string },
): Promise<ReplayResult[]> {
  const found = await rawOf(rt.store.reader, req.ids);
  const out: ReplayResult[] = [];
  for (const id of req.ids) {
    const dl = found.get(id);
    if (!dl || dl.outcome) {
      const r: ReplayResult = dl
        ? { dead_letter_id: id, status: 'already_done', reason: `already ${dl.outcome}` }
        : { dead_letter_id: id, status: 'not_found' };
      await auditChange(rt.store.client, p, {
        type: 'dead_letter.replay',
        record: id,
        before: null,
        after: r,
        result: 'refused',
        error: r.reason ?? 'no such dead letter',
      });
      out.push(r);
      continue;
    }
    const bytes =
      req.corrected !== undefined
        ? Buffer.from(req.corrected, 'utf8')
        : Buffer.from(dl.raw, dl.raw_encoding === 'base64' ? 'base64' : 'utf8');
    let r: ReplayResult;
    try {
      const items = await parseEventsBody(bytes, null);
      const res = await ingestItems(rt, items, { keepRejected: false });
      r =
        res.rejected.length === 0
          ? { dead_letter_id: id, status: 'replayed', accepted: res.accepted }
          : {
              dead_letter_id: id,
              status: 'still_invalid',
              accepted: res.accepted,
              reason: res.rejected.map((x) => formatIssues(x.errors)).join('; '),
            };
    } catch (err) {
      if (!(err instanceof BodyError)) throw err;
      r = { dead_letter_id: id, status: 'still_invalid', accepted: 0, reason: err.message };
    }
    // A partly valid body is still marked replayed: what was accepted must not be accepted twice.
    if (r.status === 'replayed' || (r.accepted ?? 0) > 0)
      await mark(rt.store.client, p, [id], 'replayed', req.corrected !== undefined ? 'corrected' : 'as sent');
    await auditChange(rt.store.client, p, {
      type: 'dead_letter.replay',
      record: id,
      before: { raw: dl.raw },
      after: { ...r, ...(req.corrected !== undefined ? { corrected: req.corrected } : {}) },
      result: r.status === 'replayed' ? 'done' : 'refused',
      error: r.reason,
    });
    out.push(r);
  }
  return out;
}

/** Discards dead letters (kept, marked discarded with who and why); audited. */
export async function discardDeadLetters(
  store: Store,
  p: Principal,
  req: { ids: string[]; note: string },
): Promise<{ discarded: string[]; skipped: string[] }> {
  const found = await rawOf(store, req.ids);
  const discarded = req.ids.filter((id) => found.has(id) && !found.get(id)!.outcome);
  await mark(store, p, discarded, 'discarded', req.note);
  await auditChange(
    store,
    p,
    ...discarded.map((id) => ({
      type: 'dead_letter.discard' as const,
      record: id,
      before: null,
      after: { note: req.note },
    })),
  );
  return { discarded, skipped: req.ids.filter((id) => !discarded.includes(id)) };
}
