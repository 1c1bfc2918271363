import type { AppliedNotice } from '@/lib/bus/messages';
import type { AppliedBatch } from './write';

/**
 * A Kafka record must stay under the broker's message.max.bytes (1 MB by default): a re-derive of
 * thousands of entities changed more exceptions than that holds, and its one notice was refused
 * (the web app then heard nothing of them). Well under the limit, so a few long ids cannot tip it.
 */
export const NOTICE_MAX_BYTES = 256 * 1024;

/**
 * What the processor tells the web app after a write (ops.updates), as serialised messages of at
 * most `maxBytes` each: the exceptions in order, split across messages; the first carries the
 * event count, so the counts of all of them add up to the batch's.
 */
export function appliedNotices(applied: AppliedBatch, maxBytes = NOTICE_MAX_BYTES): string[] {
  const lastEventAt = applied.lastEventAt === null ? null : new Date(applied.lastEventAt).toISOString();
  const head = (events: number): AppliedNotice => ({ events, last_event_at: lastEventAt, exceptions: [] });
  const out: string[] = [];
  let notice = head(applied.events);
  let size = Buffer.byteLength(JSON.stringify(notice));
  for (const x of applied.exceptions) {
    const bytes = Buffer.byteLength(JSON.stringify(x)) + 1;
    if (notice.exceptions.length > 0 && size + bytes > maxBytes) {
      out.push(JSON.stringify(notice));
      notice = head(0);
      size = Buffer.byteLength(JSON.stringify(notice));
    }
    notice.exceptions.push(x);
    size += bytes;
  }
  out.push(JSON.stringify(notice));
  return out;
}
