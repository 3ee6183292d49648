import { RedemptionStatus, roundToCurrency } from '@bouquet/shared';

/** A redemption as REST answers it (and as the idempotency store keeps it): related objects as ids. */
export interface RedemptionView {
  id: string;
  code: string;
  customerId: string;
  orderId: string;
  orderAmount: { amount: string; currency: string };
  discount: { amount: string; currency: string };
  status: RedemptionStatus;
  campaignId: string;
  creatorId: string | null;
  streamId: string | null;
  dropId: string | null;
  redeemedAt: string;
  rolledBackAt: string | null;
}

export interface RedemptionRow {
  id: string;
  code: string;
  customer_id: string;
  order_id: string;
  order_amount: string;
  currency: string;
  discount: string;
  status: RedemptionStatus;
  campaign_id: string;
  creator_id: string | null;
  stream_id: string | null;
  drop_id: string | null;
  redeemed_at: Date;
  rolled_back_at: Date | null;
}

export const REDEMPTION_COLUMNS = `r.id, k.code, r.customer_id, r.order_id, r.order_amount::text AS order_amount,
  r.currency, r.discount::text AS discount, r.status, r.campaign_id, r.creator_id, r.stream_id, r.drop_id,
  r.redeemed_at, r.rolled_back_at`;

export function toRedemptionView(row: RedemptionRow): RedemptionView {
  const currency = row.currency.trim();
  return {
    id: row.id,
    code: row.code,
    customerId: row.customer_id,
    orderId: row.order_id,
    orderAmount: { amount: roundToCurrency(row.order_amount, currency), currency },
    discount: { amount: roundToCurrency(row.discount, currency), currency },
    status: row.status,
    campaignId: row.campaign_id,
    creatorId: row.creator_id,
    streamId: row.stream_id,
    dropId: row.drop_id,
    redeemedAt: new Date(row.redeemed_at).toISOString(),
    rolledBackAt: row.rolled_back_at ? new Date(row.rolled_back_at).toISOString() : null,
  };
}

/** The view with its keys in the documented order (jsonb storage does not keep key order). */
export function orderedView(v: RedemptionView): RedemptionView {
  return {
    id: v.id,
    code: v.code,
    customerId: v.customerId,
    orderId: v.orderId,
    orderAmount: { amount: v.orderAmount.amount, currency: v.orderAmount.currency },
    discount: { amount: v.discount.amount, currency: v.discount.currency },
    status: v.status,
    campaignId: v.campaignId,
    creatorId: v.creatorId,
    streamId: v.streamId,
    dropId: v.dropId,
    redeemedAt: v.redeemedAt,
    rolledBackAt: v.rolledBackAt,
  };
}
