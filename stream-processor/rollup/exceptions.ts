import { RESOLVABLE } from '@/lib/events';
import { RANK_SQL } from '@/lib/events/rank';
import { CATEGORY_FAMILY_SQL, msBetween } from './sql';

const COLUMNS =
  'exception_id, category, entity_kind, entity_id, order_id, warehouse_id, opened_at, closed_at, close_reason, assignee, resolved_by, note, detail, data';

/**
 * Exceptions of the entities rolled up, operator actions applied: the latest assignee and the
 * first resolution (SPEC section 4). A resolution closes an exception of a category an operator
 * may resolve, if it came after the opening and before the cause went away.
 * `causes`: selects of exceptions from their causes; `events`: tables of the entities' events.
 */
export function exceptionsSql(causes: string[], events: string[]): string {
  const actionEvents = events
    .map(
      (t) =>
        `SELECT exception_id, type, occurred_at, event_id, assignee, actor, note, ${RANK_SQL} AS rank FROM ${t} WHERE type IN ('exception.assigned', 'exception.resolved')`,
    )
    .join(' UNION ALL ');
  return `
WITH actions AS (
  SELECT exception_id,
    argMaxIf(assignee, (occurred_at, rank, event_id), type = 'exception.assigned') AS assignee,
    countIf(type = 'exception.resolved') > 0 AS resolved,
    argMinIf(tuple(occurred_at, actor, note), (occurred_at, rank, event_id), type = 'exception.resolved') AS r,
    tupleElement(r, 1) AS resolved_at, tupleElement(r, 2) AS resolver, tupleElement(r, 3) AS resolution_note
  FROM (${actionEvents}) GROUP BY exception_id
),
x AS (
  SELECT exception_id, category, entity_kind, entity_id, order_id, warehouse_id, opened_at, closed_at AS cause_closed_at, close_reason AS cause_reason, detail, data
  FROM (${causes.join(' UNION ALL ')})
)
SELECT x.exception_id AS exception_id, category, entity_kind, entity_id, order_id, warehouse_id, opened_at,
  a.resolved AND category IN ('${[...RESOLVABLE].join("','")}') AND a.resolved_at >= opened_at AND (cause_closed_at IS NULL OR a.resolved_at < cause_closed_at) AS by_operator,
  if(by_operator, a.resolved_at, cause_closed_at) AS closed_at, if(by_operator, 'resolved', cause_reason) AS close_reason,
  a.assignee AS assignee, if(by_operator, a.resolver, '') AS resolved_by, if(by_operator, a.resolution_note, '') AS note, detail, data
FROM x LEFT JOIN actions AS a ON a.exception_id = x.exception_id`;
}

/** Exceptions on record for the rolled-up entities (`{keys}`: family, key), in the same families. */
const onRecord = (keys: string) =>
  `SELECT * FROM exceptions FINAL WHERE entity_id IN (SELECT key FROM ${keys}) AND (${CATEGORY_FAMILY_SQL}, entity_id) IN (SELECT family, key FROM ${keys})`;

const FINGERPRINT = `cityHash64(toString(tuple(${COLUMNS})))`; // toString: a NULL (an open exception's closed_at) would make the hash NULL

/**
 * The exception rows to write: those that changed, and those the entities no longer have (marked
 * deleted). Unchanged exceptions are not rewritten, so a busy stock position does not rewrite its
 * whole history each time.
 */
export const exceptionChangesSql = (t: { exceptions: string; keys: string }) => `
SELECT ${COLUMNS}, 0 AS gone FROM ${t.exceptions}
WHERE ${FINGERPRINT} NOT IN (SELECT ${FINGERPRINT} FROM (${onRecord(t.keys)}))
UNION ALL
SELECT ${COLUMNS}, 1 AS gone FROM (${onRecord(t.keys)}) WHERE exception_id NOT IN (SELECT exception_id FROM ${t.exceptions})`;

/**
 * The exception facts of the entities corrected by their difference from what the exceptions say
 * now. It reads the exceptions, not their changes, so a pass issues it as soon as they exist,
 * beside the search for changes.
 */
export const exceptionFactsWrite = (t: { exceptions: string; keys: string }) => `INSERT INTO exception_facts
   SELECT fact, t, exception_id, category, entity_id, order_id, warehouse_id, sum(n) AS n, sum(resolve_ms) AS resolve_ms FROM (
     SELECT fact, t, exception_id, category, entity_id, order_id, warehouse_id, -n AS n, -resolve_ms AS resolve_ms FROM exception_facts
     WHERE entity_id IN (SELECT key FROM ${t.keys}) AND (${CATEGORY_FAMILY_SQL}, entity_id) IN (SELECT family, key FROM ${t.keys})
     UNION ALL
     SELECT 'opened', opened_at, exception_id, category, entity_id, order_id, warehouse_id, 1, 0 FROM ${t.exceptions}
     UNION ALL
     SELECT 'resolved', assumeNotNull(closed_at), exception_id, category, entity_id, order_id, warehouse_id, 1, ${msBetween('opened_at', 'assumeNotNull(closed_at)')}
     FROM ${t.exceptions} WHERE closed_at IS NOT NULL
   )
   GROUP BY fact, t, exception_id, category, entity_id, order_id, warehouse_id HAVING n != 0 OR resolve_ms != 0`;

/**
 * The statements that write a pass's exception changes. `record` (the exceptions table) goes last,
 * once the open set and the facts (exceptionFactsWrite) succeeded: the next pass writes only what
 * differs from the record, so a pass that failed after recording a change but before the open set
 * took it would leave the open set behind for good.
 */
export const exceptionWrites = (t: { changes: string; version: string }): { openSet: string; record: string } => ({
  // The open set: exceptions not closed, including those due to open later; closed and gone ones are marked deleted.
  openSet: `INSERT INTO open_exceptions
   SELECT category, exception_id, entity_kind, entity_id, order_id, warehouse_id, opened_at, assignee, detail, data, ${t.version}, gone OR closed_at IS NOT NULL
   FROM ${t.changes}`,
  record: `INSERT INTO exceptions
   SELECT entity_id, exception_id, category, entity_kind, order_id, warehouse_id, opened_at, closed_at, close_reason, assignee, resolved_by, note, detail, data, ${t.version}, gone
   FROM ${t.changes}`,
});
