import type { ApiScope, OrganizationKind } from '../../core/graphql/generated';

export const API_SCOPES: readonly { value: ApiScope; label: string; hint: string }[] = [
  { value: 'EVENTS_WRITE', label: 'Stream events', hint: 'Send gifts and viewer counts to POST /v1/events' },
  { value: 'DROPS_CLAIM', label: 'Drop claims', hint: 'Claim coupon drops for viewers' },
  { value: 'REDEMPTIONS_WRITE', label: 'Redemptions', hint: 'Report coupon redemptions from your shop' },
];

export const SCOPE_LABEL: Record<ApiScope, string> = Object.fromEntries(
  API_SCOPES.map((scope) => [scope.value, scope.label]),
) as Record<ApiScope, string>;

/** What a new key of this kind of organization usually needs. */
export function defaultScopes(kind: OrganizationKind): ApiScope[] {
  return kind === 'CREATOR' ? ['EVENTS_WRITE', 'DROPS_CLAIM'] : ['REDEMPTIONS_WRITE'];
}
