import type { DataSource } from 'typeorm';

/**
 * A coupon pool with one code on a campaign, written directly: the reports' tests then place
 * redemptions of that code at chosen instants (the API stamps them with the current time).
 */
export async function poolWithOneCode(
  dataSource: DataSource,
  campaignId: string,
  codePrefix: string,
): Promise<{ poolId: string; codeId: string }> {
  const [pool] = await dataSource.query(
    `INSERT INTO coupon_pools (campaign_id, name, discount_type, discount_value, code_length, size)
     VALUES ($1, 'p', 'PERCENT', 10, 8, 10) RETURNING id`,
    [campaignId],
  );
  const [code] = await dataSource.query(
    `INSERT INTO coupon_codes (pool_id, code) VALUES ($1, $2) RETURNING id`,
    [pool.id, `${codePrefix}${Date.now()}`],
  );
  return { poolId: pool.id, codeId: String(code.id) };
}
