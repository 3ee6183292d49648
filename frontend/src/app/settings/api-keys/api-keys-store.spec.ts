import { TestBed } from '@angular/core/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { anApiKey } from '../../../testing/fixtures';
import { graphqlError, nextOperation } from '../../../testing/graphql-testing';
import { ApiKeysStore } from './api-keys-store';

describe('ApiKeysStore', () => {
  let store: ApiKeysStore;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [ApolloTestingModule], providers: [ApiKeysStore] });
    store = TestBed.inject(ApiKeysStore);
  });

  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  it('is loading, then holds the keys, active ones first', async () => {
    const revoked = anApiKey({ revokedAt: '2026-11-21T00:00:00Z', createdAt: '2026-11-22T00:00:00Z' });
    const active = anApiKey({ createdAt: '2026-11-01T00:00:00Z' });
    const loading = store.load('org-1');
    expect(store.loading()).toBe(true);

    const op = await nextOperation('ApiKeys');
    expect(op.operation.variables).toEqual({ organizationId: 'org-1' });
    op.flushData({ apiKeys: [revoked, active] });
    await loading;

    expect(store.loading()).toBe(false);
    expect(store.error()).toBeNull();
    expect(store.keys()).toEqual([active, revoked]);
  });

  it('keeps the error message when loading fails', async () => {
    const loading = store.load('org-1');
    (await nextOperation('ApiKeys')).graphqlErrors([graphqlError('FORBIDDEN', 'You cannot see these keys')]);
    await loading;

    expect(store.loading()).toBe(false);
    expect(store.error()).toBe('You cannot see these keys');
    expect(store.keys()).toEqual([]);
  });

  it('adds a created key and hands back its secret without keeping it', async () => {
    const loading = store.load('org-1');
    (await nextOperation('ApiKeys')).flushData({ apiKeys: [] });
    await loading;

    const key = anApiKey({ name: 'OBS', scopes: ['EVENTS_WRITE'] });
    const created = store.create('OBS', ['EVENTS_WRITE']);
    const op = await nextOperation('CreateApiKey');
    expect(op.operation.variables).toEqual({
      organizationId: 'org-1',
      name: 'OBS',
      scopes: ['EVENTS_WRITE'],
    });
    op.flushData({ createApiKey: { secret: 'bq_live_secret', apiKey: key } });

    await expect(created).resolves.toBe('bq_live_secret');
    expect(store.keys()).toEqual([key]);
    expect(JSON.stringify(store.keys())).not.toContain('bq_live_secret');
  });

  it('marks a key revoked', async () => {
    const key = anApiKey();
    const loading = store.load('org-1');
    (await nextOperation('ApiKeys')).flushData({ apiKeys: [key] });
    await loading;

    const revoking = store.revoke(key.id);
    expect(store.revoking().has(key.id)).toBe(true);
    (await nextOperation('RevokeApiKey')).flushData({
      revokeApiKey: { ...key, revokedAt: '2026-11-24T12:00:00Z' },
    });
    await revoking;

    expect(store.revoking().has(key.id)).toBe(false);
    expect(store.keys()[0].revokedAt).toBe('2026-11-24T12:00:00Z');
  });
});
