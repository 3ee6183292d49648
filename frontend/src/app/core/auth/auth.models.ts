import type { OrganizationKind } from '@bouquet/shared';

export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
}

/** What `logIn` and `signUp` answer (the schema's AuthPayload). */
export interface AuthSession {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  user: AuthUser;
}

/**
 * 'BRAND' | 'AGENCY' | 'CREATOR', checked against the shared enum. Only its type is imported: the values
 * of `@bouquet/shared` would pull its money math (decimal.js) into the bundle.
 */
export type OrganizationKindValue = `${OrganizationKind}`;

export interface SignUpInput {
  email: string;
  password: string;
  displayName: string;
  organizationName: string;
  organizationKind: OrganizationKindValue;
  /** Required when organizationKind is CREATOR. */
  creatorHandle?: string;
}

/** The API's rule for new passwords. */
export const PASSWORD_MIN_LENGTH = 10;
