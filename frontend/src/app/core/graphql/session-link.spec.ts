import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import {
  authorizationOf,
  graphqlError,
  nextOperation,
  settle,
  useSessionLink,
} from '../../../testing/graphql-testing';
import { AuthStore } from '../auth/auth-store';
import { MyOrganizationsDocument } from '../organizations/organizations.generated';
import { UnreadNotificationsDocument } from '../notifications/notifications.generated';
import { Graphql } from './graphql';
import { GraphqlRequestError } from './graphql-error';

const user = { id: 'u1', email: 'ana@brand.test', displayName: 'Ana' };
const session = (n: number) => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresAt: '2030-01-01T00:00:00Z',
  user,
});
const me = { me: { id: 'u1', displayName: 'Ana', memberships: [] } };

describe('session link: refresh on UNAUTHENTICATED, then retry', () => {
  let controller: ApolloTestingController;
  let auth: AuthStore;
  let graphql: Graphql;

  beforeEach(() => {
    sessionStorage.clear();
    sessionStorage.setItem('bouquet.session', JSON.stringify(session(1)));
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [provideRouter([])],
    });
    auth = TestBed.inject(AuthStore);
    useSessionLink({
      accessToken: () => auth.accessToken(),
      refresh: () => auth.refresh(),
      expire: () => auth.expire(),
    });
    controller = TestBed.inject(ApolloTestingController);
    graphql = TestBed.inject(Graphql);
  });

  afterEach(() => controller.verify());

  it('sends the access token', async () => {
    const answer = graphql.query(MyOrganizationsDocument, {});
    const op = await nextOperation('MyOrganizations');
    expect(authorizationOf(op)).toBe('Bearer access-1');
    op.flushData(me);
    await expect(answer).resolves.toEqual(me);
  });

  it('refreshes once and retries the same operation with the new token, so nothing is lost', async () => {
    const answer = graphql.query(MyOrganizationsDocument, {});
    (await nextOperation('MyOrganizations')).graphqlErrors([
      graphqlError('UNAUTHENTICATED', 'Token expired'),
    ]);

    const refresh = await nextOperation('RefreshSession');
    expect(refresh.operation.variables).toEqual({ refreshToken: 'refresh-1' });
    expect(authorizationOf(refresh)).toBeUndefined();
    refresh.flushData({ refreshSession: session(2) });

    const retry = await nextOperation('MyOrganizations');
    expect(authorizationOf(retry)).toBe('Bearer access-2');
    retry.flushData(me);

    await expect(answer).resolves.toEqual(me);
    expect(auth.session()?.refreshToken).toBe('refresh-2');
    expect(JSON.parse(sessionStorage.getItem('bouquet.session') ?? '{}').accessToken).toBe('access-2');
  });

  it('shares one refresh between operations that expired together', async () => {
    const unread = { notifications: { totalCount: 0, nodes: [] } };
    const first = graphql.query(MyOrganizationsDocument, {});
    const second = graphql.query(UnreadNotificationsDocument, { first: 5 });
    await settle();
    controller.expectOne('MyOrganizations').graphqlErrors([graphqlError('UNAUTHENTICATED')]);
    controller.expectOne('UnreadNotifications').graphqlErrors([graphqlError('UNAUTHENTICATED')]);

    (await nextOperation('RefreshSession')).flushData({ refreshSession: session(2) });
    await settle();
    const retries = [controller.expectOne('MyOrganizations'), controller.expectOne('UnreadNotifications')];
    expect(retries.map(authorizationOf)).toEqual(['Bearer access-2', 'Bearer access-2']);
    retries[0].flushData(me);
    retries[1].flushData(unread);
    await expect(Promise.all([first, second])).resolves.toEqual([me, unread]);
  });

  it('logs out to /login when the refresh is refused, and reports the original error', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const answer = graphql.query(MyOrganizationsDocument, {});
    (await nextOperation('MyOrganizations')).graphqlErrors([
      graphqlError('UNAUTHENTICATED', 'Token expired'),
    ]);
    (await nextOperation('RefreshSession')).graphqlErrors([
      graphqlError('UNAUTHENTICATED', 'Refresh token revoked'),
    ]);

    await expect(answer).rejects.toEqual(new GraphqlRequestError('Token expired', 'UNAUTHENTICATED'));
    expect(auth.isAuthenticated()).toBe(false);
    expect(sessionStorage.getItem('bouquet.session')).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], expect.anything());
  });

  it('does not retry other errors', async () => {
    const answer = graphql.query(MyOrganizationsDocument, {});
    (await nextOperation('MyOrganizations')).graphqlErrors([graphqlError('FORBIDDEN', 'Not yours')]);
    await expect(answer).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'Not yours' });
    controller.expectNone('RefreshSession');
  });
});
