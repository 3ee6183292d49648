import { CampaignStatus } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';

export type CampaignClosingHandler = (
  campaignId: string,
  status: CampaignStatus.COMPLETED | CampaignStatus.CANCELLED,
) => Promise<void>;

/**
 * Lets later domains wind down their part of a campaign when it ends, without campaigns depending
 * on them (drops settle the open ones and cancel the scheduled ones). Handlers run inside the
 * transition's transaction, after the status change and before the remaining reservations are
 * released, so the campaign's money is settled exactly once and all together.
 */
@Injectable()
export class CampaignHooks {
  private readonly closing: CampaignClosingHandler[] = [];

  onClosing(handler: CampaignClosingHandler): void {
    this.closing.push(handler);
  }

  async closingCampaign(
    campaignId: string,
    status: CampaignStatus.COMPLETED | CampaignStatus.CANCELLED,
  ): Promise<void> {
    for (const handler of this.closing) await handler(campaignId, status);
  }
}
