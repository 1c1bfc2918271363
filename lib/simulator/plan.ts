import type { EventType } from '../events';
import { CHANNELS, DISPOSITION_BY_REASON, SKUS, warehouseById, WAREHOUSES, type Channel, type Sku } from './catalog';
import { nextCutoff, withinShift } from './clock';
import { Rng } from './rng';

export interface PlannedEvent {
  t: number;
  type: EventType;
  data: Record<string, unknown>;
}

export interface Knobs {
  /** Carrier whose parcels run into delays (exceptions, late deliveries). */
  carrierDelay?: string;
  /** Category whose returns surge, and the reason that dominates them. */
  returnSurge?: { category: string; reason: string };
  /** Warehouse whose picking slows down by this factor, so orders approach their cutoff. */
  slowWarehouse?: { id: string; factor: number };
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const round2 = (n: number) => Math.round(n * 100) / 100;

export interface OrderLine {
  sku: Sku;
  qty: number;
  price: number;
}

export interface OrderPlan {
  orderId: string;
  channel: Channel;
  lines: OrderLine[];
  events: PlannedEvent[];
}

/**
 * The whole life of one simulated order, decided up front from its own random stream, so the
 * simulator can re-plan it from (seed, number, creation time, knobs) instead of keeping it.
 */
export function planOrder(rng: Rng, orderNumber: string, createdAt: number, knobs: Knobs): OrderPlan {
  const channel = CHANNELS[Number(rng.weighted(Object.fromEntries(CHANNELS.map((c, i) => [i, c.weight]))))];
  const orderId = `${channel.prefix}-${orderNumber}`;
  const ev = planOrderEvents(rng, orderId, channel, createdAt, knobs);
  return { orderId, channel, lines: ev.lines, events: ev.events.sort((a, b) => a.t - b.t) };
}

function planOrderEvents(
  rng: Rng,
  orderId: string,
  channel: Channel,
  createdAt: number,
  knobs: Knobs,
): { lines: OrderLine[]; events: PlannedEvent[] } {
  const wh = warehouseById.get(rng.weighted(channel.warehouses))!;
  const carrier = wh.carriers[Number(rng.weighted(Object.fromEntries(wh.carriers.map((c, i) => [i, c.weight]))))];
  const express = !channel.b2b && rng.chance(0.12);
  const lines = pickLines(rng, channel);
  const goods = lines.reduce((s, l) => s + l.price * l.qty, 0);
  const shippingCharged = channel.b2b
    ? 25
    : channel.id === 'amazon' || goods > 75
      ? express
        ? 9.95
        : 0
      : express
        ? 14.95
        : 4.95;
  const fees = round2(goods * channel.feeRate + channel.feeFixed);
  const tz = wh.timeZone;
  // The order must make the first carrier collection at least an hour away.
  const shipBy = nextCutoff(tz, carrier.cutoff, createdAt + HOUR);
  const ev: PlannedEvent[] = [];
  const done = () => ({ lines, events: ev });
  const o = { order_id: orderId };
  ev.push({
    t: createdAt,
    type: 'order.created',
    data: {
      ...o,
      channel: channel.id,
      customer_ref: `C-${rng.int(10000, 99999)}`,
      ship_by: new Date(shipBy).toISOString(),
      lines: lines.map((l) => ({
        sku: l.sku.sku,
        qty: l.qty,
        unit_price: l.price,
        unit_cost: l.sku.cost,
        category: l.sku.category.id,
      })),
      shipping_charged: shippingCharged,
      fees,
      warehouse_id: wh.id,
      carrier: carrier.id,
      service_level: express ? 'express' : 'standard',
      promised_delivery_at: new Date(shipBy + (express ? 1 : carrier.transitDays[1]) * DAY).toISOString(),
    },
  });
  let t = createdAt + rng.lognormal(4 * MIN, 0.6);
  if (rng.chance(0.035)) {
    const reason = rng.weighted({ payment: 40, fraud_review: 25, address_validation: 25, stockout: 10 });
    ev.push({ t: createdAt + rng.between(0.2, 2) * MIN, type: 'order.held', data: { ...o, reason } });
    const held = rng.lognormal(reason === 'fraud_review' ? 3 * HOUR : 70 * MIN, 0.8);
    if (rng.chance(0.12)) {
      ev.push({ t: createdAt + held, type: 'order.cancelled', data: { ...o, reason: `hold: ${reason}` } });
      return done();
    }
    ev.push({ t: createdAt + held, type: 'order.released', data: o });
    t = createdAt + held + rng.lognormal(3 * MIN, 0.5);
  }
  if (rng.chance(0.012)) {
    ev.push({ t: t + rng.lognormal(20 * MIN, 1), type: 'order.cancelled', data: { ...o, reason: 'customer request' } });
    return done();
  }
  ev.push({
    t,
    type: 'order.allocated',
    data: { ...o, warehouse_id: wh.id, lines: lines.map((l) => ({ sku: l.sku.sku, qty: l.qty })) },
  });
  const slow = knobs.slowWarehouse?.id === wh.id ? knobs.slowWarehouse.factor : 1;
  t = withinShift(
    tz,
    wh.shiftStart,
    wh.shiftEnd,
    t + rng.lognormal(wh.pickMedianMin * MIN * slow, wh.pickSigma),
    rng.between(5, 60) * MIN,
  );
  if (rng.chance(0.02)) {
    const line = rng.pick(lines);
    ev.push({ t, type: 'order.short_picked', data: { ...o, sku: line.sku.sku, qty_short: rng.int(1, line.qty) } });
    t = withinShift(tz, wh.shiftStart, wh.shiftEnd, t + rng.lognormal(75 * MIN, 0.7), rng.between(5, 60) * MIN);
  }
  ev.push({ t, type: 'order.picked', data: o });
  t += rng.lognormal(12 * MIN, 0.5);
  ev.push({ t, type: 'order.packed', data: o });
  // The carrier collects at its cutoff: a parcel packed after ship_by waits for the next one.
  const delayed = knobs.carrierDelay === carrier.id;
  const shippedAt =
    nextCutoff(tz, carrier.cutoff, t) + (delayed ? rng.between(20, 90) * MIN : rng.between(-10, 0) * MIN);
  const tracking = `${carrier.id.toUpperCase()}${rng.int(100000000, 999999999)}`;
  const cost = round2((wh.id === 'DC-EU' ? 6.5 : 7.5) * (express ? 2.1 : 1) + lines.length * 0.8 + rng.between(0, 2));
  ev.push({
    t: shippedAt,
    type: 'order.shipped',
    data: { ...o, carrier: carrier.id, tracking_id: tracking, shipping_cost: cost },
  });
  const p = { ...o, tracking_id: tracking };
  ev.push({ t: shippedAt + rng.between(1, 15) * MIN, type: 'carrier.picked_up', data: { ...p, carrier: carrier.id } });
  const transit =
    (express ? 1 : rng.int(carrier.transitDays[0], carrier.transitDays[1])) * DAY + rng.between(-4, 4) * HOUR;
  const scans = rng.int(1, 3);
  for (let i = 1; i <= scans; i++) {
    ev.push({
      t: shippedAt + (transit * i) / (scans + 1),
      type: 'carrier.in_transit',
      data: { ...p, location: `${wh.id.slice(3)}-HUB-${rng.int(1, 9)}` },
    });
  }
  let deliveredAt = shippedAt + transit;
  if (rng.chance(delayed ? 0.35 : carrier.exceptionRate)) {
    const reason = delayed
      ? rng.weighted({ delay: 70, weather: 30 })
      : rng.weighted({ delay: 40, weather: 15, address_issue: 20, damaged: 10, lost: 5, other: 10 });
    ev.push({
      t: shippedAt + transit * rng.between(0.3, 0.8),
      type: 'carrier.exception',
      data: { ...p, carrier: carrier.id, reason },
    });
    if (reason === 'lost') return done();
    deliveredAt += rng.lognormal(30 * HOUR, 0.5);
  }
  ev.push({ t: deliveredAt, type: 'carrier.delivered', data: p });
  for (const line of lines) {
    const surge = knobs.returnSurge?.category === line.sku.category.id;
    const rate = line.sku.category.returnRate * channel.returnFactor * (surge ? 3 : 1);
    if (!rng.chance(Math.min(0.9, rate))) continue;
    const reason = surge && rng.chance(0.7) ? knobs.returnSurge!.reason : undefined;
    ev.push(
      ...planReturn(
        rng,
        `${orderId}-R${lines.indexOf(line) + 1}`,
        orderId,
        line,
        channel,
        deliveredAt + rng.lognormal(3 * DAY, 0.6),
        reason,
      ),
    );
  }
  return done();
}

function pickLines(rng: Rng, channel: Channel): OrderLine[] {
  const n = channel.b2b ? rng.int(1, 5) : rng.weighted({ 1: 60, 2: 28, 3: 12 }) === '1' ? 1 : rng.int(2, 3);
  const seen = new Set<string>();
  const lines: OrderLine[] = [];
  while (lines.length < n) {
    const sku = rng.pick(SKUS);
    if (seen.has(sku.sku)) continue;
    seen.add(sku.sku);
    lines.push({
      sku,
      qty: channel.b2b ? rng.int(5, 40) : rng.chance(0.85) ? 1 : 2,
      price: round2(sku.price * channel.priceFactor),
    });
  }
  return lines;
}

/** A return of one order line through the SPEC lifecycle, starting at `requestedAt`. */
export function planReturn(
  rng: Rng,
  rmaId: string,
  orderId: string,
  line: OrderLine,
  channel: Channel,
  requestedAt: number,
  reasonOverride?: string,
): PlannedEvent[] {
  const r = { rma_id: rmaId };
  const reason = reasonOverride ?? rng.weighted(line.sku.category.reasons);
  const qty = channel.b2b ? rng.int(1, line.qty) : line.qty;
  const ev: PlannedEvent[] = [
    { t: requestedAt, type: 'return.requested', data: { ...r, order_id: orderId, sku: line.sku.sku, qty, reason } },
  ];
  const t = requestedAt + rng.lognormal(2 * HOUR, 1);
  if (rng.chance(0.04)) {
    ev.push({ t, type: 'return.rejected', data: { ...r, reason: 'outside return window' } });
    return ev;
  }
  ev.push({
    t,
    type: 'return.authorized',
    data: { ...r, ...(channel.b2b ? {} : { label_cost: round2(rng.between(5.5, 8.9)) }) },
  });
  const amount = round2(line.price * qty);
  const fee = channel.b2b || reason === 'changed_mind' ? round2(amount * (channel.b2b ? 0.15 : 0.05)) : 0;
  const refund = (at: number) => ({
    t: at,
    type: 'return.refunded' as const,
    data: {
      ...r,
      amount,
      method: channel.b2b ? 'store_credit' : 'original_payment',
      ...(fee ? { restocking_fee: fee } : {}),
    },
  });
  const receivedAt = t + rng.lognormal(3.5 * DAY, 0.45);
  let refunded = false;
  if (rng.chance(channel.refundBeforeReceipt)) {
    ev.push(refund(t + rng.lognormal(20 * HOUR, 0.5)));
    refunded = true;
  }
  if (rng.chance(0.1)) return ev; // never sent back
  const wh = rng.pick(WAREHOUSES.filter((w) => channel.warehouses[w.id]));
  const received = rng.chance(0.03) ? Math.max(0, qty - 1) : qty;
  ev.push({ t: receivedAt, type: 'return.received', data: { ...r, warehouse_id: wh.id, qty_received: received } });
  const inspectedAt = withinShift(
    wh.timeZone,
    wh.shiftStart,
    wh.shiftEnd,
    receivedAt + rng.lognormal(12 * HOUR, 0.6),
    rng.between(10, 120) * MIN,
  );
  const electronics = line.sku.category.id === 'electronics';
  ev.push({
    t: inspectedAt,
    type: 'return.inspected',
    data: {
      ...r,
      disposition: rng.weighted(DISPOSITION_BY_REASON[reason as 'defective'] ?? DISPOSITION_BY_REASON.default),
      condition: rng.weighted({ A: 45, B: 30, C: 15, D: 10 }),
      ...(electronics ? { serial_match: !rng.chance(0.03) } : {}),
    },
  });
  let refundAt = inspectedAt + rng.lognormal(16 * HOUR, 0.7);
  if (!refunded) {
    if (channel.id === 'web' || channel.b2b) {
      ev.push({
        t: inspectedAt + rng.lognormal(5 * HOUR, 0.6),
        type: 'return.refund_approved',
        data: { ...r, amount, actor: 'support.sim' },
      });
      refundAt += 2 * HOUR;
    }
    ev.push(refund(refundAt));
  }
  ev.push({ t: Math.max(refundAt, inspectedAt) + rng.lognormal(20 * HOUR, 0.4), type: 'return.closed', data: r });
  return ev;
}
