import type { UserActor } from '../platform/auth/actor';

/** A demo account: the owner of one organization, acting through the services. */
export interface DemoAccount {
  actor: UserActor;
  userId: string;
  organizationId: string;
}

export interface DemoCreator extends DemoAccount {
  creatorId: string;
  name: string;
}

/** An accepted offer: the brand may drop roses in the creator's streams, with the creator's pool. */
export interface DemoDeal {
  brand: DemoAccount;
  campaignId: string;
  creator: DemoCreator;
  poolId: string;
}

/** What one stream of the demo holds, for the progress lines and the tests. */
export interface StreamTally {
  streamId: string;
  events: number;
  drops: number;
  claims: number;
  redemptions: number;
  rollbacks: number;
}
