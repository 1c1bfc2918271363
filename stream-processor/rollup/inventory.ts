import { RANK_SQL } from '@/lib/events/rank';

/**
 * Stock positions (SKU @ location) from their events. Movements each apply once; a count outside
 * tolerance (the processor's verdict when the count was first seen, `outside`) opens a variance,
 * which the next cycle-count adjustment closes.
 */
export const inventoryExceptionsSql = (events: string) => `
WITH e AS (SELECT *, ${RANK_SQL} AS rank FROM ${events}),
pos AS (
  SELECT sku, location,
    arraySort(groupArrayIf((occurred_at, rank, event_id, coalesce(counted_qty, 0), coalesce(expected_qty, 0), unit_cost), type = 'inventory.counted' AND outside = 1)) AS counts,
    arraySort(groupArrayIf((occurred_at, rank, event_id), type = 'inventory.adjusted' AND reason = 'cycle_count')) AS fixes
  FROM e GROUP BY sku, location
)
SELECT concat('inventory_variance:', sku, '@', location, ':', c.3) AS exception_id, 'inventory' AS entity_kind, concat(sku, '@', location) AS entity_id,
       '' AS order_id, toString(location) AS warehouse_id, 'inventory_variance' AS category, c.1 AS opened_at,
       if(fix.1 > toDateTime64(0, 3, 'UTC'), fix.1, NULL) AS closed_at, if(fix.1 > toDateTime64(0, 3, 'UTC'), 'inventory.adjusted', '') AS close_reason,
       concat('Counted ', toString(c.4), ', expected ', toString(c.5)) AS detail,
       concat('{"sku":', toJSONString(sku), ',"location":', toJSONString(toString(location)), ',"counted_qty":', toString(c.4), ',"expected_qty":', toString(c.5),
              ',"qty_delta":', toString(c.4 - c.5), ',"unit_cost":', if(c.6 IS NULL, 'null', toString(c.6)), '}') AS data
FROM pos ARRAY JOIN counts AS c
-- The first cycle-count adjustment after the count (in sort order); the zero tuple when none.
LEFT ARRAY JOIN [arrayFirst(f -> f > (c.1, c.2, c.3), fixes)] AS fix`;

/** A stock position's events from the raw table, each once: `WHERE` over the position keys of `{keys}`. */
const positionEvents = (keys: string, types: string) => `
  SELECT * EXCEPT (raw) FROM inventory_events
  WHERE (sku, location) IN (SELECT sku, location FROM ${keys} WHERE family = 'inventory') AND type IN (${types})
  LIMIT 1 BY event_id`;

/**
 * Stock, counts and costs of the positions in `{keys}`. Movements are summed over all of a
 * position's events (a range read of the raw table), so a redelivered movement cannot count twice.
 */
export const inventoryWrites = (t: { keys: string }): string[] => [
  // A count never changes: written once.
  `INSERT INTO count_facts
   SELECT occurred_at, location, sku, event_id, assumeNotNull(counted_qty), assumeNotNull(expected_qty), unit_cost, concat(sku, '@', location)
   FROM (${positionEvents(t.keys, "'inventory.counted'")})
   WHERE event_id NOT IN (SELECT event_id FROM count_facts WHERE src IN (SELECT key FROM ${t.keys} WHERE family = 'inventory'))`,
  `INSERT INTO inventory_positions
   SELECT location, sku, state, src, sum(qty) AS qty FROM (
     SELECT location, sku, state, src, -qty AS qty FROM inventory_positions
     WHERE src IN (SELECT concat('inventory:', key) FROM ${t.keys} WHERE family = 'inventory')
     UNION ALL
     -- (An alias named like a column it is computed from would shadow that column: hence \`moved\`.)
     SELECT location, sku, m.1 AS state, concat('inventory:', sku, '@', location) AS src, m.2 AS moved
     FROM (${positionEvents(t.keys, "'inventory.received', 'inventory.adjusted', 'inventory.moved'")})
     ARRAY JOIN multiIf(type = 'inventory.received', [('available', coalesce(qty, 0))],
                        type = 'inventory.adjusted', [('available', coalesce(qty_delta, 0))],
                        [(toString(from_state), -coalesce(qty, 0)), (toString(to_state), coalesce(qty, 0))]) AS m
   )
   GROUP BY location, sku, state, src HAVING qty != 0`,
  `INSERT INTO sku_costs
   SELECT sku, argMax(assumeNotNull(unit_cost), occurred_at), max(occurred_at)
   FROM (${positionEvents(t.keys, "'inventory.received', 'inventory.counted', 'inventory.adjusted', 'inventory.moved'")})
   WHERE unit_cost IS NOT NULL GROUP BY sku`,
];

/** What the variance exceptions need of the positions in `{keys}`: outside-tolerance counts, cycle-count fixes, operator actions. */
export const inventoryEventsSql = (keys: string) => `
  SELECT * FROM (${positionEvents(keys, "'inventory.counted', 'inventory.adjusted', 'exception.assigned', 'exception.resolved'")})
  WHERE (type = 'inventory.counted' AND outside = 1) OR (type = 'inventory.adjusted' AND reason = 'cycle_count') OR type LIKE 'exception.%'`;
