import { StreamStatus } from '@bouquet/shared';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { buildWorld, MatrixRow, runMatrix, World } from '../../testing/authz-matrix';
import { errorCode, signUp, SignedUp } from '../../testing/factories';
import { GqlResult, startTestApp, TestApp } from '../../testing/test-app';
import { STREAM_TRANSITIONS } from '../stream-transitions';
import { StreamsService } from '../streams.service';

const FIELDS = `id title externalId status scheduledStartAt startedAt endedAt giftedRoses peakViewers creator { id }`;
const SCHEDULE = `mutation($input: ScheduleStreamInput!) { scheduleStream(input: $input) { ${FIELDS} } }`;
const GET = `query($id: ID!) { stream(id: $id) { ${FIELDS} } }`;
const LIST = `query($creatorId: ID, $status: StreamStatus, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  streams(creatorId: $creatorId, status: $status, from: $from, to: $to, first: $first, after: $after) {
    totalCount pageInfo { endCursor hasNextPage } nodes { id title } } }`;
const MUTATION: Record<string, string> = {
  LIVE: 'startStream',
  ENDED: 'endStream',
  CANCELLED: 'cancelStream',
};
const mutate = (to: string) =>
  `mutation($id: ID!) { ${MUTATION[to]}(id: $id) { id status startedAt endedAt } }`;
const CREATOR_STREAMS = `query($id: ID!, $status: StreamStatus) { creator(id: $id) { streams(status: $status, first: 2) { totalCount nodes { id } } } }`;

describe('streams', () => {
  let t: TestApp;
  let owner: SignedUp;
  let creatorId: string;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await signUp(t, 'CREATOR');
    creatorId = await creatorOf(owner);
  });
  afterAll(() => t.close());

  async function creatorOf(user: SignedUp): Promise<string> {
    const res = await t.gql(
      `query($id: ID!) { organization(id: $id) { creator { id } } }`,
      { id: user.organizationId },
      user.accessToken,
    );
    return res.data.organization.creator.id;
  }
  let n = 0;
  const schedule = async (extra: Record<string, unknown> = {}, who = owner, cid = creatorId) => {
    n++;
    const res = await t.gql(
      SCHEDULE,
      {
        input: {
          creatorId: cid,
          title: `Stream ${n}`,
          scheduledStartAt: new Date(Date.UTC(2030, 0, 1, 0, n)).toISOString(),
          ...extra,
        },
      },
      who.accessToken,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.scheduleStream as { id: string; status: string };
  };

  it('schedules a stream', async () => {
    const s = await schedule({ externalId: 'ext-1', title: '  Launch night  ' });
    expect(s).toMatchObject({
      status: 'SCHEDULED',
      title: 'Launch night',
      externalId: 'ext-1',
      giftedRoses: 0,
      peakViewers: 0,
      startedAt: null,
      creator: { id: creatorId },
    });
  });

  it('walks every legal transition and refuses every illegal one with CONFLICT', async () => {
    const statuses = Object.values(StreamStatus);
    const pathTo: Record<string, string[]> = {
      SCHEDULED: [],
      LIVE: ['LIVE'],
      ENDED: ['LIVE', 'ENDED'],
      CANCELLED: ['CANCELLED'],
    };
    for (const from of statuses) {
      for (const to of ['LIVE', 'ENDED', 'CANCELLED']) {
        const { id } = await schedule();
        for (const step of pathTo[from])
          expect((await t.gql(mutate(step), { id }, owner.accessToken)).errors).toBeUndefined();
        const res = await t.gql(mutate(to), { id }, owner.accessToken);
        const legal = (STREAM_TRANSITIONS[from] as string[]).includes(to);
        if (legal) {
          expect([from, to, res.errors]).toEqual([from, to, undefined]);
          const stream = res.data[MUTATION[to]];
          expect(stream.status).toBe(to);
          if (to === 'LIVE') expect(stream.startedAt).not.toBeNull();
          else expect(stream.endedAt).not.toBeNull();
        } else {
          expect([from, to, errorCode(res)]).toEqual([from, to, 'CONFLICT']);
          expect((await t.gql(GET, { id }, owner.accessToken)).data.stream.status).toBe(from);
        }
      }
    }
    // The table says exactly the lifecycle.
    expect(STREAM_TRANSITIONS).toEqual({
      SCHEDULED: ['LIVE', 'CANCELLED'],
      LIVE: ['ENDED'],
      ENDED: [],
      CANCELLED: [],
    });
  });

  it('exposes transition(streamId, to, at) for ingest, with the given time', async () => {
    const { id } = await schedule();
    const service = t.app.get(StreamsService);
    const at = new Date('2030-01-01T10:00:00.000Z');
    expect(await service.transition(id, StreamStatus.LIVE, at)).toMatchObject({
      status: 'LIVE',
      startedAt: at,
    });
    await expect(service.transition(id, StreamStatus.LIVE)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      service.transition('00000000-0000-4000-8000-000000000000', StreamStatus.LIVE),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps externalId unique per creator only', async () => {
    await schedule({ externalId: 'dup-1' });
    const dup = await t.gql(
      SCHEDULE,
      { input: { creatorId, title: 'x', scheduledStartAt: '2030-01-01T00:00:00Z', externalId: 'dup-1' } },
      owner.accessToken,
    );
    expect(errorCode(dup)).toBe('BAD_USER_INPUT');
    expect(dup.errors?.[0].extensions?.fields?.[0].field).toBe('input.externalId');
    const other = await signUp(t, 'CREATOR');
    await schedule({ externalId: 'dup-1' }, other, await creatorOf(other));
  });

  it.each([
    ['empty title', { title: '  ' }, 'BAD_USER_INPUT'],
    ['title over 200', { title: 'x'.repeat(201) }, 'BAD_USER_INPUT'],
    ['externalId over 128', { externalId: 'x'.repeat(129) }, 'BAD_USER_INPUT'],
    ['bad date', { scheduledStartAt: 'tomorrow' }, 'BAD_USER_INPUT'],
    ['unknown creator', { creatorId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND'],
  ])('refuses %s', async (_label, extra, code) => {
    const res = await t.gql(
      SCHEDULE,
      { input: { creatorId, title: 'ok', scheduledStartAt: '2030-01-01T00:00:00Z', ...extra } },
      owner.accessToken,
    );
    expect(errorCode(res)).toBe(code);
  });

  describe('reading', () => {
    let creator: SignedUp;
    let cid: string;
    const ids: string[] = [];
    beforeAll(async () => {
      creator = await signUp(t, 'CREATOR');
      cid = await creatorOf(creator);
      for (let i = 0; i < 5; i++) {
        const res = await t.gql(
          SCHEDULE,
          {
            input: {
              creatorId: cid,
              title: `R${i}`,
              scheduledStartAt: new Date(Date.UTC(2031, 0, 1 + i)).toISOString(),
            },
          },
          creator.accessToken,
        );
        ids.push(res.data.scheduleStream.id);
      }
      await t.gql(mutate('LIVE'), { id: ids[0] }, creator.accessToken);
    });

    it('pages a creator’s streams in schedule order with filters', async () => {
      const brand = await signUp(t, 'BRAND');
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const res: GqlResult = await t.gql(LIST, { creatorId: cid, first: 2, after }, brand.accessToken);
        expect(res.data.streams.totalCount).toBe(5);
        seen.push(...res.data.streams.nodes.map((s: { id: string }) => s.id));
        after = res.data.streams.pageInfo.hasNextPage ? res.data.streams.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(ids);
      const live = await t.gql(LIST, { creatorId: cid, status: 'LIVE' }, brand.accessToken);
      expect(live.data.streams.nodes.map((s: { id: string }) => s.id)).toEqual([ids[0]]);
      const window = await t.gql(
        LIST,
        { creatorId: cid, from: '2031-01-02T00:00:00Z', to: '2031-01-04T00:00:00Z' },
        brand.accessToken,
      );
      expect(window.data.streams.nodes.map((s: { id: string }) => s.id)).toEqual([ids[1], ids[2]]);
      expect(
        errorCode(
          await t.gql(LIST, { from: '2031-01-04T00:00:00Z', to: '2031-01-02T00:00:00Z' }, brand.accessToken),
        ),
      ).toBe('BAD_USER_INPUT');
      // The creator's own list (no creatorId) holds only its own streams.
      const own = await t.gql(LIST, { first: 50 }, creator.accessToken);
      expect(own.data.streams.totalCount).toBe(5);
    });

    it('shows Creator.streams to brands and the creator, not to other creators', async () => {
      const brand = await signUp(t, 'BRAND');
      const other = await signUp(t, 'CREATOR');
      const asBrand = await t.gql(CREATOR_STREAMS, { id: cid }, brand.accessToken);
      expect(asBrand.data.creator.streams).toMatchObject({
        totalCount: 5,
        nodes: [{ id: ids[0] }, { id: ids[1] }],
      });
      const scheduled = await t.gql(CREATOR_STREAMS, { id: cid, status: 'SCHEDULED' }, creator.accessToken);
      expect(scheduled.data.creator.streams).toMatchObject({
        totalCount: 4,
        nodes: [{ id: ids[1] }, { id: ids[2] }],
      });
      const asOther = await t.gql(CREATOR_STREAMS, { id: cid }, other.accessToken);
      expect(asOther.data.creator.streams).toEqual({ totalCount: 0, nodes: [] });
      expect(errorCode(await t.gql(GET, { id: ids[0] }, other.accessToken))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(LIST, { creatorId: cid }, other.accessToken))).toBe('NOT_FOUND');
    });

    it('loads Creator.streams and Creator.organization without N+1 queries', async () => {
      const [brand] = await Promise.all([
        signUp(t, 'BRAND'),
        ...Array.from({ length: 8 }, () => signUp(t, 'CREATOR')),
      ]);
      const creatorsQuery = `query($first: Int) { creators(first: $first) {
        nodes { id organization { id } streams(first: 2) { totalCount nodes { id } } } } }`;
      const streamsQuery = `query($first: Int) { streams(first: $first) { nodes { id creator { id handle } } } }`;
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      const count = async (query: string, first: number, list: 'creators' | 'streams') => {
        spy.mockClear();
        const res = await t.gql(query, { first }, brand.accessToken);
        expect(res.errors).toBeUndefined();
        expect(res.data[list].nodes.length).toBe(first);
        return spy.mock.calls.length;
      };
      try {
        await count(creatorsQuery, 1, 'creators'); // warm up
        expect(await count(creatorsQuery, 10, 'creators')).toBe(await count(creatorsQuery, 2, 'creators'));
        expect(await count(streamsQuery, 8, 'streams')).toBe(await count(streamsQuery, 2, 'streams'));
      } finally {
        spy.mockRestore();
      }
    });

    it('batches Creator.streams of many creators through one loader', async () => {
      const brand = await signUp(t, 'BRAND');
      const res = await t.gql(
        `query { creators(first: 50) { nodes { id streams(first: 1) { totalCount nodes { id } } } } }`,
        {},
        brand.accessToken,
      );
      expect(res.errors).toBeUndefined();
      const mine = res.data.creators.nodes.find((c: { id: string }) => c.id === cid);
      expect(mine.streams).toEqual({ totalCount: 5, nodes: [{ id: ids[0] }] });
    });
  });

  describe('authorization matrix', () => {
    let world: World;
    let cid: string;
    let streamId: string;
    beforeAll(async () => {
      world = await buildWorld(t);
      cid = await creatorOf(world.creator);
      streamId = (await schedule({}, world.creator, cid)).id;
    });

    it('answers every actor as the matrix says', async () => {
      const creatorOnly = {
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
      } as const;
      const rows: MatrixRow[] = [
        {
          operation: 'stream(id)',
          call: (t, _w, token) => t.gql(GET, { id: streamId }, token),
          expect: {
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
          },
        },
        {
          operation: 'scheduleStream',
          call: (t, _w, token) =>
            t.gql(
              SCHEDULE,
              { input: { creatorId: cid, title: 'm', scheduledStartAt: '2030-05-01T00:00:00Z' } },
              token,
            ),
          expect: creatorOnly,
        },
        {
          operation: 'startStream',
          call: async (t, w, token) =>
            t.gql(mutate('LIVE'), { id: (await schedule({}, w.creator, cid)).id }, token),
          expect: creatorOnly,
        },
        {
          operation: 'cancelStream',
          call: async (t, w, token) =>
            t.gql(mutate('CANCELLED'), { id: (await schedule({}, w.creator, cid)).id }, token),
          expect: creatorOnly,
        },
      ];
      expect(await runMatrix(t, world, rows)).toEqual([]);
    });
  });
});
