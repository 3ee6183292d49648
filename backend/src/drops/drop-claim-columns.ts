/** The columns of a drop claim as DropClaimEntity fields, for raw `RETURNING` / `SELECT` lists. */
export const CLAIM_COLUMNS = `id, drop_id AS "dropId", viewer_id AS "viewerId", n, roses, coupon_code AS "couponCode",
  idempotency_key AS "idempotencyKey", claimed_at AS "claimedAt"`;
