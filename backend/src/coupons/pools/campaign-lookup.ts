import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';

export interface CampaignFacts {
  id: string;
  brandId: string;
  currency: string;
  status: string;
}

/** Reads what coupons need of a campaign with plain SQL (the campaigns domain owns the table). */
@Injectable()
export class CampaignLookup {
  constructor(private readonly uow: UnitOfWork) {}

  async find(campaignId: string): Promise<CampaignFacts | null> {
    const [row] = await this.uow.query<{ brand_id: string; currency: string; status: string }[]>(
      `SELECT brand_id, currency, status FROM campaigns WHERE id = $1`,
      [campaignId],
    );
    return row ? { id: campaignId, brandId: row.brand_id, currency: row.currency, status: row.status } : null;
  }

  async creatorExists(creatorId: string): Promise<boolean> {
    const rows = await this.uow.query<unknown[]>(`SELECT 1 FROM creators WHERE id = $1`, [creatorId]);
    return rows.length > 0;
  }
}
