import type { RETURN_REASONS, DISPOSITIONS } from '../events/returns';

type Reason = (typeof RETURN_REASONS)[number];
type Disposition = (typeof DISPOSITIONS)[number];

export interface Channel {
  id: string;
  prefix: string;
  weight: number;
  priceFactor: number;
  /** Marketplace commission + payment fee as a share of the order value, plus a fixed part. */
  feeRate: number;
  feeFixed: number;
  returnFactor: number;
  b2b: boolean;
  /** Share of this channel's orders fulfilled from each warehouse. */
  warehouses: Record<string, number>;
  /** Marketplaces refund on the carrier's first scan of the return, before it is received. */
  refundBeforeReceipt: number;
}

export const CHANNELS: Channel[] = [
  {
    id: 'web',
    prefix: 'WEB',
    weight: 40,
    priceFactor: 1,
    feeRate: 0.029,
    feeFixed: 0.3,
    returnFactor: 1,
    b2b: false,
    warehouses: { 'DC-EAST': 50, 'DC-WEST': 35, 'DC-EU': 15 },
    refundBeforeReceipt: 0.02,
  },
  {
    id: 'amazon',
    prefix: 'AMZ',
    weight: 30,
    priceFactor: 0.97,
    feeRate: 0.15,
    feeFixed: 0,
    returnFactor: 1.25,
    b2b: false,
    warehouses: { 'DC-EAST': 55, 'DC-WEST': 45 },
    refundBeforeReceipt: 0.3,
  },
  {
    id: 'zalando',
    prefix: 'ZAL',
    weight: 15,
    priceFactor: 1.02,
    feeRate: 0.2,
    feeFixed: 0,
    returnFactor: 1.8,
    b2b: false,
    warehouses: { 'DC-EU': 100 },
    refundBeforeReceipt: 0.05,
  },
  {
    id: 'b2b',
    prefix: 'B2B',
    weight: 15,
    priceFactor: 0.78,
    feeRate: 0,
    feeFixed: 0,
    returnFactor: 0.3,
    b2b: true,
    warehouses: { 'DC-EAST': 60, 'DC-WEST': 40 },
    refundBeforeReceipt: 0,
  },
];

export interface Warehouse {
  id: string;
  timeZone: string;
  /** Median minutes from allocation to picked, and its log-scale spread. */
  pickMedianMin: number;
  pickSigma: number;
  /** Share of cycle counts that match the record exactly. */
  countAccuracy: number;
  shiftStart: number;
  shiftEnd: number;
  carriers: { id: string; cutoff: string; weight: number; exceptionRate: number; transitDays: [number, number] }[];
}

export const WAREHOUSES: Warehouse[] = [
  {
    id: 'DC-EAST',
    timeZone: 'America/New_York',
    pickMedianMin: 40,
    pickSigma: 0.7,
    countAccuracy: 0.985,
    shiftStart: 6,
    shiftEnd: 22,
    carriers: [
      { id: 'UPS', cutoff: '17:00', weight: 45, exceptionRate: 0.02, transitDays: [1, 4] },
      { id: 'FedEx', cutoff: '18:00', weight: 35, exceptionRate: 0.025, transitDays: [1, 3] },
      { id: 'USPS', cutoff: '15:30', weight: 20, exceptionRate: 0.035, transitDays: [2, 5] },
    ],
  },
  {
    id: 'DC-WEST',
    timeZone: 'America/Los_Angeles',
    pickMedianMin: 95,
    pickSigma: 0.9,
    countAccuracy: 0.955,
    shiftStart: 7,
    shiftEnd: 21,
    carriers: [
      { id: 'UPS', cutoff: '16:30', weight: 50, exceptionRate: 0.02, transitDays: [1, 4] },
      { id: 'FedEx', cutoff: '17:30', weight: 30, exceptionRate: 0.025, transitDays: [1, 3] },
      { id: 'USPS', cutoff: '15:00', weight: 20, exceptionRate: 0.04, transitDays: [2, 6] },
    ],
  },
  {
    id: 'DC-EU',
    timeZone: 'Europe/Amsterdam',
    pickMedianMin: 60,
    pickSigma: 0.75,
    countAccuracy: 0.975,
    shiftStart: 6,
    shiftEnd: 22,
    carriers: [
      { id: 'DHL', cutoff: '17:00', weight: 60, exceptionRate: 0.02, transitDays: [1, 3] },
      { id: 'DPD', cutoff: '16:00', weight: 40, exceptionRate: 0.05, transitDays: [1, 4] },
    ],
  },
];
export const warehouseById = new Map(WAREHOUSES.map((w) => [w.id, w]));

export interface Category {
  id: string;
  prefix: string;
  skus: number;
  price: [number, number];
  costShare: number;
  returnRate: number;
  reasons: Partial<Record<Reason, number>>;
}

export const CATEGORIES: Category[] = [
  {
    id: 'apparel',
    prefix: 'APP',
    skus: 60,
    price: [18, 95],
    costShare: 0.36,
    returnRate: 0.24,
    reasons: {
      too_small: 30,
      too_large: 24,
      not_as_described: 12,
      changed_mind: 15,
      defective: 5,
      wrong_item: 4,
      damaged_in_transit: 3,
      late_delivery: 3,
      other: 4,
    },
  },
  {
    id: 'footwear',
    prefix: 'FTW',
    skus: 30,
    price: [45, 190],
    costShare: 0.45,
    returnRate: 0.18,
    reasons: {
      too_small: 34,
      too_large: 24,
      defective: 9,
      not_as_described: 10,
      changed_mind: 14,
      wrong_item: 3,
      damaged_in_transit: 2,
      late_delivery: 2,
      other: 2,
    },
  },
  {
    id: 'electronics',
    prefix: 'ELC',
    skus: 40,
    price: [25, 650],
    costShare: 0.66,
    returnRate: 0.08,
    reasons: {
      defective: 34,
      not_as_described: 20,
      changed_mind: 15,
      damaged_in_transit: 12,
      wrong_item: 6,
      late_delivery: 4,
      other: 9,
    },
  },
  {
    id: 'home',
    prefix: 'HOM',
    skus: 40,
    price: [12, 220],
    costShare: 0.5,
    returnRate: 0.06,
    reasons: {
      damaged_in_transit: 34,
      not_as_described: 20,
      changed_mind: 20,
      defective: 10,
      wrong_item: 7,
      late_delivery: 3,
      other: 6,
    },
  },
  {
    id: 'beauty',
    prefix: 'BTY',
    skus: 30,
    price: [7, 65],
    costShare: 0.3,
    returnRate: 0.03,
    reasons: { changed_mind: 34, damaged_in_transit: 20, wrong_item: 15, defective: 11, other: 20 },
  },
];

export interface Sku {
  sku: string;
  category: Category;
  price: number;
  cost: number;
}

/** A fixed catalogue: the same SKUs, prices and costs for every seed, so reports stay comparable. */
export const SKUS: Sku[] = CATEGORIES.flatMap((c) =>
  Array.from({ length: c.skus }, (_, i) => {
    const f = ((i * 7919) % 101) / 100;
    const price = Math.round((c.price[0] + f * (c.price[1] - c.price[0])) * 100) / 100 - 0.01;
    return { sku: `${c.prefix}-${1000 + i}`, category: c, price, cost: Math.round(price * c.costShare * 100) / 100 };
  }),
);

/** Where a returned unit goes, by why it came back. */
export const DISPOSITION_BY_REASON: Partial<Record<Reason, Partial<Record<Disposition, number>>>> & {
  default: Partial<Record<Disposition, number>>;
} = {
  defective: { vendor_claim: 50, refurbish: 30, scrap: 20 },
  damaged_in_transit: { scrap: 35, liquidate: 30, refurbish: 25, restock: 10 },
  not_as_described: { restock: 70, refurbish: 20, liquidate: 10 },
  wrong_item: { restock: 90, refurbish: 10 },
  default: { restock: 86, refurbish: 8, liquidate: 6 },
};
