import { CampaignStatus } from '@bouquet/shared';

export type CampaignAction = 'launch' | 'pause' | 'resume' | 'complete' | 'cancel';

const { DRAFT, ACTIVE, PAUSED, COMPLETED, CANCELLED } = CampaignStatus;

/**
 * The campaign lifecycle in one table: DRAFT -> ACTIVE -> PAUSED <-> ACTIVE -> COMPLETED, and any
 * open state (DRAFT, ACTIVE, PAUSED) -> CANCELLED. For each action: from which states, to which.
 */
export const CAMPAIGN_TRANSITIONS: Readonly<
  Record<CampaignAction, { from: readonly CampaignStatus[]; to: CampaignStatus }>
> = {
  launch: { from: [DRAFT], to: ACTIVE },
  pause: { from: [ACTIVE], to: PAUSED },
  resume: { from: [PAUSED], to: ACTIVE },
  complete: { from: [ACTIVE], to: COMPLETED },
  cancel: { from: [DRAFT, ACTIVE, PAUSED], to: CANCELLED },
};

/** States in which a campaign can still be edited and moved. */
export const OPEN_CAMPAIGN_STATES: readonly CampaignStatus[] = [DRAFT, ACTIVE, PAUSED];

/** The status an action leads to from `from`, or null when the action is illegal there. */
export function campaignTransition(from: CampaignStatus, action: CampaignAction): CampaignStatus | null {
  const rule = CAMPAIGN_TRANSITIONS[action];
  return rule.from.includes(from) ? rule.to : null;
}
