import { RANK_SQL } from '@/lib/events/rank';

/** A parcel (keyed by its order) from its carrier events: first pickup, last scan, delivery, exceptions. */
export const parcelStateSql = (events: string) => `
WITH e AS (SELECT *, ${RANK_SQL} AS rank FROM ${events}),
agg AS (
  SELECT order_id,
    countIf(type = 'carrier.picked_up') > 0 AS has_pickup,
    argMinIf(tuple(toString(carrier), tracking_id), (occurred_at, rank, event_id), type = 'carrier.picked_up') AS pickup,
    argMinIf(toString(carrier), (occurred_at, rank, event_id), carrier != '') AS any_carrier,
    argMinIf(tracking_id, (occurred_at, rank, event_id), tracking_id != '') AS any_tracking,
    minIfOrNull(occurred_at, type = 'carrier.picked_up') AS picked_up_at,
    maxIfOrNull(occurred_at, type = 'carrier.in_transit') AS last_scan_at,
    argMaxIf(location, (occurred_at, rank, event_id), type = 'carrier.in_transit') AS last_location,
    minIfOrNull(occurred_at, type = 'carrier.delivered') AS delivered_at,
    arraySort(groupArrayIf((occurred_at, event_id, toString(carrier), toString(reason)), type = 'carrier.exception')) AS exception_events
  FROM e GROUP BY order_id
)
SELECT order_id, if(has_pickup, pickup.1, any_carrier) AS carrier, if(has_pickup, pickup.2, any_tracking) AS tracking_id,
  picked_up_at, last_scan_at, last_location, delivered_at, exception_events
FROM agg`;

/** Each carrier.exception opens one; delivery closes it (an operator may resolve it first). Its warehouse is its order's, joined when read. */
export const carrierExceptionsSql = (state: string) => `
SELECT concat('carrier_exception:', order_id, ':', x.2) AS exception_id, 'shipment' AS entity_kind, order_id AS entity_id, order_id, '' AS warehouse_id,
       'carrier_exception' AS category, x.1 AS opened_at,
       if(delivered_at IS NOT NULL AND delivered_at >= x.1, delivered_at, NULL) AS closed_at,
       if(delivered_at IS NOT NULL AND delivered_at >= x.1, 'carrier.delivered', '') AS close_reason,
       concat(x.3, ': ', replaceOne(x.4, '_', ' ')) AS detail, '{}' AS data
FROM ${state} ARRAY JOIN exception_events AS x`;

export const parcelWrites = (t: { state: string; exceptions: string; version: string }): string[] => [
  `INSERT INTO parcels_current
   SELECT s.order_id, s.carrier, s.tracking_id, s.picked_up_at, s.last_scan_at, s.last_location, s.delivered_at,
          toUInt32(countIf(x.exception_id != '' AND x.closed_at IS NULL)), ${t.version}
   FROM ${t.state} AS s
   LEFT JOIN (SELECT exception_id, entity_id, closed_at FROM ${t.exceptions} WHERE category = 'carrier_exception') AS x ON x.entity_id = s.order_id
   GROUP BY s.order_id, s.carrier, s.tracking_id, s.picked_up_at, s.last_scan_at, s.last_location, s.delivered_at`,
];
