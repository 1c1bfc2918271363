import { z } from 'zod';
import { eventOf, id } from './common';

export const CARRIER_EXCEPTION_REASONS = ['delay', 'damaged', 'lost', 'address_issue', 'weather', 'other'] as const;

const parcel = { order_id: id, tracking_id: id };

export const carrierPickedUp = eventOf('carrier.picked_up', z.looseObject({ ...parcel, carrier: id }));
export const carrierInTransit = eventOf(
  'carrier.in_transit',
  z.looseObject({ ...parcel, location: z.string().min(1).max(256).optional() }),
);
export const carrierException = eventOf(
  'carrier.exception',
  z.looseObject({ ...parcel, carrier: id, reason: z.enum(CARRIER_EXCEPTION_REASONS) }),
);
export const carrierDelivered = eventOf('carrier.delivered', z.looseObject(parcel));

export const carrierEvents = [carrierPickedUp, carrierInTransit, carrierException, carrierDelivered] as const;
