import { formatIssues, type OpsEvent, type ValidationIssue } from '../events';
import { validateEventFast } from '../events/validate';
import type { Runtime } from '../runtime';
import { storeDeadLetters, type DeadLetter } from '../store/deadLetters';
import { publishEvents } from './publish';
import type { BodyItem } from './parse';
import { shapeProblem } from '../http/limits';
import { slices } from '../slices';

export interface Rejected {
  index: number;
  line?: number;
  event_id?: string;
  errors: ValidationIssue[];
}
export interface IngestResult {
  accepted: number;
  rejected: Rejected[];
}

/**
 * Validates each item; keeps the rejected ones as dead letters and publishes the accepted ones to
 * their topics. Resolves only when both are durable, so the HTTP answer can promise it.
 */
export async function ingestItems(
  rt: Pick<Runtime, 'bus' | 'store' | 'metrics'>,
  items: BodyItem[],
  opts: { replay?: boolean; keepRejected?: boolean } = {},
): Promise<IngestResult> {
  const rejected: Rejected[] = [];
  const deadLetters: DeadLetter[] = [];
  const valid: { event: OpsEvent; raw: string }[] = [];
  // A large body is validated in slices, so health checks and other requests are answered meanwhile.
  const slice = slices();
  for (const item of items) {
    const pause = slice();
    if (pause) await pause;
    const v = item.value as { event_id?: unknown; type?: unknown } | undefined;
    const eventId = typeof v?.event_id === 'string' ? v.event_id.slice(0, 128) : undefined;
    // Parse errors and absurd shapes (deep nesting, huge strings) are rejected before the schema sees them.
    const problem = item.parseError ?? shapeProblem(item.value);
    const r = problem
      ? { ok: false as const, errors: [{ path: '(root)', message: problem }] }
      : validateEventFast(item.value);
    if (!r.ok) {
      rejected.push({
        index: item.index,
        ...(item.line ? { line: item.line } : {}),
        ...(eventId ? { event_id: eventId } : {}),
        errors: r.errors,
      });
      deadLetters.push({
        stage: 'api',
        reason: `invalid event: ${formatIssues(r.errors)}`,
        errors: r.errors,
        raw: item.raw,
        rawBytes: item.rawBytes,
        eventId,
        eventType: typeof v?.type === 'string' ? v.type.slice(0, 64) : undefined,
      });
      continue;
    }
    valid.push({ event: r.event, raw: item.raw });
  }
  // A dead letter replayed by an admin that is still invalid stays the one dead letter it was.
  const keep = opts.keepRejected === false ? [] : deadLetters;
  await Promise.all([storeDeadLetters(rt.store.client, keep), publishEvents(rt.bus, valid, opts)]);
  const accepted = items.length - rejected.length;
  rt.metrics.eventsIn.inc({ source: opts.keepRejected === false ? 'replay' : 'http' }, accepted);
  if (rejected.length > 0) rt.metrics.eventsRejected.inc({ stage: 'api' }, rejected.length);
  return { accepted, rejected };
}
