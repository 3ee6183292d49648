import { unique } from '../../support/world';
import { freshRedemption, order } from './drops-coupons.rows';
import { BRAND_READ, Expectation, MatrixRow, PUBLIC, rest, with_ } from './matrix';

/** Machine paths of a brand's checkout: its REDEMPTIONS_WRITE key, and its people (checked per object). */
const CHECKOUT: Expectation = with_(BRAND_READ, { keyWithoutScope: 'FORBIDDEN' });
const CHECKOUT_WRITE: Expectation = with_(CHECKOUT, { viewer: 'FORBIDDEN' });

/** Machine paths of a creator's stream bot: only its keys with the scope. */
const STREAM_BOT: Expectation = {
  owner: 'FORBIDDEN',
  manager: 'FORBIDDEN',
  viewer: 'FORBIDDEN',
  otherTenant: 'FORBIDDEN',
  agencyWithGrant: 'FORBIDDEN',
  agencyWithoutGrant: 'FORBIDDEN',
  creator: 'FORBIDDEN',
  otherCreator: 'FORBIDDEN',
  anonymous: 'UNAUTHENTICATED',
  keyWithScope: 'OK',
  keyWithoutScope: 'FORBIDDEN',
};

export const restRows: MatrixRow[] = [
  {
    // Another tenant's code answers the NOT_FOUND rejection, exactly like a code that does not exist.
    op: 'POST /v1/coupons/validate',
    call: rest(
      'POST',
      () => '/v1/coupons/validate',
      (w) => ({ json: order(w) }),
      (body) => (body?.rejection === 'NOT_FOUND' ? 'NONE' : null),
    ),
    expect: with_(CHECKOUT, {
      otherTenant: 'NONE',
      agencyWithoutGrant: 'NONE',
      creator: 'NONE',
      otherCreator: 'NONE',
    }),
  },
  {
    op: 'POST /v1/redemptions',
    call: rest(
      'POST',
      () => '/v1/redemptions',
      (w) => ({
        json: order(w, { orderId: unique('order-') }),
        headers: { 'Idempotency-Key': unique('matrix-') },
      }),
    ),
    expect: CHECKOUT_WRITE,
  },
  {
    op: 'POST /v1/redemptions/{id}/rollback',
    prepare: freshRedemption,
    call: rest(
      'POST',
      (_w, p) => `/v1/redemptions/${p.id}/rollback`,
      () => ({ json: { reason: 'matrix' } }),
    ),
    expect: CHECKOUT_WRITE,
  },
  {
    op: 'POST /v1/events',
    keys: { org: 'creator', scope: 'EVENTS_WRITE' },
    call: rest(
      'POST',
      () => '/v1/events',
      (w) => ({
        json: {
          events: [
            {
              eventId: unique('matrix-'),
              streamId: w.streamId,
              type: 'GIFT',
              occurredAt: new Date().toISOString(),
              viewerId: 'matrix-viewer',
              gift: { name: 'rose', count: 1, coinValue: 1 },
            },
          ],
        },
      }),
    ),
    expect: STREAM_BOT,
  },
  {
    op: 'POST /v1/drops/{id}/claims',
    keys: { org: 'creator', scope: 'DROPS_CLAIM' },
    call: rest(
      'POST',
      (w) => `/v1/drops/${w.dropId}/claims`,
      () => ({ json: { viewerId: unique('viewer-') } }),
    ),
    expect: {
      owner: 'NOT_FOUND',
      manager: 'NOT_FOUND',
      viewer: 'NOT_FOUND',
      otherTenant: 'NOT_FOUND',
      agencyWithGrant: 'NOT_FOUND',
      agencyWithoutGrant: 'NOT_FOUND',
      creator: 'OK',
      otherCreator: 'NOT_FOUND',
      anonymous: 'UNAUTHENTICATED',
      keyWithScope: 'OK',
      keyWithoutScope: 'FORBIDDEN',
    },
  },
  {
    op: 'GET /v1/exports/{id}/download',
    call: rest('GET', (w) => `/v1/exports/${w.exportId}/download`),
    expect: with_(BRAND_READ, { keyWithScope: 'FORBIDDEN', keyWithoutScope: 'FORBIDDEN' }),
  },
  { op: 'GET /health/live', call: rest('GET', () => '/health/live'), expect: PUBLIC },
  { op: 'GET /health/ready', call: rest('GET', () => '/health/ready'), expect: PUBLIC },
  { op: 'GET /metrics', call: rest('GET', () => '/metrics'), expect: PUBLIC },
  {
    // Not in rest.md, but served: the caller's own identity.
    op: 'GET /v1/me',
    call: rest('GET', () => '/v1/me'),
    expect: with_(PUBLIC, { anonymous: 'UNAUTHENTICATED' }),
  },
];
