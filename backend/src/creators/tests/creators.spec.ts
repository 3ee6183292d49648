import { buildWorld, MatrixRow, runMatrix, World } from '../../testing/authz-matrix';
import { errorCode, signUp, SignedUp, unique } from '../../testing/factories';
import { GqlResult, startTestApp, TestApp } from '../../testing/test-app';
import { prefixTsQuery } from '../creator-search';

const PROFILE = `id handle displayName bio categories country followerCount averageViewers rate { amount currency } organization { id kind }`;
const UPDATE = `mutation($id: ID!, $input: CreatorProfileInput!) { updateCreatorProfile(creatorId: $id, input: $input) { ${PROFILE} } }`;
const GET = `query($id: ID!) { creator(id: $id) { ${PROFILE} } }`;
const ORG = `query($id: ID!) { organization(id: $id) { id creator { id handle } } }`;
const DISCOVER = `query($filter: CreatorFilter, $first: Int, $after: String) {
  creators(filter: $filter, first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { id handle followerCount } } }`;

function fieldOf(res: GqlResult): string | undefined {
  return res.errors?.[0]?.extensions?.fields?.[0]?.field;
}

describe('creators', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  async function creatorOf(user: SignedUp): Promise<{ id: string; handle: string }> {
    const res = await t.gql(ORG, { id: user.organizationId }, user.accessToken);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.organization.creator;
  }

  describe('profile made at sign-up', () => {
    it('creates the profile of a CREATOR organization in the sign-up transaction', async () => {
      const handle = unique('Neo_');
      const user = await signUp(t, 'CREATOR', { creatorHandle: handle, displayName: 'Neo Streams' });
      const creator = await creatorOf(user);
      expect(creator.handle).toBe(handle);
      const res = await t.gql(GET, { id: creator.id }, user.accessToken);
      expect(res.data.creator).toMatchObject({
        displayName: 'Neo Streams',
        categories: [],
        followerCount: 0,
        rate: null,
        organization: { id: user.organizationId, kind: 'CREATOR' },
      });
      const brand = await signUp(t, 'BRAND');
      expect(
        (await t.gql(ORG, { id: brand.organizationId }, brand.accessToken)).data.organization.creator,
      ).toBeNull();
    });

    it('refuses a taken handle (any case) on input.creatorHandle and creates nothing', async () => {
      const handle = unique('Dup_');
      await signUp(t, 'CREATOR', { creatorHandle: handle });
      const email = `${unique('dup')}@example.com`;
      const res = await t.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }`, {
        input: {
          email,
          password: 'correct horse battery',
          displayName: 'Dup',
          organizationName: unique('org'),
          organizationKind: 'CREATOR',
          creatorHandle: handle.toUpperCase(),
        },
      });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(fieldOf(res)).toBe('input.creatorHandle');
      expect(await t.dataSource.query(`SELECT 1 FROM users WHERE email = $1`, [email])).toHaveLength(0);
    });

    it('answers a race between two sign-ups with the same handle with one success and BAD_USER_INPUT', async () => {
      const handle = unique('race_');
      const results = await Promise.allSettled([
        signUp(t, 'CREATOR', { creatorHandle: handle }),
        signUp(t, 'CREATOR', { creatorHandle: handle.toUpperCase() }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(String(failed.reason)).toContain('input.creatorHandle');
    });
  });

  describe('updateCreatorProfile', () => {
    let user: SignedUp;
    let id: string;
    beforeAll(async () => {
      user = await signUp(t, 'CREATOR');
      id = (await creatorOf(user)).id;
    });

    it('updates the profile, clears nullable fields with null', async () => {
      const res = await t.gql(
        UPDATE,
        {
          id,
          input: {
            displayName: '  Night Owl  ',
            bio: 'Late night speedruns',
            categories: ['Gaming', 'speedrun', 'gaming'],
            country: 'DE',
            followerCount: 2 ** 31 - 1,
            averageViewers: 1200,
            rate: { amount: '250.50', currency: 'EUR' },
          },
        },
        user.accessToken,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.updateCreatorProfile).toMatchObject({
        displayName: 'Night Owl',
        categories: ['gaming', 'speedrun'],
        country: 'DE',
        followerCount: 2 ** 31 - 1,
        rate: { amount: '250.50', currency: 'EUR' },
      });
      const cleared = await t.gql(
        UPDATE,
        { id, input: { bio: null, rate: null, country: null } },
        user.accessToken,
      );
      expect(cleared.data.updateCreatorProfile).toMatchObject({
        bio: null,
        rate: null,
        country: null,
        displayName: 'Night Owl',
      });
    });

    it.each([
      ['displayName over 100', { displayName: 'x'.repeat(101) }, 'input.displayName'],
      ['empty displayName', { displayName: ' ' }, 'input.displayName'],
      ['bio over 2000', { bio: 'x'.repeat(2001) }, 'input.bio'],
      ['lower-case country', { country: 'de' }, 'input.country'],
      ['unknown country', { country: 'QQ' }, 'input.country'],
      ['negative followers', { followerCount: -1 }, 'input.followerCount'],
      ['negative viewers', { averageViewers: -5 }, 'input.averageViewers'],
      [
        'too many categories',
        { categories: Array.from({ length: 21 }, (_, i) => `c${i}`) },
        'input.categories',
      ],
      ['empty category', { categories: [' '] }, 'input.categories'],
      ['3-decimal rate', { rate: { amount: '1.001', currency: 'USD' } }, 'input.rate'],
      ['negative rate', { rate: { amount: '-1', currency: 'USD' } }, 'input.rate'],
      ['unknown rate currency', { rate: { amount: '1', currency: 'ABC' } }, 'input.rate'],
    ])('refuses %s', async (_label, input, field) => {
      const res = await t.gql(UPDATE, { id, input }, user.accessToken);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(fieldOf(res)).toBe(field);
    });

    it('refuses counts beyond 2^31-1 at the GraphQL layer and unknown ids', async () => {
      expect(
        errorCode(await t.gql(UPDATE, { id, input: { followerCount: 2 ** 31 } }, user.accessToken)),
      ).toBe('BAD_USER_INPUT');
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect(errorCode(await t.gql(UPDATE, { id: unknown, input: {} }, user.accessToken))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(GET, { id: unknown }, user.accessToken))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(GET, { id: 'nope' }, user.accessToken))).toBe('NOT_FOUND');
    });
  });

  describe('discovery', () => {
    let brand: SignedUp;
    const ids: Record<string, string> = {};
    const tag = unique('t').toLowerCase();
    beforeAll(async () => {
      brand = await signUp(t, 'BRAND');
      const profiles: Record<string, Record<string, unknown>> = {
        alpha: {
          displayName: 'Alpha Gamer',
          bio: `speedrun ${tag}`,
          categories: [tag, 'gaming'],
          country: 'US',
          followerCount: 5000,
          rate: { amount: '100.00', currency: 'USD' },
        },
        beta: {
          displayName: 'Beta Cook',
          bio: `cooking ${tag}`,
          categories: [tag, 'food'],
          country: 'FR',
          followerCount: 9000,
          rate: { amount: '300.00', currency: 'USD' },
        },
        gamma: {
          displayName: 'Gamma Gamer',
          bio: `retro games ${tag}`,
          categories: [tag, 'gaming'],
          country: 'US',
          followerCount: 1000,
          rate: { amount: '50.00', currency: 'EUR' },
        },
        delta: {
          displayName: 'Delta Music',
          bio: `live music ${tag}`,
          categories: [tag, 'music'],
          country: 'US',
          followerCount: 9000,
        },
        epsilon: {
          displayName: 'Epsilon Speedrunner',
          bio: `speedrun records ${tag}`,
          categories: [tag, 'gaming'],
          country: 'DE',
          followerCount: 20,
          rate: { amount: '80.00', currency: 'USD' },
        },
      };
      for (const [name, input] of Object.entries(profiles)) {
        const user = await signUp(t, 'CREATOR', { creatorHandle: unique(`${name}_`) });
        ids[name] = (await creatorOf(user)).id;
        const res = await t.gql(UPDATE, { id: ids[name], input }, user.accessToken);
        if (res.errors) throw new Error(JSON.stringify(res.errors));
      }
    });

    const names = (res: GqlResult) =>
      res.data.creators.nodes.map((n: { id: string }) => Object.keys(ids).find((k) => ids[k] === n.id));
    const discover = (filter: Record<string, unknown>, first = 50, after?: string) =>
      t.gql(DISCOVER, { filter: { categories: [tag], ...filter }, first, after }, brand.accessToken);

    it('filters by category (any of), sorted by followers then id', async () => {
      const res = await discover({});
      expect(res.data.creators.totalCount).toBe(5);
      const sameFollowers = [ids.beta, ids.delta].sort();
      expect(res.data.creators.nodes.map((n: { id: string }) => n.id)).toEqual([
        ...sameFollowers,
        ids.alpha,
        ids.gamma,
        ids.epsilon,
      ]);
      const music = await t.gql(DISCOVER, { filter: { categories: ['music', 'food'] } }, brand.accessToken);
      expect(music.data.creators.nodes.map((n: { id: string }) => n.id)).toEqual(
        expect.arrayContaining([ids.beta, ids.delta]),
      );
    });

    it('filters by country, minFollowers and maxRate (same currency only)', async () => {
      expect(names(await discover({ country: 'US' }))).toEqual(['delta', 'alpha', 'gamma']);
      expect(names(await discover({ minFollowers: 5000 })).sort()).toEqual(['alpha', 'beta', 'delta']);
      expect(names(await discover({ maxRate: { amount: '100', currency: 'USD' } }))).toEqual([
        'alpha',
        'epsilon',
      ]);
      expect(names(await discover({ maxRate: { amount: '1000', currency: 'EUR' } }))).toEqual(['gamma']);
      expect(
        names(
          await discover({ country: 'US', minFollowers: 2000, maxRate: { amount: '500', currency: 'USD' } }),
        ),
      ).toEqual(['alpha']);
      expect(errorCode(await discover({ country: 'usa' }))).toBe('BAD_USER_INPUT');
      expect(errorCode(await discover({ maxRate: { amount: '1.001', currency: 'USD' } }))).toBe(
        'BAD_USER_INPUT',
      );
    });

    it('searches handle, display name and bio by word prefixes, most relevant first', async () => {
      const gamers = await discover({ search: 'gam' });
      // gamma matches "gam" in its handle, name and bio; alpha only in its name.
      expect(names(gamers)).toEqual(['gamma', 'alpha']);
      // "speedrun" is in epsilon's display name (weighted above bio) and alpha's bio.
      expect(names(await discover({ search: 'speedrun' }))).toEqual(['epsilon', 'alpha']);
      expect(names(await discover({ search: 'retro GAM' }))).toEqual(['gamma']);
      expect(names(await discover({ search: 'epsilon_' }))).toEqual(['epsilon']);
      expect(names(await discover({ search: `'):* | !x & (` }))).toEqual([]);
      expect((await discover({ search: '&|!():*' })).data.creators.totalCount).toBe(5);
    });

    it('pages with keyset cursors, with and without search, seeing every creator once', async () => {
      for (const filter of [{}, { search: tag }]) {
        const seen: string[] = [];
        let after: string | undefined;
        let pages = 0;
        do {
          const res = await discover(filter, 2, after);
          expect(res.errors).toBeUndefined();
          expect(res.data.creators.totalCount).toBe(5);
          seen.push(...res.data.creators.nodes.map((n: { id: string }) => n.id));
          after = res.data.creators.pageInfo.hasNextPage ? res.data.creators.pageInfo.endCursor : undefined;
          pages++;
        } while (after);
        expect(pages).toBe(3);
        expect(seen).toHaveLength(5);
        expect(new Set(seen)).toEqual(new Set(Object.values(ids)));
        expect(seen).toEqual(names(await discover(filter)).map((n: string) => ids[n]));
      }
      expect(errorCode(await discover({}, 2, 'bad'))).toBe('BAD_USER_INPUT');
      expect(errorCode(await discover({}, 500))).toBe('BAD_USER_INPUT');
    });

    it('turns free text into a safe prefix query', () => {
      expect(prefixTsQuery("Alpha's  GAME-night!")).toBe('alpha:* & s:* & game:* & night:*');
      expect(prefixTsQuery('&|!():*')).toBeNull();
    });
  });

  describe('authorization matrix', () => {
    let world: World;
    let creatorId: string;
    beforeAll(async () => {
      world = await buildWorld(t);
      creatorId = (await creatorOf(world.creator)).id;
    });

    it('answers every actor as the matrix says', async () => {
      const readers = {
        owner: 'OK',
        manager: 'OK',
        viewer: 'OK',
        otherTenant: 'OK',
        agencyWithGrant: 'OK',
        agencyWithoutGrant: 'OK',
        creator: 'OK',
        anonymous: 'UNAUTHENTICATED',
        keyWithScope: 'OK',
        keyWithoutScope: 'OK',
      } as const;
      const rows: MatrixRow[] = [
        {
          operation: 'creator(id)',
          call: (t, _w, token) => t.gql(GET, { id: creatorId }, token),
          expect: readers,
        },
        { operation: 'creators', call: (t, _w, token) => t.gql(DISCOVER, {}, token), expect: readers },
        {
          operation: 'updateCreatorProfile',
          call: (t, _w, token) => t.gql(UPDATE, { id: creatorId, input: { bio: 'hello' } }, token),
          expect: {
            owner: 'NOT_FOUND',
            manager: 'NOT_FOUND',
            viewer: 'NOT_FOUND',
            otherTenant: 'NOT_FOUND',
            agencyWithGrant: 'NOT_FOUND',
            agencyWithoutGrant: 'NOT_FOUND',
            creator: 'OK',
            anonymous: 'UNAUTHENTICATED',
            keyWithScope: 'FORBIDDEN',
            keyWithoutScope: 'FORBIDDEN',
          },
        },
      ];
      expect(await runMatrix(t, world, rows)).toEqual([]);
    });

    it('lets a creator viewer read but not write the profile', async () => {
      const viewer = await signUp(t, 'BRAND');
      await t.dataSource.query(
        `INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, 'VIEWER')`,
        [viewer.userId, world.creator.organizationId],
      );
      const { accessToken } = (
        await t.gql(`mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { accessToken } }`, {
          e: viewer.email,
          p: viewer.password,
        })
      ).data.logIn;
      expect(errorCode(await t.gql(UPDATE, { id: creatorId, input: { bio: 'x' } }, accessToken))).toBe(
        'FORBIDDEN',
      );
    });
  });
});
