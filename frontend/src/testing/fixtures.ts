import { signal } from '@angular/core';
import type { ApiKey } from '../app/settings/api-keys/api-keys-store';
import type { AppNotification } from '../app/core/notifications/notifications-store';
import type { CurrentOrganization, OrganizationStore } from '../app/core/organizations/organization-store';

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${++sequence}`;

export function anOrganization(overrides: Partial<CurrentOrganization> = {}): CurrentOrganization {
  return { id: nextId('org'), kind: 'BRAND', name: 'Petal & Co', slug: 'petal', role: 'OWNER', ...overrides };
}

/** The piece of OrganizationStore the settings screens read: the current organization. */
export function organizationStoreWith(org: CurrentOrganization): Partial<OrganizationStore> {
  return { current: signal(org).asReadonly() };
}

export function anApiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: nextId('key'),
    name: 'Shopify store',
    prefix: 'bq_live_ab12',
    scopes: ['REDEMPTIONS_WRITE'],
    createdAt: '2026-11-20T10:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

export function aNotification(overrides: Partial<AppNotification> = {}): AppNotification {
  return {
    id: nextId('n'),
    kind: 'OFFER_RECEIVED',
    message: 'Rosie countered your offer',
    subjectId: null,
    createdAt: '2026-11-24T09:30:00.000Z',
    readAt: null,
    ...overrides,
  };
}
