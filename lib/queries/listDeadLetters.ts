import { queryRows, type Store } from '../store/client';
import { fromChTime, toChTime } from '../store/time';

export interface DeadLetterView {
  dead_letter_id: string;
  received_at: string;
  stage: string;
  reason: string;
  errors: unknown[];
  event_id: string | null;
  event_type: string | null;
  raw: string;
  raw_encoding: string;
  source: { topic: string; partition: number; offset: number; key: string } | null;
  /** What an admin did with it: replayed or discarded, by whom and when; null while it awaits a decision. */
  outcome: { outcome: 'replayed' | 'discarded'; by: string; at: string; note: string } | null;
}

export const DEAD_LETTER_STATUSES = ['open', 'replayed', 'discarded', 'all'] as const;

const SQL = `
SELECT dead_letter_id, received_at, stage, reason, errors, event_id, event_type, raw, raw_encoding, bus_topic, bus_partition, bus_offset, bus_key,
       o.outcome AS outcome, o.decided_by AS outcome_by, o.decided_at AS outcome_at, o.note AS outcome_note
FROM dead_letters
LEFT JOIN (SELECT dead_letter_id, outcome, decided_by, decided_at, note FROM dead_letter_outcomes FINAL) AS o USING (dead_letter_id)
WHERE received_at >= {since:DateTime64(3)} AND ({stage:String} = '' OR stage = {stage:String})
  AND multiIf({status:String} = 'open', o.outcome = '', {status:String} = 'all', 1, o.outcome = {status:String})
ORDER BY received_at DESC
LIMIT {limit:UInt32}`;

/** GET /api/dead-letters: rejected events, newest first, with reason and raw payload. */
export async function listDeadLetters(
  store: Store,
  f: { since: Date; stage?: string; status?: (typeof DEAD_LETTER_STATUSES)[number]; limit: number },
): Promise<DeadLetterView[]> {
  const rows = await queryRows<Record<string, string | number>>(store, SQL, {
    since: toChTime(f.since.getTime()),
    stage: f.stage ?? '',
    status: f.status ?? 'all',
    limit: f.limit,
  });
  return rows.map((r) => {
    let errors: unknown[] = [];
    try {
      errors = JSON.parse(String(r.errors));
    } catch {
      // written by us as JSON; an unreadable value is shown as none
    }
    return {
      dead_letter_id: String(r.dead_letter_id),
      received_at: fromChTime(String(r.received_at))!,
      stage: String(r.stage),
      reason: String(r.reason),
      errors,
      event_id: String(r.event_id) || null,
      event_type: String(r.event_type) || null,
      raw: String(r.raw),
      raw_encoding: String(r.raw_encoding || 'utf8'),
      source: r.bus_topic
        ? {
            topic: String(r.bus_topic),
            partition: Number(r.bus_partition),
            offset: Number(r.bus_offset),
            key: String(r.bus_key),
          }
        : null,
      outcome: r.outcome
        ? {
            outcome: String(r.outcome) as 'replayed' | 'discarded',
            by: String(r.outcome_by),
            at: fromChTime(String(r.outcome_at))!,
            note: String(r.outcome_note),
          }
        : null,
    };
  });
}
