import { queryRows, type Store } from '../store/client';
import { fromChTime } from '../store/time';

export interface TimelineEvent {
  event_id: string;
  type: string;
  occurred_at: string;
  /** When the processor wrote it: how late the record learned of it (a late scan, a backlog). */
  recorded_at: string;
  source: string;
  data: Record<string, unknown>;
}

// Every event of the order: its own, its parcel's, and its returns' (found through the requests,
// which name the order), in business-time order.
const SQL = `
SELECT event_id, type, occurred_at, recorded_at, source, raw FROM (
  SELECT event_id, type, occurred_at, ingested_at AS recorded_at, source, raw FROM order_events WHERE order_id = {id:String}
  UNION ALL
  SELECT event_id, type, occurred_at, ingested_at AS recorded_at, source, raw FROM carrier_events WHERE order_id = {id:String}
  UNION ALL
  SELECT event_id, type, occurred_at, ingested_at AS recorded_at, source, raw FROM return_events
  WHERE rma_id IN (SELECT rma_id FROM return_events WHERE order_id = {id:String} AND type = 'return.requested')
)
ORDER BY occurred_at, event_id, recorded_at
LIMIT 1 BY event_id`;

export async function getOrderTimeline(store: Store, orderId: string): Promise<TimelineEvent[]> {
  const rows = await queryRows<{
    event_id: string;
    type: string;
    occurred_at: string;
    recorded_at: string;
    source: string;
    raw: string;
  }>(store, SQL, { id: orderId });
  return rows.map((r) => {
    let data: Record<string, unknown> = {};
    try {
      data = (JSON.parse(r.raw) as { data?: Record<string, unknown> }).data ?? {};
    } catch {
      // stored raw text is the event as received; it was valid JSON when accepted
    }
    return {
      event_id: r.event_id,
      type: r.type,
      occurred_at: fromChTime(r.occurred_at)!,
      recorded_at: fromChTime(r.recorded_at)!,
      source: r.source,
      data,
    };
  });
}
