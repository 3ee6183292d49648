import type { ApiScope, MembershipRole } from '@bouquet/shared';

/** A signed-in person with the organizations they belong to. */
export interface UserActor {
  kind: 'user';
  userId: string;
  /** organizationId -> role */
  memberships: ReadonlyMap<string, MembershipRole>;
}

/** A machine calling with an API key of one organization. */
export interface ApiKeyActor {
  kind: 'apiKey';
  keyId: string;
  organizationId: string;
  scopes: ReadonlySet<ApiScope>;
}

export type Actor = UserActor | ApiKeyActor;

/** Turns an `Authorization` header value into an actor; implemented by the identity domain. */
export abstract class ActorResolver {
  /** Returns null when there are no credentials; throws UnauthenticatedError for bad ones. */
  abstract resolve(authorization: string | undefined): Promise<Actor | null>;
}
