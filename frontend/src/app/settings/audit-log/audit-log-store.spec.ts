import { TestBed } from '@angular/core/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { graphqlError, nextOperation } from '../../../testing/graphql-testing';
import { AUDIT_PAGE_SIZE, AuditEntry, AuditLogStore } from './audit-log-store';

const entry = (id: string): AuditEntry => ({
  id,
  action: 'api_key.created',
  subjectType: 'ApiKey',
  subjectId: `subject-${id}`,
  detail: null,
  at: '2026-11-24T10:00:00Z',
  actor: { id: 'u1', displayName: 'Ana', email: 'ana@brand.test' },
});

describe('AuditLogStore', () => {
  let store: AuditLogStore;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [ApolloTestingModule], providers: [AuditLogStore] });
    store = TestBed.inject(AuditLogStore);
  });

  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  it('loads the first page, then the next one after the cursor', async () => {
    const loading = store.load('org-1');
    expect(store.loading()).toBe(true);
    const first = await nextOperation('AuditLog');
    expect(first.operation.variables).toEqual({
      organizationId: 'org-1',
      first: AUDIT_PAGE_SIZE,
      after: null,
    });
    first.flushData({
      auditLog: { totalCount: 2, pageInfo: { endCursor: 'c1', hasNextPage: true }, nodes: [entry('a')] },
    });
    await loading;
    expect(store.entries().map((e) => e.id)).toEqual(['a']);
    expect(store.hasNextPage()).toBe(true);

    const more = store.loadMore();
    expect(store.loadingMore()).toBe(true);
    const second = await nextOperation('AuditLog');
    expect(second.operation.variables).toMatchObject({ after: 'c1' });
    second.flushData({
      auditLog: { totalCount: 2, pageInfo: { endCursor: 'c2', hasNextPage: false }, nodes: [entry('b')] },
    });
    await more;

    expect(store.entries().map((e) => e.id)).toEqual(['a', 'b']);
    expect(store.hasNextPage()).toBe(false);
    expect(store.loadingMore()).toBe(false);
  });

  it('keeps the error when loading fails', async () => {
    const loading = store.load('org-1');
    (await nextOperation('AuditLog')).graphqlErrors([
      graphqlError('FORBIDDEN', 'Only owners see the audit log'),
    ]);
    await loading;
    expect(store.loading()).toBe(false);
    expect(store.error()).toBe('Only owners see the audit log');
  });
});
