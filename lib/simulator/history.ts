import { planOrder } from './plan';
import { hash32, Rng } from './rng';

const SAMPLES = 400;
const STEP = 15 * 60_000;

/** How an order's events spread over its life: a sample of orders created at every hour of the day and week. */
export interface OrderSample {
  /** Events per order, on average. */
  perOrder: number;
  /** The sampled orders' event ages (ms after creation), sorted. */
  ages: number[];
  orders: number;
}

export function sampleOrders(seed: number): OrderSample {
  const ages: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const createdAt = 1.7e12 + i * 3_600_000;
    for (const e of planOrder(new Rng(hash32(seed, 7, i)), 'X', createdAt, {}).events) ages.push(e.t - createdAt);
  }
  return { perOrder: ages.length / SAMPLES, ages: ages.sort((a, b) => a - b), orders: SAMPLES };
}

/**
 * How deep (ms, at most `maxMs`) a history ending at `end` may go for `budget` events, counted in
 * the events it will hold: a history begins with no order in flight, so the orders of its last
 * hours have only begun and only those of its first days are whole (rate × depth would overstate
 * it several-fold). Summed a quarter-hour at a time, at that hour's order rate.
 */
export function historyDepth(o: {
  end: number;
  budget: number;
  maxMs: number;
  sample: OrderSample;
  /** Orders per second at a time. */
  orderRate: (t: number) => number;
  /** Stock work events per second (its events come at once). */
  workRate: number;
}): number {
  const { ages, orders } = o.sample;
  let events = 0;
  let begun = 0;
  for (let age = 0; age < o.maxMs; age += STEP) {
    while (begun < ages.length && ages[begun] <= age + STEP / 2) begun++;
    const step = ((o.orderRate(o.end - age - STEP / 2) * STEP) / 1000) * (begun / orders) + (o.workRate * STEP) / 1000;
    if (events + step > o.budget) return age + (STEP * (o.budget - events)) / step;
    events += step;
  }
  return o.maxMs;
}
